/**
 * `/plannen/:planId/themas/:themeId`: one priority or strategic theme: what it
 * is about, the approach, the goal for the plan's end year, how it is measured
 * (indicators, or in words), and its activities per workstream.
 */
import { findCatalogueTheme } from '../../../catalogue/kernbeleid-veiligheid.js';
import type { Plan, StoredTheme, StoredWorkstream } from '../../../domain/plan.js';
import { Cell, Heading, Link, ListItem, Paragraph, Row, Table, TableBody, TableHead, UnorderedList } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { monitorUrl } from '../../monitoring/pages/monitor-urls.js';
import { HistoryLink } from './history-link.js';
import {
  ActivityDescription,
  ActivityResponsibilityCells,
  type IndicatorStatuses,
  IndicatorTable,
  PlanNav,
  planCrumbs,
  themeLabel,
} from './plan-parts.js';
import { elementHistoryUrl } from './plan-urls.js';

type Props = { m: Messages; plan: Plan; theme: StoredTheme; statuses?: IndicatorStatuses };

export function ThemePage({ m, plan, theme, statuses }: Props) {
  const t = m.theme;
  const label = themeLabel(m, theme);
  return (
    <Layout m={m} title={`${label}: ${theme.name}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, label)}>
      <p class="koers-pre-heading">{`${label} · ${t.paragraph(theme.paragraph)}`}</p>
      <Heading level={1}>{theme.name}</Heading>
      <PlanNav m={m} plan={plan} />
      {plan.status !== 'draft' && (
        <Paragraph>
          <Link href={elementHistoryUrl(plan.id, 'theme', theme.key)}>{m.changes.links.themeHistory}</Link>
        </Paragraph>
      )}
      <CatalogueThemes m={m} plan={plan} theme={theme} statuses={statuses} />
      <Paragraph lead>{theme.summary}</Paragraph>
      {theme.approachLines.length > 0 && (
        <section class="koers-section" aria-labelledby="hoofdlijnen">
          <Heading level={2} id="hoofdlijnen">
            {t.approach}
          </Heading>
          <UnorderedList>
            {theme.approachLines.map((line) => (
              <ListItem>
                <strong>{line.title}</strong>: {line.description}
              </ListItem>
            ))}
          </UnorderedList>
        </section>
      )}
      <section class="koers-section" aria-labelledby="doelstelling">
        <Heading level={2} id="doelstelling">
          {t.goal(plan.periodEnd)}
        </Heading>
        <Paragraph>{theme.goal}</Paragraph>
      </section>
      {theme.previousPlanNote && (
        <section class="koers-section" aria-labelledby="was-wordt">
          <Heading level={2} id="was-wordt">
            {t.previousPlan}
          </Heading>
          <Paragraph>{theme.previousPlanNote}</Paragraph>
        </section>
      )}
      <Measurement m={m} plan={plan} theme={theme} statuses={statuses} />
      <Activities m={m} plan={plan} theme={theme} />
    </Layout>
  );
}

function CatalogueThemes({ m, plan, theme }: Props) {
  if (theme.catalogueThemeCodes.length === 0)
    return (
      <Paragraph>
        <strong>{`${m.theme.ownTheme}: `}</strong>
        {theme.outsideCatalogueReason ?? ''}
      </Paragraph>
    );
  const names = theme.catalogueThemeCodes.map((code) => {
    const catalogueTheme = findCatalogueTheme(code, plan.catalogueEdition);
    return catalogueTheme ? `${code} ${catalogueTheme.name}` : code;
  });
  return (
    <Paragraph>
      <strong>{`${m.theme.catalogueThemes}: `}</strong>
      {names.join(m.common.listSeparator)}
    </Paragraph>
  );
}

/** Indicators when the theme has them; otherwise the qualitative judgement, stated as a way of measuring in its own right. */
function Measurement({ m, plan, theme, statuses }: Props) {
  const t = m.theme;
  return (
    <section class="koers-section" aria-labelledby="indicatoren">
      <Heading level={2} id="indicatoren">
        {t.indicators}
      </Heading>
      {theme.indicators.length > 0 ? (
        <>
          <IndicatorTable
            m={m}
            plan={plan}
            caption={t.indicatorsCaption(theme.name)}
            indicators={theme.indicators}
            statuses={statuses}
            withHistory
          />
          <Paragraph>
            <Link href={monitorUrl(plan.id)}>{t.toMonitor}</Link>
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t.qualitative}</Paragraph>
          {theme.qualitativeAssessment && (
            <Paragraph>
              <strong>{`${t.qualitativeHow} `}</strong>
              {theme.qualitativeAssessment}
            </Paragraph>
          )}
        </>
      )}
    </section>
  );
}

function Activities({ m, plan, theme }: Props) {
  const t = m.theme;
  return (
    <section class="koers-section" aria-labelledby="activiteiten">
      <Heading level={2} id="activiteiten">
        {t.activities}
      </Heading>
      {theme.workstreams.length === 0 ? (
        <Paragraph>{t.noActivities}</Paragraph>
      ) : (
        theme.workstreams.map((workstream) => <WorkstreamTable m={m} plan={plan} workstream={workstream} />)
      )}
    </section>
  );
}

function WorkstreamTable({ m, plan, workstream }: { m: Messages; plan: Plan; workstream: StoredWorkstream }) {
  const a = m.activity;
  return (
    <>
      <Heading level={3}>{workstream.name}</Heading>
      <Table caption={m.theme.workstreamCaption(workstream.name)} hideCaption>
        <TableHead columns={[a.name, a.leads, a.partners, a.schedule]} />
        <TableBody>
          {workstream.activities.map((activity) => (
            <Row>
              <Cell label={a.name} isKey>
                <ActivityDescription m={m} activity={activity} />
                <HistoryLink m={m} plan={plan} kind="activity" elementKey={activity.key} label={activity.name} />
              </Cell>
              <ActivityResponsibilityCells m={m} plan={plan} activity={activity} />
            </Row>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
