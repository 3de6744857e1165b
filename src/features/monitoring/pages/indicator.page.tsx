/**
 * `/plannen/:planId/monitor/indicatoren/:indicatorKey`: one indicator with its
 * chart, every yearly and sub-year measurement, the full history (superseded
 * entries too, with who entered them, when and from which source) and, for
 * those allowed, the form to enter a measurement by hand.
 */
import { periodLabel } from '../../../domain/periods.js';
import type { Plan } from '../../../domain/plan.js';
import { takesRatio, type UnitOf } from '../../../domain/units.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { capitalise, formatDateTime } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { PlanNav, themeTitle } from '../../plans/pages/plan-parts.js';
import type { IndicatorMonitor } from '../indicator-monitor.js';
import type { Measurement } from '../measurement.repository.js';
import { ChartWithTable, IndicatorFacts, valueInUnit } from './indicator-parts.js';
import {
  CheckboxField,
  CsrfField,
  describeSource,
  ErrorSummary,
  type FormState,
  MonitorNav,
  monitorCrumbs,
  Notice,
  pageTitle,
  problemsOf,
  SubmitButton,
  TextArea,
  TextField,
} from './monitor-parts.js';
import { indicatorFormUrl, monitorUrl } from './monitor-urls.js';

export interface IndicatorPageProps {
  m: Messages;
  plan: Plan;
  monitor: IndicatorMonitor;
  /** Every measurement of the indicator, current and superseded, newest entry first. */
  history: Measurement[];
  mayEdit: boolean;
  csrf: string;
  notice?: string;
  /** The measurement form sent back with problems. */
  form?: FormState;
}

/** The fields of the measurement form, by name, in the order they appear. */
export const MEASUREMENT_FIELDS = ['periode', 'waarde', 'teller', 'noemer', 'afgeschermd', 'toelichting'] as const;
const fieldId = (field: string) => `meting-${field}`;

export function IndicatorMonitorPage({ m, plan, monitor, history, mayEdit, csrf, notice, form }: IndicatorPageProps) {
  const t = m.monitoring.indicator;
  const { indicator } = monitor;
  const hasErrors = (form?.problems.length ?? 0) > 0;
  return (
    <Layout
      m={m}
      title={pageTitle(m, plan, capitalise(indicator.name), hasErrors)}
      crumbs={monitorCrumbs(m, plan, capitalise(indicator.name))}
    >
      <Heading level={1}>{capitalise(indicator.name)}</Heading>
      <PlanNav m={m} plan={plan} current="monitor" />
      <MonitorNav m={m} plan={plan} />
      {notice && <Notice>{notice}</Notice>}
      {form && hasErrors && (
        <ErrorSummary
          m={m}
          problems={form.problems.map((problem) => {
            const known = (MEASUREMENT_FIELDS as readonly string[]).includes(problem.path);
            return {
              fieldId: known ? fieldId(problem.path) : undefined,
              text: `${known ? fieldLabel(m, problem.path) : problem.path}: ${problem.message}`,
            };
          })}
        />
      )}
      <Paragraph lead>
        {`${m.monitoring.monitor.columnTheme}: ${monitor.theme ? themeTitle(m, monitor.theme) : m.monitoring.monitor.planWide}. ${m.indicatorTable.source}: ${capitalise(indicator.source)}.`}
      </Paragraph>
      <IndicatorFacts m={m} monitor={monitor} />
      <ChartWithTable m={m} monitor={monitor} idPrefix="grafiek-indicator" />
      <SubYear m={m} monitor={monitor} />
      <History m={m} monitor={monitor} history={history} />
      {mayEdit && <MeasurementForm m={m} plan={plan} monitor={monitor} csrf={csrf} form={form} />}
      <Paragraph>
        <Link href={monitorUrl(plan.id)}>{t.back}</Link>
      </Paragraph>
    </Layout>
  );
}

function fieldLabel(m: Messages, field: string): string {
  const t = m.monitoring.indicator;
  const labels: Record<string, string> = {
    periode: t.period,
    waarde: t.value,
    teller: t.numerator,
    noemer: t.denominator,
    afgeschermd: t.suppressed,
    toelichting: t.note,
  };
  return labels[field] ?? field;
}

function valueText(m: Messages, measurement: Pick<Measurement, 'value' | 'suppressed'>, unitOf: UnitOf): string {
  if (measurement.suppressed) return m.monitoring.values.suppressed;
  return measurement.value === null ? m.monitoring.values.noValue : valueInUnit(m, measurement.value, unitOf);
}

function remark(m: Messages, measurement: Measurement): string {
  const parts: string[] = [];
  if (measurement.periodStatus === 'voorlopig' || measurement.periodStatus === 'nader-voorlopig') {
    parts.push(m.monitoring.periodStatus[measurement.periodStatus]);
  }
  if (measurement.note) parts.push(measurement.note);
  return parts.join(m.common.listSeparator);
}

