/**
 * The prioritisation page (`/plannen/:planId/prioritering`): the proposed
 * ranking with its reasons and chart, the criteria with their weights, the
 * scores per theme grouped by field with the facts beside each theme, the
 * choice of priorities and strategic themes, and the form that makes the
 * next plan's concept. Who may not edit reads the same, without the forms.
 * The forms are in prioritisation-forms.tsx.
 */
import { renderAreaChart } from '../../web/charts/area-chart.js';
import { CHART_WIDTH } from '../../web/charts/render-plot.js';
import { ResponsiveChart } from '../../web/charts/responsive-chart.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { formatDateTime, formatNumber } from '../../web/format.js';
import { Layout } from '../../web/layout.js';
import type { Messages } from '../../web/messages.js';
import { nameOfLabel } from '../accounts/actor.js';
import { ErrorSummary, Notice, pageTitle } from '../monitoring/pages/monitor-parts.js';
import { PlanNav, planCrumbs } from '../plans/pages/plan-parts.js';
import { planUrl, wasWordtPageUrl } from '../plans/pages/plan-urls.js';
import type { PrioritisationView } from './prioritisation.service.js';
import { ChoiceForm, ConceptForm, CriteriaForm, type FailedForm, fieldId, ScoresTable, themeTitle } from './prioritisation-forms.js';

export function PrioritisationPage({
  m,
  view,
  csrf,
  notice,
  failed,
}: {
  m: Messages;
  view: PrioritisationView;
  csrf: string;
  notice?: string;
  failed?: FailedForm;
}) {
  const t = m.prioritisation;
  const { plan, state } = view;
  const editable = view.may.edit && state.conceptPlanId === null;
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title, Boolean(failed))} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="prioritisation" />
      {failed && (
        <ErrorSummary
          m={m}
          message={failed.message}
          problems={failed.problems.map((problem) => ({
            fieldId: problem.field ? fieldId(problem.field) : undefined,
            text: problem.label ? `${problem.label}: ${problem.message}` : problem.message,
          }))}
        />
      )}
      {notice && <Notice>{notice}</Notice>}
      <Paragraph lead>{t.intro(plan.title)}</Paragraph>
      <Paragraph>
        {state.version === 0 || !state.updatedByLabel || !state.updatedAt
          ? t.notSaved
          : t.saved(state.version, nameOfLabel(state.updatedByLabel), formatDateTime(state.updatedAt))}
        {!view.may.edit && ` ${t.readOnly}`}
      </Paragraph>
      {state.conceptPlanId && <ConceptMade m={m} view={view} />}
      <Ranking m={m} view={view} />
      <section class="koers-section" aria-labelledby="criteria-kop">
        <Heading level={2} id="criteria-kop">
          {t.criteriaHeading}
        </Heading>
        <Paragraph>{t.criteriaIntro}</Paragraph>
        {editable ? <CriteriaForm m={m} view={view} csrf={csrf} failed={failed} /> : <CriteriaTable m={m} view={view} />}
      </section>
      <section class="koers-section" aria-labelledby="scores-kop">
        <Heading level={2} id="scores-kop">
          {t.scoresHeading}
        </Heading>
        <Paragraph>{t.scoresIntro}</Paragraph>
        <Paragraph>{view.analysis.available ? t.analysisYears(view.analysis.from, view.analysis.to) : t.analysisMissing}</Paragraph>
        <ScoresTable m={m} view={view} csrf={csrf} failed={failed} editable={editable} />
      </section>
      <section class="koers-section" aria-labelledby="keuze-kop">
        <Heading level={2} id="keuze-kop">
          {t.choiceHeading}
        </Heading>
        {editable ? <ChoiceForm m={m} view={view} csrf={csrf} failed={failed} /> : <Chosen m={m} view={view} />}
      </section>
      {editable && (
        <section class="koers-section" aria-labelledby="concept-kop">
          <Heading level={2} id="concept-kop">
            {t.conceptHeading}
          </Heading>
          <Paragraph>{t.conceptIntro(plan.title)}</Paragraph>
          {state.priorities.length + state.strategic.length === 0 && <Paragraph>{t.conceptNeedsChoice}</Paragraph>}
          <ConceptForm m={m} view={view} csrf={csrf} failed={failed} />
        </section>
      )}
    </Layout>
  );
}

