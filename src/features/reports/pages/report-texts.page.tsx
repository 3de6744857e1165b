/** The form of a concept's texts: the introduction and a text per theme, refused whole with every reason beside its field. */
import type { Plan } from '../../../domain/plan.js';
import { Heading, Link, Paragraph } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  pageTitle,
  problemsOf,
  SubmitButton,
  TextArea,
} from '../../monitoring/pages/monitor-parts.js';
import { PlanNav, planCrumbs, themeLabel } from '../../plans/pages/plan-parts.js';
import { reportsPageUrl, reportTextsUrl, reportVersionUrl } from '../../plans/pages/plan-urls.js';
import type { ReportVersion } from '../report.repository.js';

export function TextsPage({
  m,
  plan,
  stored,
  csrf,
  failed,
}: {
  m: Messages;
  plan: Plan;
  stored: ReportVersion;
  csrf: string;
  failed?: { message: string; state: FormState };
}) {
  const t = m.reports;
  const { year, number } = stored;
  const value = (field: string, fallback: string) => failed?.state.values[field] ?? fallback;
  return (
    <Layout
      m={m}
      title={pageTitle(m, plan, t.textsTitle(year, number), Boolean(failed))}
      crumbs={[
        ...planCrumbs(m, plan, t.title).slice(0, 2),
        { label: t.title, href: reportsPageUrl(plan.id) },
        { label: t.versionTitle(year, number), href: reportVersionUrl(plan.id, year, number) },
        { label: t.editTexts },
      ]}
    >
      <Heading level={1}>{t.textsTitle(year, number)}</Heading>
      <PlanNav m={m} plan={plan} current="reports" />
      {failed && (
        <ErrorSummary
          m={m}
          message={failed.message}
          problems={failed.state.problems.map((problem) => ({ fieldId: `tekst-${problem.path.replace('.', '-')}`, text: problem.message }))}
        />
      )}
      <Paragraph>{t.textsIntro}</Paragraph>
      <form class="koers-form koers-report-texts" method="post" action={reportTextsUrl(plan.id, year, number)}>
        <CsrfField token={csrf} />
        <TextArea
          id="tekst-inleiding"
          name="inleiding"
          label={t.introduction}
          value={value('inleiding', stored.texts.introduction)}
          errors={problemsOf(failed?.state, 'inleiding')}
        />
        {plan.themes.map((theme) => (
          <TextArea
            id={`tekst-themas-${theme.key}`}
            name={`themas.${theme.key}`}
            label={t.themeText(`${themeLabel(m, theme)}: ${theme.name}`)}
            value={value(`themas.${theme.key}`, stored.texts.themes[theme.key] ?? '')}
            errors={problemsOf(failed?.state, `themas.${theme.key}`)}
          />
        ))}
        <SubmitButton>{t.saveTexts}</SubmitButton>
      </form>
      <Paragraph>
        <Link href={reportVersionUrl(plan.id, year, number)}>{t.backToReport}</Link>
      </Paragraph>
    </Layout>
  );
}
