/**
 * `/plannen/:planId`: the plan at a glance: its facts, goals, working
 * principles, plan-wide indicators, themes, meetings and accountability.
 */

import { SAFETY_FIELDS } from '../../../catalogue/kernbeleid-veiligheid.js';
import type { Plan, ThemeKind } from '../../../domain/plan.js';
import {
  Cell,
  Heading,
  Link,
  ListItem,
  Paragraph,
  Row,
  RowHeader,
  Table,
  TableBody,
  TableHead,
  UnorderedList,
} from '../../../web/components.js';
import { formatDate, formatPeriod } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { StateOfPlay } from '../../progress/pages/state-of-play.js';
import type { Glance } from '../../progress/progress.service.js';
import { OwnRegionLinks } from '../../region/pages/region-link.js';
import { type IndicatorStatuses, IndicatorTable, PartnerLinks, PlanNav, planCrumbs, themeLabel } from './plan-parts.js';
import { themeUrl } from './plan-urls.js';
import { SearchForm } from './search.page.js';

type Props = { m: Messages; plan: Plan };

/** The sections of the overview that this plan fills, in page order: the plan's table of contents. */
function sections(m: Messages, plan: Plan): { id: string; label: string }[] {
  const t = m.overview;
  const hasThemes = (kind: ThemeKind) => plan.themes.some((theme) => theme.kind === kind);
  return [
    { id: 'doelstellingen', label: t.goals, shown: true },
    { id: 'rode-draden', label: t.principles, shown: true },
    { id: 'plan-indicatoren', label: t.planIndicators, shown: true },
    { id: 'themas-priority', label: m.themeKindPlural.priority, shown: hasThemes('priority') },
    { id: 'themas-strategic', label: m.themeKindPlural.strategic, shown: hasThemes('strategic') },
    { id: 'uitgangssituatie', label: t.fieldContexts, shown: plan.fieldContexts.length > 0 },
    { id: 'overleggen', label: t.meetings, shown: plan.meetings.length > 0 },
    { id: 'verantwoording', label: t.accountability, shown: plan.accountability.length > 0 },
    { id: 'kaders', label: t.frameworks, shown: plan.frameworks.length > 0 },
    { id: 'begroting', label: t.budget, shown: plan.budgetNote !== null && plan.budgetNote !== '' },
  ].filter((section) => section.shown);
}