function ConceptMade({ m, view }: { m: Messages; view: PrioritisationView }) {
  const t = m.prioritisation;
  if (!view.concept) return <Notice>{t.conceptMadeHidden}</Notice>;
  return (
    <div class="utrecht-alert utrecht-alert--ok koers-notice" role="status">
      <Paragraph>{t.conceptMade(view.concept.title)}</Paragraph>
      <ul class="koers-inline-list">
        <li>
          <Link href={planUrl(view.concept.id)}>{t.conceptLink}</Link>
        </li>
        <li>
          <Link href={wasWordtPageUrl(view.concept.id)}>{t.conceptWasWordt}</Link>
        </li>
      </ul>
    </div>
  );
}

function Ranking({ m, view }: { m: Messages; view: PrioritisationView }) {
  const t = m.prioritisation;
  const scored = view.ranking.filter((row) => row.total !== null);
  const unscored = view.ranking.length - scored.length;
  return (
    <section class="koers-section" aria-labelledby="rangorde-kop">
      <Heading level={2} id="rangorde-kop">
        {t.rankingHeading}
      </Heading>
      <Paragraph>{t.rankingIntro}</Paragraph>
      {scored.length === 0 ? (
        <Paragraph>{t.noneScored}</Paragraph>
      ) : (
        <div class="koers-chart-with-table koers-chart-with-table--stacked">
          <div class="koers-prioritisation-chart">
            <ResponsiveChart
              render={(width, suffix) =>
                renderAreaChart({
                  idPrefix: `grafiek-prioritering${suffix}`,
                  width,
                  title: t.chartTitle,
                  areas: scored.map((row) => ({
                    name: shortTitle(row.code, row.name, width < CHART_WIDTH ? 14 : 30),
                    value: Math.round((row.total ?? 0) * 100) / 100,
                  })),
                  unitLabel: t.chartUnit,
                  noun: t.chartNoun,
                })
              }
            />
          </div>
          <Table caption={t.rankingCaption}>
            <TableHead columns={[t.rank, t.theme, t.total, t.reasons, t.missing]} />
            <TableBody>
              {scored.map((row) => (
                <Row>
                  <Cell label={t.rank}>{String(row.rank)}</Cell>
                  <RowHeader>{themeTitle(row.code, row.name)}</RowHeader>
                  <Cell label={t.total}>{formatNumber(row.total ?? 0)}</Cell>
                  <Cell label={t.reasons}>
                    <ul class="koers-plain-list">
                      {row.reasons.map((reason) => (
                        <li>{reason}</li>
                      ))}
                    </ul>
                  </Cell>
                  <Cell label={t.missing}>{row.missing.join(', ') || t.nothingMissing}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {scored.length > 0 && unscored > 0 && <Paragraph>{t.unscored(unscored)}</Paragraph>}
    </section>
  );
}

/** A theme's code and name, the name cut short for the chart's labels; the table beside it has the whole name. */
function shortTitle(code: string, name: string, length: number): string {
  const short = name.length > length + 2 ? `${name.slice(0, length).trimEnd()}…` : name;
  return `${code} ${short}`;
}

function CriteriaTable({ m, view }: { m: Messages; view: PrioritisationView }) {
  const t = m.prioritisation;
  return (
    <Table caption={t.criteriaCaption} cardsOnPhone={false}>
      <TableHead columns={[t.criterion, t.weight]} />
      <TableBody>
        {view.state.criteria.map((criterion) => (
          <Row>
            <RowHeader>{criterion.name}</RowHeader>
            <Cell label={t.weight}>{formatNumber(criterion.weight)}</Cell>
          </Row>
        ))}
      </TableBody>
    </Table>
  );
}

function Chosen({ m, view }: { m: Messages; view: PrioritisationView }) {
  const t = m.prioritisation;
  const names = new Map(view.fields.flatMap((field) => field.themes.map((theme) => [theme.code, theme.name] as const)));
  const list = (codes: string[]) =>
    codes.length === 0 ? (
      <Paragraph>{t.noneChosen}</Paragraph>
    ) : (
      <ol>
        {codes.map((code) => (
          <li>{themeTitle(code, names.get(code) ?? '')}</li>
        ))}
      </ol>
    );
  return (
    <>
      <Heading level={3}>{t.priorities}</Heading>
      {list(view.state.priorities)}
      <Heading level={3}>{t.strategic}</Heading>
      {list(view.state.strategic)}
    </>
  );
}
