/**
 * `/plannen/:planId/monitor/bbv`: the five mandatory BBV safety indicators per
 * municipality and year of the plan, with one decimal, or a dash with a
 * footnote for each cause of a figure that cannot be computed (each cause once
 * per table); and for those allowed the form to enter the Halt referrals of a
 * year, the one figure that is not open data.
 */
import {
  Cell,
  CsvLink,
  FootnoteList,
  Footnotes,
  Heading,
  NoValue,
  Paragraph,
  Row,
  RowHeader,
  Table,
  TableBody,
  TableHead,
} from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { PlanNav } from '../../plans/pages/plan-parts.js';
import type { BbvView } from '../police-figures.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  formatOneDecimal,
  MonitorNav,
  monitorCrumbs,
  Notice,
  pageTitle,
  problemsOf,
  SelectField,
  SubmitButton,
  TextField,
} from './monitor-parts.js';
import { bbvCsvUrl, bbvFormUrl } from './monitor-urls.js';

export interface BbvPageProps {
  m: Messages;
  view: BbvView;
  csrf: string;
  notice?: string;
  form?: FormState;
}

const BBV_FIELDS = ['gemeente', 'jaar', 'aantal'] as const;
const fieldId = (field: string) => `halt-${field}`;

export function BbvPage({ m, view, csrf, notice, form }: BbvPageProps) {
  const t = m.monitoring.bbv;
  const { plan } = view;
  const hasErrors = (form?.problems.length ?? 0) > 0;
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title, hasErrors)} crumbs={monitorCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="monitor" />
      <MonitorNav m={m} plan={plan} current="bbv" />
      {notice && <Notice>{notice}</Notice>}
      {form && hasErrors && (
        <ErrorSummary
          m={m}
          problems={form.problems.map((problem) => {
            const known = (BBV_FIELDS as readonly string[]).includes(problem.path);
            return {
              fieldId: known ? fieldId(problem.path) : undefined,
              text: `${known ? fieldLabel(m, problem.path) : problem.path}: ${problem.message}`,
            };
          })}
        />
      )}
      <Paragraph lead>{t.intro}</Paragraph>
      {view.municipalities.length === 0 && <Paragraph>{t.noMunicipalities}</Paragraph>}
      {view.municipalities.map((municipality) => (
        <section class="koers-section" aria-labelledby={`bbv-${municipality.code}`}>
          <Heading level={2} id={`bbv-${municipality.code}`}>
            {`${municipality.name} (${municipality.code})`}
          </Heading>
          <MunicipalityTable m={m} view={view} municipality={municipality} />
        </section>
      ))}
      {view.municipalities.length > 0 && <CsvLink href={bbvCsvUrl(plan.id)}>{m.common.downloadCsv}</CsvLink>}
      {view.may.edit && view.municipalities.length > 0 && <HaltForm m={m} view={view} csrf={csrf} form={form} />}
    </Layout>
  );
}

function fieldLabel(m: Messages, field: string): string {
  const t = m.monitoring.bbv;
  return field === 'gemeente' ? t.municipality : field === 'jaar' ? t.year : field === 'aantal' ? t.count : field;
}

function MunicipalityTable({ m, view, municipality }: { m: Messages; view: BbvView; municipality: BbvView['municipalities'][number] }) {
  const t = m.monitoring.bbv;
  const notes = new Footnotes(`bbv-${municipality.code}`);
  // years[y][i]: the year's five indicators in catalogue order; the table turns it round, one row per indicator.
  const rows = (municipality.years[0] ?? []).map((indicator, index) => ({
    name: indicator.name,
    cells: view.years.map((year, yearIndex) => {
      const value = municipality.years[yearIndex]?.[index];
      const causes = value ? value.causes.map((cause) => t.causes[cause]) : [];
      return { year, value: value?.value ?? null, numbers: notes.refer(causes) };
    }),
  }));
  return (
    <>
      <Table caption={t.caption(municipality.name)}>
        <TableHead columns={[t.columnIndicator, ...view.years.map(String)]} />
        <TableBody>
          {rows.map((row) => (
            <Row>
              <RowHeader>{row.name}</RowHeader>
              {row.cells.map((cell) => (
                <Cell label={String(cell.year)}>
                  {cell.value === null ? (
                    <NoValue notes={notes} numbers={cell.numbers} noValue={m.common.noValue} footnote={m.common.footnote} />
                  ) : (
                    formatOneDecimal(cell.value)
                  )}
                </Cell>
              ))}
            </Row>
          ))}
        </TableBody>
      </Table>
      <FootnoteList notes={notes} label={m.common.footnotes} />
    </>
  );
}

function HaltForm({ m, view, csrf, form }: { m: Messages; view: BbvView; csrf: string; form?: FormState }) {
  const t = m.monitoring.bbv;
  const values = form?.values ?? {};
  return (
    <section class="koers-section koers-form-section" aria-labelledby="halt-invoeren">
      <Heading level={2} id="halt-invoeren">
        {t.formHeading}
      </Heading>
      <Paragraph>{t.formIntro}</Paragraph>
      <form class="koers-form" method="post" action={bbvFormUrl(view.plan.id)}>
        <CsrfField token={csrf} />
        <SelectField
          id={fieldId('gemeente')}
          name="gemeente"
          label={t.municipality}
          options={view.municipalities
            .filter((municipality) => view.may.municipalities.includes(municipality.code))
            .map((municipality) => ({ value: municipality.code, label: municipality.name }))}
          selected={values.gemeente}
          errors={problemsOf(form, 'gemeente')}
        />
        <SelectField
          id={fieldId('jaar')}
          name="jaar"
          label={t.year}
          options={[...view.years].reverse().map((year) => ({ value: String(year), label: String(year) }))}
          selected={values.jaar}
          errors={problemsOf(form, 'jaar')}
        />
        <TextField
          id={fieldId('aantal')}
          name="aantal"
          label={t.count}
          hint={t.countHint}
          inputmode="numeric"
          required
          value={values.aantal}
          errors={problemsOf(form, 'aantal')}
        />
        <SubmitButton>{t.submit}</SubmitButton>
      </form>
    </section>
  );
}
