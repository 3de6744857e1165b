/**
 * One indicator as the monitor shows it: its facts (status, latest value,
 * baseline, target, projection with its caveat, where the figures come from)
 * and its chart with the same figures in a table beside it.
 */
import type { UnitOf } from '../../../domain/units.js';
import { renderIndicatorChart } from '../../../web/charts/indicator-chart.js';
import { ResponsiveChart } from '../../../web/charts/responsive-chart.js';
import {
  Cell,
  FootnoteList,
  Footnotes,
  Link,
  NoValue,
  Paragraph,
  Row,
  RowHeader,
  Table,
  TableBody,
  TableHead,
} from '../../../web/components.js';
import { comparisonSign, formatBaseline, formatNumber } from '../../../web/format.js';
import type { Messages } from '../../../web/messages.js';
import type { IndicatorMonitor, YearMeasurement } from '../indicator-monitor.js';
import { describeSeries, type IndicatorBinding, type SeriesSpec } from '../series.js';
import { StatusBadge } from './monitor-parts.js';
import { domId, officialTableUrl } from './monitor-urls.js';

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
      <dd>{indicator.binding ? <BindingSource m={m} binding={indicator.binding} /> : f.bindingNone}</dd>
    </dl>
  );
}

/** One table of a series in plain words, linking to the table's official page: "Politie, geregistreerde misdrijven (CBS-tabel 47022NED)". */
function TableSource({ m, spec }: { m: Messages; spec: SeriesSpec }) {
  const s = m.monitoring.source;
  const name = s.tableNames[spec.table];
  return <Link href={officialTableUrl(spec.service, spec.table)}>{name ? s.table(name, spec.table) : s.unnamedTable(spec.table)}</Link>;
}

/** Where a bound indicator's figures come from: the tables in plain words first, their codes and topics behind a details element. */
export function BindingSource({ m, binding }: { m: Messages; binding: IndicatorBinding }) {
  const s = m.monitoring.source;
  const codes = [describeSeries(binding.numerator), ...(binding.denominator ? [describeSeries(binding.denominator)] : [])];
  return (
    <>
      <TableSource m={m} spec={binding.numerator} />
      {binding.denominator && (
        <>
          {` ${s.dividedBy(formatNumber(binding.scale ?? 1))} `}
          <TableSource m={m} spec={binding.denominator} />
        </>
      )}
      <details class="koers-details">
        <summary>{s.codes}</summary>
        <ul class="koers-inline-list">
          {codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

/** The chart of the indicator as SVG; the figures are in the table beside it too. */
export function indicatorChartSvg(m: Messages, monitor: IndicatorMonitor, idPrefix: string, width?: number): string {
  const { indicator, projection } = monitor;
  return renderIndicatorChart({
    idPrefix,
    width,
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

/** Why a year has no value, as the text of its footnote; null when it has one. */
function noValueNote(m: Messages, year: YearMeasurement): string | null {
  if (year.suppressed) return m.monitoring.values.suppressedNote;
  if (year.value === null) return m.monitoring.values.noValueNote;
  return null;
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
  if (monitor.years.length === 0) return <Paragraph>{t.empty}</Paragraph>;
  const notes = new Footnotes(`jaren-${domId(monitor.indicator.key)}`);
  const years = [...monitor.years]
    .sort((a, b) => a.year - b.year)
    .map((year) => {
      const note = noValueNote(m, year);
      return { year, numbers: note ? notes.refer([note]) : [] };
    });
  return (
    <>
      <Table caption={t.caption(monitor.indicator.name)} cardsOnPhone={false}>
        <TableHead columns={[t.year, t.value, t.status, t.remark]} />
        <TableBody>
          {years.map(({ year, numbers }) => (
            <Row>
              <RowHeader>{String(year.year)}</RowHeader>
              <Cell label={t.value}>
                {year.value === null ? (
                  <NoValue notes={notes} numbers={numbers} noValue={m.common.noValue} footnote={m.common.footnote} />
                ) : (
                  valueInUnit(m, year.value, monitor.indicator)
                )}
              </Cell>
              <Cell label={t.status}>
                <StatusBadge m={m} status={year.status} />
              </Cell>
              <Cell label={t.remark}>{remarkCell(m, year)}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
      <FootnoteList notes={notes} label={m.common.footnotes} />
    </>
  );
}

/** Chart and table side by side on a wide screen, the table below the chart on a narrow one. */
export function ChartWithTable({ m, monitor, idPrefix }: { m: Messages; monitor: IndicatorMonitor; idPrefix?: string }) {
  return (
    <div class="koers-chart-with-table">
      <div class="koers-chart-with-table__chart">
        <ResponsiveChart
          render={(width, suffix) =>
            indicatorChartSvg(m, monitor, `${idPrefix ?? `grafiek-${domId(monitor.indicator.key)}`}${suffix}`, width)
          }
        />
      </div>
      <div class="koers-chart-with-table__table">
        <YearTable m={m} monitor={monitor} />
      </div>
    </div>
  );
}
