/**
 * `/plannen/:planId/monitor/wijken?bron=misdrijven|overlast&code=<code>&jaar=<year>`:
 * a yearly police figure per wijk, as a table and a bar chart, with the
 * municipal total. A plain GET form chooses source, type and year. A figure
 * the source withholds is a dash with a footnote, never 0. The table is also
 * a CSV download with the same choice.
 */
import { renderAreaChart } from '../../../web/charts/area-chart.js';
import { ResponsiveChart } from '../../../web/charts/responsive-chart.js';
import {
  Cell,
  CsvLink,
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
import type { DistrictView } from '../police-figures.js';
import { MonitorNav, monitorCrumbs, pageTitle, SelectField, SubmitButton } from './monitor-parts.js';
import { districtsCsvUrl, districtsUrl, monitorUrl } from './monitor-urls.js';

export type DistrictPageView = DistrictView & { codes: { code: string; title: string }[] };

export interface DistrictsPageProps {
  m: Messages;
  view: DistrictPageView;
  mayRefresh: boolean;
}

/** The hidden field that remembers the source the form was shown for, so switching source starts afresh. */
export const PREVIOUS_SOURCE_FIELD = 'vorige-bron';

export function DistrictsPage({ m, view, mayRefresh }: DistrictsPageProps) {
  const t = m.monitoring.districts;
  const { plan } = view;
  const noTable = view.codes.length === 0 && view.years.length === 0;
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title)} crumbs={monitorCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="monitor" />
      <MonitorNav m={m} plan={plan} current="districts" />
      <Paragraph lead>{t.intro(view.municipality.name)}</Paragraph>
      <Filter m={m} view={view} />
      {noTable ? (
        <>
          <Paragraph>{t.noData}</Paragraph>
          {mayRefresh && (
            <Paragraph>
              {`${m.monitoring.tactical.noDataRefresh} `}
              <Link href={`${monitorUrl(plan.id)}#vernieuwen`}>{m.monitoring.monitor.refreshButton}</Link>
            </Paragraph>
          )}
        </>
      ) : view.year === null ? (
        <Paragraph>{t.noYear}</Paragraph>
      ) : (
        <Figures m={m} view={view} year={view.year} />
      )}
    </Layout>
  );
}

function what(m: Messages, view: DistrictPageView): string {
  const title = view.codes.find((candidate) => candidate.code === view.code)?.title;
  return title ? `${m.monitoring.districts.sources[view.source]}: ${title}` : m.monitoring.districts.sources[view.source];
}

function Filter({ m, view }: { m: Messages; view: DistrictPageView }) {
  const t = m.monitoring.districts;
  const several = view.plan.municipalities.length > 1;
  return (
    <form class="koers-filter" method="get" action={districtsUrl(view.plan.id)} aria-labelledby="wijken-keuze">
      <Heading level={2} id="wijken-keuze">
        {t.filterHeading}
      </Heading>
      <input type="hidden" name={PREVIOUS_SOURCE_FIELD} value={view.source} />
      <AsOfField />
      <div class="koers-filter__fields">
        {several && (
          <SelectField
            id="wijken-gemeente"
            name="gemeente"
            label={t.municipality}
            options={view.plan.municipalities.map((candidate) => ({ value: candidate.code, label: candidate.name }))}
            selected={view.municipality.code}
          />
        )}
        <SelectField
          id="wijken-bron"
          name="bron"
          label={t.source}
          hint={t.sourceHint}
          options={(['misdrijven', 'overlast'] as const).map((source) => ({ value: source, label: t.sources[source] }))}
          selected={view.source}
        />
        {view.codes.length > 0 && (
          <SelectField
            id="wijken-code"
            name="code"
            label={t.code}
            options={view.codes.map((candidate) => ({ value: candidate.code, label: `${candidate.code} ${candidate.title}` }))}
            selected={view.code}
          />
        )}
        {view.years.length > 0 && (
          <SelectField
            id="wijken-jaar"
            name="jaar"
            label={t.year}
            options={[...view.years].reverse().map((year) => ({ value: String(year), label: String(year) }))}
            selected={view.year === null ? undefined : String(view.year)}
          />
        )}
      </div>
      <div class="koers-filter__actions">
        <SubmitButton secondary>{t.show}</SubmitButton>
      </div>
    </form>
  );
}

function Figures({ m, view, year }: { m: Messages; view: DistrictPageView; year: number }) {
  const t = m.monitoring.districts;
  const subject = what(m, view);
  const notes = new Footnotes('wijken');
  const refer = (value: number | null) => (value === null ? notes.refer([m.monitoring.values.suppressedNote]) : []);
  const rows = [
    ...view.districts.map((district) => ({ name: district.name, value: district.value, numbers: refer(district.value) })),
    { name: t.total(view.municipality.name), value: view.total, numbers: refer(view.total) },
  ];
  const shown = (row: { value: number | null; numbers: number[] }) =>
    row.value === null ? (
      <NoValue notes={notes} numbers={row.numbers} noValue={m.common.noValue} footnote={m.common.footnote} />
    ) : (
      formatNumber(row.value)
    );
  const total = rows[rows.length - 1]!;
  const csvQuery = { bron: view.source, code: view.code, jaar: String(year), gemeente: view.municipality.code };
  return (
    <section class="koers-section" aria-labelledby="per-wijk">
      <Heading level={2} id="per-wijk">
        {t.caption(subject, year)}
      </Heading>
      {view.districts.length === 0 ? (
        <Paragraph>{t.noDistricts}</Paragraph>
      ) : (
        <div class="koers-chart-with-table">
          <div class="koers-chart-with-table__chart">
            <ResponsiveChart
              render={(width, suffix) =>
                renderAreaChart({
                  idPrefix: `grafiek-wijken${suffix}`,
                  width,
                  title: t.caption(subject, year),
                  areas: view.districts.map((district) => ({ name: district.name, value: district.value })),
                  unitLabel: m.unit({ unit: 'count', ageBand: null }),
                })
              }
            />
          </div>
          <div class="koers-chart-with-table__table">
            <Table caption={t.caption(subject, year)}>
              <TableHead columns={[t.columnDistrict, t.columnValue]} />
              <TableBody>
                {rows.map((row) => (
                  <Row>
                    <RowHeader>{row.name}</RowHeader>
                    <Cell label={t.columnValue}>{shown(row)}</Cell>
                  </Row>
                ))}
              </TableBody>
            </Table>
            <FootnoteList notes={notes} label={m.common.footnotes} />
            <CsvLink href={districtsCsvUrl(view.plan.id, csvQuery)}>{m.common.downloadCsv}</CsvLink>
          </div>
        </div>
      )}
      {view.districts.length === 0 && (
        <Paragraph>
          {`${total.name}: `}
          {shown(total)}
        </Paragraph>
      )}
      <Paragraph class="koers-muted">{t.totalNote}</Paragraph>
    </section>
  );
}
