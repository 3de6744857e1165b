/**
 * `/plannen/:planId/monitor/tactisch?soort=<code>`: the monthly police
 * figures. A table of every crime type with its latest month, and for the
 * chosen type the last 24 months as a chart and a table: each month against
 * the same month a year earlier and against the band of the three years
 * before. A month above its band says so in words and with a marker.
 */
import type { TacticalRow } from '../../../domain/tactical.js';
import { renderMonthlyChart } from '../../../web/charts/monthly-chart.js';
import { ResponsiveChart } from '../../../web/charts/responsive-chart.js';
import {
  Cell,
  FootnoteList,
  Footnotes,
  Heading,
  Link,
  NoValue,
  Paragraph,
  Row,
  RowHeader,
  Table,
  TableBody,
  TableHead,
} from '../../../web/components.js';
import { formatNumber } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { AsOfField } from '../../plans/pages/as-of.js';
import { PlanNav } from '../../plans/pages/plan-parts.js';
import type { TacticalView } from '../police-figures.js';
import { formatSigned, MonitorNav, monitorCrumbs, monthName, pageTitle, SelectField, SubmitButton } from './monitor-parts.js';
import { monitorUrl, tacticalUrl } from './monitor-urls.js';

export interface TacticalPageProps {
  m: Messages;
  view: TacticalView;
  /** Whether the visitor may refresh the open data; only then the page points to "Vernieuw cijfers". */
  mayRefresh: boolean;
}

export function TacticalPage({ m, view, mayRefresh }: TacticalPageProps) {
  const t = m.monitoring.tactical;
  const { plan } = view;
  const several = plan.municipalities.length > 1;
  const municipality = several ? view.municipality.code : undefined;
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title)} crumbs={monitorCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="monitor" />
      <MonitorNav m={m} plan={plan} current="tactical" />
      <Paragraph lead>{t.intro(view.municipality.name)}</Paragraph>
      <Paragraph>{t.band}</Paragraph>
      {several && (
        <form class="koers-filter" method="get" action={tacticalUrl(plan.id)} aria-label={t.municipalityForm}>
          <AsOfField />
          <div class="koers-filter__fields">
            <SelectField
              id="tactisch-gemeente"
              name="gemeente"
              label={t.municipality}
              options={plan.municipalities.map((candidate) => ({ value: candidate.code, label: candidate.name }))}
              selected={view.municipality.code}
            />
          </div>
          <div class="koers-filter__actions">
            <SubmitButton secondary>{t.show}</SubmitButton>
          </div>
        </form>
      )}
      {view.categories.length === 0 ? (
        <>
          <Paragraph>{t.noData}</Paragraph>
          {mayRefresh && (
            <Paragraph>
              {`${t.noDataRefresh} `}
              <Link href={`${monitorUrl(plan.id)}#vernieuwen`}>{m.monitoring.monitor.refreshButton}</Link>
            </Paragraph>
          )}
        </>
      ) : (
        <>
          {view.tableTitle && <Paragraph class="koers-muted">{t.source(view.tableTitle)}</Paragraph>}
          {view.selected && <Selected m={m} selected={view.selected} />}
          <Categories m={m} view={view} municipality={municipality} />
        </>
      )}
    </Layout>
  );
}

function Categories({ m, view, municipality }: { m: Messages; view: TacticalView; municipality: string | undefined }) {
  const t = m.monitoring.tactical;
  const notes = new Footnotes('soorten');
  const rows = view.categories.map((category) => {
    const noMonth = category.latest ? [] : notes.refer([t.noMonthsNote]);
    const refer = (value: number | null | undefined) => (value === null ? notes.refer([t.noFigureNote]) : noMonth);
    return { category, noMonth, value: refer(category.latest?.value), lastYear: refer(category.latest?.sameMonthLastYear) };
  });
  const dash = (numbers: number[]) => <NoValue notes={notes} numbers={numbers} noValue={m.common.noValue} footnote={m.common.footnote} />;
  const figure = (value: number | null | undefined, numbers: number[]) =>
    value === null || value === undefined ? dash(numbers) : formatNumber(value);
  return (
    <section class="koers-section" aria-labelledby="soorten">
      <Heading level={2} id="soorten">
        {t.categoriesHeading}
      </Heading>
      <Table caption={t.categoriesCaption}>
        <TableHead columns={[t.columnCategory, t.columnLatestMonth, t.columnValue, t.columnLastYear, t.columnFlagged]} />
        <TableBody>
          {rows.map(({ category, noMonth, value, lastYear }) => {
            const chosen = category.code === view.selected?.code;
            return (
              <Row>
                <RowHeader>
                  <Link href={`${tacticalUrl(view.plan.id, { soort: category.code, gemeente: municipality })}#gekozen`} current={chosen}>
                    {`${category.code} ${category.title}`}
                  </Link>
                  {chosen && <span class="koers-muted">{` (${t.chosen})`}</span>}
                </RowHeader>
                <Cell label={t.columnLatestMonth}>
                  {category.latest ? monthName(category.latest.year, category.latest.month) : dash(noMonth)}
                </Cell>
                <Cell label={t.columnValue}>{figure(category.latest?.value, value)}</Cell>
                <Cell label={t.columnLastYear}>{figure(category.latest?.sameMonthLastYear, lastYear)}</Cell>
                <Cell label={t.columnFlagged}>
                  {category.flagged > 0 && (
                    <span class="koers-above-band__marker" aria-hidden="true">
                      ▲{' '}
                    </span>
                  )}
                  {t.flaggedCount(category.flagged)}
                </Cell>
              </Row>
            );
          })}
        </TableBody>
      </Table>
      <FootnoteList notes={notes} label={m.common.footnotes} />
    </section>
  );
}