function SubYear({ m, monitor }: { m: Messages; monitor: IndicatorMonitor }) {
  const t = m.monitoring.indicator;
  return (
    <section class="koers-section" aria-labelledby="per-maand">
      <Heading level={2} id="per-maand">
        {t.subYear}
      </Heading>
      {monitor.subYear.length === 0 ? (
        <Paragraph>{t.subYearEmpty}</Paragraph>
      ) : (
        <Table caption={t.subYearCaption(monitor.indicator.name)}>
          <TableHead columns={[t.columnPeriod, t.columnValue, t.columnSource, t.columnNote]} />
          <TableBody>
            {monitor.subYear.map((measurement) => (
              <Row>
                <RowHeader>{periodLabel(measurement.period)}</RowHeader>
                <Cell label={t.columnValue}>{valueText(m, measurement, monitor.indicator)}</Cell>
                <Cell label={t.columnSource}>{describeSource(m, measurement)}</Cell>
                <Cell label={t.columnNote}>{remark(m, measurement)}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function History({ m, monitor, history }: { m: Messages; monitor: IndicatorMonitor; history: Measurement[] }) {
  const t = m.monitoring.indicator;
  return (
    <section class="koers-section" aria-labelledby="geschiedenis">
      <Heading level={2} id="geschiedenis">
        {t.history}
      </Heading>
      <Paragraph>{t.historyIntro}</Paragraph>
      {history.length === 0 ? (
        <Paragraph>{t.historyEmpty}</Paragraph>
      ) : (
        <Table caption={t.historyCaption(monitor.indicator.name)}>
          <TableHead columns={[t.columnPeriod, t.columnValue, t.columnSource, t.columnBy, t.columnAt, t.columnNote, t.columnState]} />
          <TableBody>
            {history.map((measurement) => (
              <Row>
                <RowHeader>{periodLabel(measurement.period)}</RowHeader>
                <Cell label={t.columnValue}>{valueText(m, measurement, monitor.indicator)}</Cell>
                <Cell label={t.columnSource}>{describeSource(m, measurement)}</Cell>
                <Cell label={t.columnBy}>{measurement.enteredByLabel}</Cell>
                <Cell label={t.columnAt}>{formatDateTime(measurement.enteredAt)}</Cell>
                <Cell label={t.columnNote}>{remark(m, measurement)}</Cell>
                <Cell label={t.columnState}>
                  {measurement.supersededAt === null ? t.current : t.supersededOn(formatDateTime(measurement.supersededAt))}
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function MeasurementForm({
  m,
  plan,
  monitor,
  csrf,
  form,
}: {
  m: Messages;
  plan: Plan;
  monitor: IndicatorMonitor;
  csrf: string;
  form?: FormState;
}) {
  const t = m.monitoring.indicator;
  const values = form?.values ?? {};
  const ratio = takesRatio(monitor.indicator.unit);
  return (
    <section class="koers-section koers-form-section" aria-labelledby="meting-invoeren">
      <Heading level={2} id="meting-invoeren">
        {t.form}
      </Heading>
      <Paragraph>{ratio ? t.formIntroRatio : t.formIntro}</Paragraph>
      <form class="koers-form" method="post" action={indicatorFormUrl(plan.id, monitor.indicator.key)}>
        <CsrfField token={csrf} />
        <TextField
          id={fieldId('periode')}
          name="periode"
          label={t.period}
          hint={t.periodHint}
          required
          value={values.periode}
          errors={problemsOf(form, 'periode')}
        />
        <TextField
          id={fieldId('waarde')}
          name="waarde"
          label={t.value}
          hint={t.valueHint(m.unit(monitor.indicator))}
          inputmode="decimal"
          value={values.waarde}
          errors={problemsOf(form, 'waarde')}
        />
        {ratio && (
          <>
            <TextField
              id={fieldId('teller')}
              name="teller"
              label={t.numerator}
              hint={t.numeratorHint}
              inputmode="decimal"
              value={values.teller}
              errors={problemsOf(form, 'teller')}
            />
            <TextField
              id={fieldId('noemer')}
              name="noemer"
              label={t.denominator}
              hint={t.denominatorHint}
              inputmode="decimal"
              value={values.noemer}
              errors={problemsOf(form, 'noemer')}
            />
          </>
        )}
        <CheckboxField
          id={fieldId('afgeschermd')}
          name="afgeschermd"
          label={t.suppressed}
          checked={values.afgeschermd === 'ja'}
          errors={problemsOf(form, 'afgeschermd')}
        />
        <TextArea
          id={fieldId('toelichting')}
          name="toelichting"
          label={t.note}
          value={values.toelichting}
          errors={problemsOf(form, 'toelichting')}
        />
        <SubmitButton>{t.submit}</SubmitButton>
      </form>
    </section>
  );
}
