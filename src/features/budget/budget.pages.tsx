/**
 * `/plannen/:planId/begroting`: the budget of a plan per year and theme
 * (planned, realised, extra requested), every current line, and for the
 * coordinator the form to record an amount. Mount with
 * `app.route('/', createBudgetPages(service))`.
 */
import { type Context, Hono } from 'hono';
import { ValidationError } from '../../domain/errors.js';
import { formatEuros, MoneyError, parseEuros } from '../../domain/money.js';
import type { AppEnv } from '../../http/app-env.js';
import { csrfTokenFor } from '../../http/csrf.js';
import { readForm } from '../../http/form.js';
import { renderAreaChart } from '../../web/charts/area-chart.js';
import { ResponsiveChart } from '../../web/charts/responsive-chart.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { formatDateTime } from '../../web/format.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import { nameOfLabel } from '../accounts/actor.js';
import { textOf } from '../monitoring/pages/monitor-forms.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  Notice,
  pageTitle,
  problemsOf,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../monitoring/pages/monitor-parts.js';
import { PlanNav, planCrumbs, themeLabel } from '../plans/pages/plan-parts.js';
import { budgetPageUrl } from '../plans/pages/plan-urls.js';
import { BUDGET_KINDS, BUDGET_SOURCES, type BudgetService, type BudgetView } from './budget.service.js';