function changeText(m: Messages, row: TacticalRow): string {
  if (row.change === null) return m.monitoring.values.noFigure;
  const percent = row.changePercent === null ? '' : ` (${formatSigned(row.changePercent)}%)`;
  return `${formatSigned(row.change)}${percent}`;
}

function Flag({ m, row }: { m: Messages; row: TacticalRow }) {
  const t = m.monitoring.tactical;
  if (row.aboveBand) {
    return (
      <span class="koers-above-band">
        <span class="koers-above-band__marker" aria-hidden="true">
          ▲
        </span>{' '}
        {t.aboveBand}
      </span>
    );
  }
  return <>{t.notAboveBand}</>;
}

function Selected({ m, selected }: { m: Messages; selected: NonNullable<TacticalView['selected']> }) {
  const t = m.monitoring.tactical;
  const title = `${selected.code} ${selected.title}`;
  const notes = new Footnotes('maanden');
  const refer = (missing: boolean, text: string) => (missing ? notes.refer([text]) : []);
  const rows = selected.rows.map((row) => ({
    row,
    value: refer(row.value === null, t.noFigureNote),
    lastYear: refer(row.sameMonthLastYear === null, t.noFigureNote),
    change: refer(row.change === null, t.noChangeNote),
    band: refer(row.band === null, t.noBandNote),
  }));
  const dash = (numbers: number[]) => <NoValue notes={notes} numbers={numbers} noValue={m.common.noValue} footnote={m.common.footnote} />;
  return (
    <section class="koers-section" aria-labelledby="gekozen">
      <Heading level={2} id="gekozen">
        {title}
      </Heading>
      {selected.rows.length === 0 ? (
        <Paragraph>{t.noMonths}</Paragraph>
      ) : (
        <div class="koers-chart-with-table koers-chart-with-table--stacked">
          <div class="koers-chart-with-table__chart">
            <ResponsiveChart
              render={(width, suffix) =>
                renderMonthlyChart({ idPrefix: `grafiek-tactisch${suffix}`, width, title: t.chartTitle(title), rows: selected.rows })
              }
            />
          </div>
          <div class="koers-chart-with-table__table">
            <Table caption={t.monthsCaption(title)}>
              <TableHead columns={[t.columnMonth, t.columnValue, t.columnLastYear, t.columnChange, t.columnBand, t.columnFlag]} />
              <TableBody>
                {rows.map(({ row, value, lastYear, change, band }) => (
                  <Row>
                    <RowHeader>{monthName(row.year, row.month)}</RowHeader>
                    <Cell label={t.columnValue}>{row.value === null ? dash(value) : formatNumber(row.value)}</Cell>
                    <Cell label={t.columnLastYear}>
                      {row.sameMonthLastYear === null ? dash(lastYear) : formatNumber(row.sameMonthLastYear)}
                    </Cell>
                    <Cell label={t.columnChange}>{row.change === null ? dash(change) : changeText(m, row)}</Cell>
                    <Cell label={t.columnBand}>
                      {row.band ? t.bandRange(formatNumber(row.band.min), formatNumber(row.band.max)) : dash(band)}
                    </Cell>
                    <Cell label={t.columnFlag}>{row.band === null && !row.aboveBand ? dash(band) : <Flag m={m} row={row} />}</Cell>
                  </Row>
                ))}
              </TableBody>
            </Table>
            <FootnoteList notes={notes} label={m.common.footnotes} />
          </div>
        </div>
      )}
    </section>
  );
}
