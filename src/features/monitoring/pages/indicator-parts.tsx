/**
 * One indicator as the monitor shows it: its facts (status, latest value,
 * baseline, target, projection with its caveat, where the figures come from)
 * and its chart with the same figures in a table beside it.
 */
import { raw } from 'hono/html';
import type { UnitOf } from '../../../domain/units.js';
import { renderIndicatorChart } from '../../../web/charts/indicator-chart.js';
import { Cell, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { comparisonSign, formatBaseline, formatNumber } from '../../../web/format.js';
import type { Messages } from '../../../web/messages.js';
import type { IndicatorMonitor, YearMeasurement } from '../indicator-monitor.js';
import { StatusBadge } from './monitor-parts.js';
import { domId } from './monitor-urls.js';

/** The unit as the chart names it: the percent sign for percentages, words otherwise. */
export function chartUnitLabel(m: Messages, unitOf: UnitOf): string {
  return unitOf.unit === 'percentage' ? '%' : m.unit(unitOf);
}

/** A value with its unit in words: "29,1 per 1.000 inwoners", "3,5%". */
export function valueInUnit(m: Messages, value: number, unitOf: UnitOf): string {
  return m.valueInUnit(formatNumber(value), unitOf);
}

/** "29,1 in 2021", or "nog geen meting". */
export function latestText(m: Messages, monitor: IndicatorMonitor): string {
  const { current, indicator } = monitor;
  if (current.value === null || current.year === null) return m.monitoring.values.noMeasurement;
  return m.monitoring.values.inYear(valueInUnit(m, current.value, indicator), current.year);
}

/** "≤ 28 per 1.000 inwoners in 2022". */
export function targetText(m: Messages, monitor: IndicatorMonitor): string {
  const { indicator } = monitor;
  const target = `${comparisonSign(indicator.targetComparison)} ${valueInUnit(m, indicator.targetValue, indicator)}`;
  return m.indicatorTable.targetInYear(target, indicator.targetYear);
}

/** The projected value in the target year, with the caveat when it rests on fewer than three measurements. */
export function ProjectionText({ m, monitor }: { m: Messages; monitor: IndicatorMonitor }) {
  const f = m.monitoring.facts;
  const { projection, indicator } = monitor;
  if (!projection) return <>{f.projectionNone}</>;
  return (
    <>
      {valueInUnit(m, projection.projectedValue, indicator)} <StatusBadge m={m} status={monitor.projectedStatus} />{' '}
      <span class="koers-muted">{`(${f.projectionBasis(projection.pointsUsed)})`}</span>
      {!projection.reliable && <span class="koers-caveat">{f.projectionCaveat}</span>}
    </>
  );
}

export function IndicatorFacts({ m, monitor }: { m: Messages; monitor: IndicatorMonitor }) {
  const f = m.monitoring.facts;
  const { indicator } = monitor;
  return (
    <dl class="koers-facts">
      <dt>{f.status}</dt>
      <dd>
        <StatusBadge m={m} status={monitor.current.status} />{' '}
        <span class="koers-muted">{m.monitoring.statusMeaning[monitor.current.status]}</span>
      </dd>
      <dt>{f.latest}</dt>
      <dd>{latestText(m, monitor)}</dd>
      <dt>{f.unit}</dt>
      <dd>{m.unit(indicator)}</dd>
      <dt>{f.baseline}</dt>
      <dd>{formatBaseline(indicator)}</dd>
      <dt>{f.target}</dt>
      <dd>{targetText(m, monitor)}</dd>
      <dt>{f.projection(indicator.targetYear)}</dt>
      <dd>
        <ProjectionText m={m} monitor={monitor} />
      </dd>
      <dt>{f.binding}</dt>
      <dd>{monitor.binding ?? f.bindingNone}</dd>
    </dl>
  );
}

/** The chart of the indicator as SVG; the figures are in the table beside it too. */
export function indicatorChartSvg(m: Messages, monitor: IndicatorMonitor, idPrefix: string): string {
  const { indicator, projection } = monitor;
  return renderIndicatorChart({
    idPrefix,
    title: m.monitoring.chartTitle(indicator.name),
    unitLabel: chartUnitLabel(m, indicator),
    baseline: { year: indicator.baselineYear, value: indicator.baselineValue },
    target: { comparison: indicator.targetComparison, year: indicator.targetYear, value: indicator.targetValue },
    measurements: monitor.years.flatMap((year) => (year.value === null ? [] : [{ year: year.year, value: year.value }])),
    path: monitor.path,
    projection: projection ? projection.line : null,
    projectionReliable: projection?.reliable ?? false,
  });
}

function valueCell(m: Messages, year: YearMeasurement, unitOf: UnitOf): string {
  if (year.suppressed) return m.monitoring.values.suppressed;
  if (year.value === null) return m.monitoring.values.noValue;
  return valueInUnit(m, year.value, unitOf);
}

function remarkCell(m: Messages, year: YearMeasurement): string {
  const parts: string[] = [];
  const periodStatus = year.measurement.periodStatus;
  if (periodStatus === 'voorlopig' || periodStatus === 'nader-voorlopig') parts.push(m.monitoring.periodStatus[periodStatus]);
  if (year.measurement.note) parts.push(year.measurement.note);
  return parts.join(m.common.listSeparator);
}

export function YearTable({ m, monitor }: { m: Messages; monitor: IndicatorMonitor }) {
  const t = m.monitoring.yearTable;
  const years = [...monitor.years].sort((a, b) => a.year - b.year);
  if (years.length === 0) return <Paragraph>{t.empty}</Paragraph>;
  return (
    <Table caption={t.caption(monitor.indicator.name)}>
      <TableHead columns={[t.year, t.value, t.status, t.remark]} />
      <TableBody>
        {years.map((year) => (
          <Row>
            <RowHeader>{String(year.year)}</RowHeader>
            <Cell>{valueCell(m, year, monitor.indicator)}</Cell>
            <Cell>
              <StatusBadge m={m} status={year.status} />
            </Cell>
            <Cell>{remarkCell(m, year)}</Cell>
          </Row>
        ))}
      </TableBody>
    </Table>
  );
}

/** Chart and table side by side on a wide screen, the table below the chart on a narrow one. */
export function ChartWithTable({ m, monitor, idPrefix }: { m: Messages; monitor: IndicatorMonitor; idPrefix?: string }) {
  return (
    <div class="koers-chart-with-table">
      <div class="koers-chart-with-table__chart">
        {raw(indicatorChartSvg(m, monitor, idPrefix ?? `grafiek-${domId(monitor.indicator.key)}`))}
      </div>
      <div class="koers-chart-with-table__table">
        <YearTable m={m} monitor={monitor} />
      </div>
    </div>
  );
}