function BudgetPage({
  m,
  view,
  csrf,
  notice,
  failed,
}: {
  m: Messages;
  view: BudgetView;
  csrf: string;
  notice?: string;
  failed?: { message: string; state: FormState };
}) {
  const t = m.budget;
  const plan = view.plan;
  const kinds = BUDGET_KINDS.map((kind) => t.kinds[kind]);
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title, Boolean(failed))} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="budget" />
      {failed && (
        <ErrorSummary
          m={m}
          message={failed.message}
          problems={failed.state.problems.map((problem) => ({
            fieldId: `begroting-${problem.path}`,
            text: `${problem.path}: ${problem.message}`,
          }))}
        />
      )}
      {notice && <Notice>{notice}</Notice>}
      <Paragraph lead>{t.intro}</Paragraph>
      <section class="koers-section" aria-labelledby="per-jaar">
        <Heading level={2} id="per-jaar">
          {t.overviewHeading}
        </Heading>
        {view.lines.length === 0 ? (
          <Paragraph>{t.none}</Paragraph>
        ) : (
          <>
            <div class="koers-budget-chart">
              <ResponsiveChart
                render={(width, suffix) =>
                  renderAreaChart({
                    idPrefix: `grafiek-begroting${suffix}`,
                    width,
                    title: t.chartTitle,
                    // Whole euros for the length of the bars; the table beside it gives every amount to the cent.
                    areas: view.totals
                      .filter((total) => total.planned + total.realised + total.requested > 0)
                      .flatMap((total) =>
                        BUDGET_KINDS.map((kind) => ({
                          name: `${total.year} ${t.kinds[kind].toLowerCase()}`,
                          value: Math.round(total[kind] / 100),
                        })),
                      ),
                    unitLabel: t.chartUnit,
                    noun: { one: 'bedrag', many: 'bedragen' },
                  })
                }
              />
            </div>
            <Table caption={t.overviewCaption}>
              <TableHead columns={[t.year, t.theme, ...kinds]} />
              <TableBody>
                {view.years.flatMap((year) => {
                  const total = view.totals.find((candidate) => candidate.year === year);
                  const cells = view.cells.filter((cell) => cell.year === year);
                  if (cells.length === 0 || !total) return [];
                  return [
                    ...cells.map((cell) => (
                      <Row>
                        <Cell label={t.year}>{String(year)}</Cell>
                        <RowHeader>{`${themeLabel(m, cell.theme)}: ${cell.theme.name}`}</RowHeader>
                        <Cell label={t.kinds.planned}>{formatEuros(cell.planned)}</Cell>
                        <Cell label={t.kinds.realised}>{formatEuros(cell.realised)}</Cell>
                        <Cell label={t.kinds.requested}>{formatEuros(cell.requested)}</Cell>
                      </Row>
                    )),
                    <Row>
                      <Cell label={t.year}>{String(year)}</Cell>
                      <RowHeader>{t.wholePlan}</RowHeader>
                      <Cell label={t.kinds.planned}>{formatEuros(total.planned)}</Cell>
                      <Cell label={t.kinds.realised}>{formatEuros(total.realised)}</Cell>
                      <Cell label={t.kinds.requested}>{formatEuros(total.requested)}</Cell>
                    </Row>,
                  ];
                })}
              </TableBody>
            </Table>
          </>
        )}
      </section>
      {view.lines.length > 0 && (
        <section class="koers-section" aria-labelledby="regels">
          <Heading level={2} id="regels">
            {t.linesHeading}
          </Heading>
          <Table caption={t.linesCaption} hideCaption>
            <TableHead columns={[t.forWhat, t.year, t.kind, t.source, t.amount, t.note, t.enteredBy]} />
            <TableBody>
              {view.lines.map((line) => (
                <Row>
                  <RowHeader>
                    {line.activity ? line.activity.name : t.themeOption(`${themeLabel(m, line.theme)}: ${line.theme.name}`)}
                  </RowHeader>
                  <Cell label={t.year}>{String(line.year)}</Cell>
                  <Cell label={t.kind}>{t.kinds[line.kind]}</Cell>
                  <Cell label={t.source}>{t.sources[line.source]}</Cell>
                  <Cell label={t.amount}>{formatEuros(line.amountCents)}</Cell>
                  <Cell label={t.note}>{line.note || m.common.none}</Cell>
                  <Cell label={t.enteredBy}>{`${nameOfLabel(line.enteredByLabel)}, ${formatDateTime(line.enteredAt)}`}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
      {view.may.edit && <BudgetForm m={m} view={view} csrf={csrf} state={failed?.state} />}
      <section class="koers-section" aria-labelledby="begroting-bestand">
        <Heading level={2} id="begroting-bestand">
          {t.fileHeading}
        </Heading>
        <Paragraph>{t.fileIntro}</Paragraph>
        <ul class="koers-inline-list">
          <li>
            <Link href={`${budgetPageUrl(plan.id)}.xlsx`}>{t.fileXlsx}</Link>
          </li>
          <li>
            <Link href={`${budgetPageUrl(plan.id)}.csv`}>{t.fileCsv}</Link>
          </li>
        </ul>
        {view.may.edit && (
          <form
            class="koers-form"
            method="post"
            action={`${budgetPageUrl(plan.id)}/bestand`}
            enctype="multipart/form-data"
            aria-labelledby="begroting-inlezen"
          >
            <Heading level={3} id="begroting-inlezen">
              {t.fileUpload}
            </Heading>
            <CsrfField token={csrf} />
            <TextField id="begroting-bestand-veld" name="bestand" type="file" label={t.fileLabel} accept=".csv,.xlsx" />
            <SubmitButton secondary>{t.fileSubmit}</SubmitButton>
          </form>
        )}
      </section>
    </Layout>
  );
}

function BudgetForm({ m, view, csrf, state }: { m: Messages; view: BudgetView; csrf: string; state?: FormState }) {
  const t = m.budget;
  const targets = [
    { value: '', label: t.chooseTarget },
    ...view.plan.themes.flatMap((theme) => [
      { value: `thema:${theme.key}`, label: t.themeOption(`${themeLabel(m, theme)}: ${theme.name}`) },
      ...theme.workstreams.flatMap((workstream) =>
        workstream.activities.map((activity) => ({
          value: `activiteit:${activity.key}`,
          label: `${themeLabel(m, theme)}: ${activity.name}`,
        })),
      ),
    ]),
  ];
  const id = (field: string) => `begroting-${field}`;
  return (
    <form class="koers-form" method="post" action={budgetPageUrl(view.plan.id)} aria-labelledby="vastleggen-kop">
      <Heading level={2} id="vastleggen-kop">
        {t.formHeading}
      </Heading>
      <CsrfField token={csrf} />
      <SelectField
        id={id('voor')}
        name="voor"
        label={t.forWhat}
        options={targets}
        selected={state?.values.voor}
        errors={problemsOf(state, 'voor')}
      />
      <SelectField
        id={id('jaar')}
        name="jaar"
        label={t.year}
        options={view.years.map((year) => ({ value: String(year), label: String(year) }))}
        selected={state?.values.jaar}
        errors={problemsOf(state, 'jaar')}
      />
      <SelectField
        id={id('soort')}
        name="soort"
        label={t.kind}
        options={BUDGET_KINDS.map((kind) => ({ value: kind, label: t.kinds[kind] }))}
        selected={state?.values.soort}
        errors={problemsOf(state, 'soort')}
      />
      <SelectField
        id={id('bron')}
        name="bron"
        label={t.source}
        options={BUDGET_SOURCES.map((source) => ({ value: source, label: t.sources[source] }))}
        selected={state?.values.bron}
        errors={problemsOf(state, 'bron')}
      />
      <TextField
        id={id('bedrag')}
        name="bedrag"
        label={t.amount}
        hint={t.amountHint}
        inputmode="decimal"
        value={state?.values.bedrag}
        errors={problemsOf(state, 'bedrag')}
      />
      <TextArea
        id={id('toelichting')}
        name="toelichting"
        label={t.note}
        hint={t.noteHint}
        value={state?.values.toelichting}
        errors={problemsOf(state, 'toelichting')}
      />
      <SubmitButton>{t.submit}</SubmitButton>
    </form>
  );
}

export function createBudgetPages(service: BudgetService, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();

  const render = async (
    c: Context<AppEnv>,
    extra: { notice?: string; failed?: { message: string; state: FormState } } = {},
    status: 200 | 400 = 200,
  ) => {
    const view = await service.overview(c.var.actor, c.req.param('planId') ?? '');
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<BudgetPage m={m} view={view} csrf={csrfTokenFor(c)} {...extra} />), status);
  };

  pages.get('/plannen/:planId/begroting', (c) => {
    const done = c.req.query('gedaan');
    const notice =
      done === 'vastgelegd'
        ? m.budget.saved
        : done === 'ingelezen'
          ? m.budget.fileRead(Number(c.req.query('aantal')) || 0, Number(c.req.query('ongewijzigd')) || 0)
          : undefined;
    return render(c, { notice });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    pages.get(`/plannen/:planId/begroting.${format}`, async (c) => {
      const file = await service.exportFile(c.var.actor, c.req.param('planId'), format);
      return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200, {
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
      });
    });
  }

  pages.post('/plannen/:planId/begroting/bestand', async (c) => {
    const planId = c.req.param('planId');
    await service.assertMayEdit(c.var.actor, planId);
    const file = (await readForm(c)).bestand;
    const failed = (problems: FormState['problems'], message: string) =>
      render(c, { failed: { message, state: { values: {}, problems } } }, 400);
    if (!(file instanceof File) || file.size === 0)
      return failed([{ path: 'bestand', message: m.progress.fileMissing }], m.progress.fileNotRead);
    try {
      const result = await service.importFile(c.var.actor, planId, {
        name: file.name || 'bestand',
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      return c.redirect(`${budgetPageUrl(planId)}?gedaan=ingelezen&aantal=${result.recorded}&ongewijzigd=${result.unchanged}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return failed(error.problems, error.message);
    }
  });

  pages.post('/plannen/:planId/begroting', async (c) => {
    const planId = c.req.param('planId');
    const form = await readForm(c);
    const values = {
      voor: textOf(form, 'voor'),
      jaar: textOf(form, 'jaar'),
      soort: textOf(form, 'soort'),
      bron: textOf(form, 'bron'),
      bedrag: textOf(form, 'bedrag'),
      toelichting: textOf(form, 'toelichting'),
    };
    const failed = (problems: FormState['problems'], message: string) =>
      render(c, { failed: { message, state: { values, problems } } }, 400);
    let amountCents = 0;
    try {
      amountCents = parseEuros(values.bedrag);
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      return failed([{ path: 'bedrag', message: error.message }], 'De begrotingsregel is ongeldig');
    }
    const [targetKind, targetKey] = values.voor.split(':') as [string, string | undefined];
    try {
      await service.record(c.var.actor, planId, {
        themeKey: targetKind === 'thema' ? targetKey : null,
        activityKey: targetKind === 'activiteit' ? targetKey : null,
        year: Number(values.jaar),
        kind: values.soort,
        source: values.bron,
        amountCents,
        note: values.toelichting,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return failed(error.problems, error.message);
    }
    return c.redirect(`${budgetPageUrl(planId)}?gedaan=vastgelegd`, 303);
  });

  return pages;
}