function Contents({ m, plan }: Props) {
  return (
    <nav class="koers-contents" aria-labelledby="inhoudsopgave">
      <Heading level={2} id="inhoudsopgave">
        {m.overview.contents}
      </Heading>
      <ol class="koers-contents__list">
        {sections(m, plan).map((section) => (
          <li>
            <Link href={`#${section.id}`}>{section.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** `mayEdit`: the navigation links the edit page (for those who may edit the plan). */
/** `glance`: "Stand van zaken", the progress of the plan's themes on the page's reference date (absent in page tests). */
export function PlanOverviewPage({
  m,
  plan,
  statuses,
  mayEdit = false,
  glance,
}: Props & { statuses?: IndicatorStatuses; mayEdit?: boolean; glance?: Glance }) {
  return (
    <Layout m={m} title={plan.title} crumbs={planCrumbs(m, plan)}>
      <Heading level={1}>{plan.title}</Heading>
      {plan.subtitle && <Paragraph lead>{plan.subtitle}</Paragraph>}
      <PlanNav m={m} plan={plan} current="overview" mayEdit={mayEdit} />
      <PlanFacts m={m} plan={plan} />
      <SearchForm m={m} plan={plan} />
      <OwnRegionLinks m={m} municipalities={plan.municipalities} />
      {glance && <StateOfPlay m={m} glance={glance} statuses={statuses} />}
      <Paragraph>{plan.summary}</Paragraph>
      <Contents m={m} plan={plan} />
      <Goals m={m} plan={plan} />
      <Principles m={m} plan={plan} />
      <section class="koers-section" aria-labelledby="plan-indicatoren">
        <Heading level={2} id="plan-indicatoren">
          {m.overview.planIndicators}
        </Heading>
        {plan.indicators.length === 0 ? (
          <Paragraph>{m.overview.noIndicators}</Paragraph>
        ) : (
          <IndicatorTable m={m} plan={plan} caption={m.overview.planIndicatorsCaption} indicators={plan.indicators} statuses={statuses} />
        )}
      </section>
      <Themes m={m} plan={plan} kind="priority" />
      <Themes m={m} plan={plan} kind="strategic" />
      <FieldContexts m={m} plan={plan} />
      <Meetings m={m} plan={plan} />
      <Accountability m={m} plan={plan} />
      <Frameworks m={m} plan={plan} />
      {plan.budgetNote && (
        <section class="koers-section" aria-labelledby="begroting">
          <Heading level={2} id="begroting">
            {m.overview.budget}
          </Heading>
          <Paragraph>{plan.budgetNote}</Paragraph>
        </section>
      )}
    </Layout>
  );
}

function PlanFacts({ m, plan }: Props) {
  const t = m.overview;
  return (
    <dl class="koers-facts">
      <dt>{t.municipalities(plan.municipalities.length)}</dt>
      <dd>{plan.municipalities.map((municipality) => municipality.name).join(m.common.listSeparator)}</dd>
      <dt>{t.period}</dt>
      <dd>{formatPeriod(plan.periodStart, plan.periodEnd)}</dd>
      <dt>{t.status}</dt>
      <dd>{m.planStatus[plan.status]}</dd>
      <dt>{t.adoptedOn}</dt>
      <dd>{plan.adoptedOn ? formatDate(plan.adoptedOn) : m.planList.notAdopted}</dd>
      <dt>{t.catalogueEdition}</dt>
      <dd>{plan.catalogueEdition}</dd>
    </dl>
  );
}

function Goals({ m, plan }: Props) {
  return (
    <section class="koers-section" aria-labelledby="doelstellingen">
      <Heading level={2} id="doelstellingen">
        {m.overview.goals}
      </Heading>
      {plan.goals.map((goal) => (
        <>
          <Heading level={3}>{goal.title}</Heading>
          <Paragraph>{goal.description}</Paragraph>
        </>
      ))}
    </section>
  );
}

function Principles({ m, plan }: Props) {
  return (
    <section class="koers-section" aria-labelledby="rode-draden">
      <Heading level={2} id="rode-draden">
        {m.overview.principles}
      </Heading>
      <Paragraph>{m.overview.principlesIntro}</Paragraph>
      <UnorderedList>
        {plan.principles.map((principle) => (
          <ListItem>
            <strong>{principle.name}</strong>: {principle.description}
          </ListItem>
        ))}
      </UnorderedList>
    </section>
  );
}

function Themes({ m, plan, kind }: Props & { kind: ThemeKind }) {
  const themes = plan.themes.filter((theme) => theme.kind === kind);
  if (themes.length === 0) return null;
  const headingId = `themas-${kind}`;
  return (
    <section class="koers-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {m.themeKindPlural[kind]}
      </Heading>
      <Paragraph>{m.overview.themesIntro[kind]}</Paragraph>
      <UnorderedList>
        {themes.map((theme) => (
          <ListItem>
            <Link href={themeUrl(plan.id, theme.id)}>{`${themeLabel(m, theme)}: ${theme.name}`}</Link>
            {theme.catalogueThemeCodes.length > 0 && (
              <span class="koers-muted">{` (${m.overview.catalogueCodes} ${theme.catalogueThemeCodes.join(m.common.listSeparator)})`}</span>
            )}
          </ListItem>
        ))}
      </UnorderedList>
    </section>
  );
}

function FieldContexts({ m, plan }: Props) {
  if (plan.fieldContexts.length === 0) return null;
  const t = m.overview;
  const fieldName = (number: number) => SAFETY_FIELDS.find((field) => field.number === number)?.name ?? String(number);
  return (
    <section class="koers-section" aria-labelledby="uitgangssituatie">
      <Heading level={2} id="uitgangssituatie">
        {t.fieldContexts}
      </Heading>
      <Table caption={t.fieldContextsCaption}>
        <TableHead columns={[t.fieldContextField, t.fieldContextSummary]} />
        <TableBody>
          {plan.fieldContexts.map((context) => (
            <Row>
              <RowHeader>{`${context.fieldNumber}. ${fieldName(context.fieldNumber)}`}</RowHeader>
              <Cell label={t.fieldContextSummary}>{context.summary}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

function Frameworks({ m, plan }: Props) {
  if (plan.frameworks.length === 0) return null;
  const t = m.overview;
  return (
    <section class="koers-section" aria-labelledby="kaders">
      <Heading level={2} id="kaders">
        {t.frameworks}
      </Heading>
      <Table caption={t.frameworksCaption}>
        <TableHead columns={[t.frameworkName, t.frameworkLevel, t.frameworkDescription]} />
        <TableBody>
          {plan.frameworks.map((framework) => (
            <Row>
              <RowHeader>{framework.name}</RowHeader>
              <Cell label={t.frameworkLevel}>{t.frameworkLevels[framework.level]}</Cell>
              <Cell label={t.frameworkDescription}>{framework.description}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

function Meetings({ m, plan }: Props) {
  if (plan.meetings.length === 0) return null;
  const t = m.overview;
  return (
    <section class="koers-section" aria-labelledby="overleggen">
      <Heading level={2} id="overleggen">
        {t.meetings}
      </Heading>
      <Table caption={t.meetingsCaption}>
        <TableHead columns={[t.meetingName, t.meetingCadence, t.meetingPartners, t.meetingDescription]} />
        <TableBody>
          {plan.meetings.map((meeting) => (
            <Row>
              <RowHeader>{meeting.name}</RowHeader>
              <Cell label={t.meetingCadence}>{meeting.cadence}</Cell>
              <Cell label={t.meetingPartners}>
                <PartnerLinks m={m} plan={plan} keys={meeting.partnerKeys} />
              </Cell>
              <Cell label={t.meetingDescription}>{meeting.description}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

function Accountability({ m, plan }: Props) {
  if (plan.accountability.length === 0) return null;
  const t = m.overview;
  return (
    <section class="koers-section" aria-labelledby="verantwoording">
      <Heading level={2} id="verantwoording">
        {t.accountability}
      </Heading>
      <Table caption={t.accountabilityCaption}>
        <TableHead columns={[t.accountabilityName, t.accountabilityTiming, t.accountabilityAudience, t.accountabilityDescription]} />
        <TableBody>
          {plan.accountability.map((moment) => (
            <Row>
              <RowHeader>{moment.name}</RowHeader>
              <Cell label={t.accountabilityTiming}>{moment.timing}</Cell>
              <Cell label={t.accountabilityAudience}>{moment.audience}</Cell>
              <Cell label={t.accountabilityDescription}>{moment.description}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
