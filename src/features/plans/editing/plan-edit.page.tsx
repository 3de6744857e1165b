/**
 * `/plannen/:planId/bewerken`: every part of the working copy, each with its
 * links to change or remove it and buttons to move it up or down (plain form
 * posts, so all of it works without JavaScript), the buttons to add, and the
 * plan's state with what can be done next: adopt, open, apply or withdraw a
 * revision, close. With JavaScript (koers-edit.js), the rows of an activities
 * table can be changed in place and every list reordered by dragging or with
 * the arrow keys.
 */
import type { Child } from 'hono/jsx';
import { findCatalogueTheme, SAFETY_FIELDS } from '../../../catalogue/kernbeleid-veiligheid.js';
import type { Plan, StoredActivity, StoredIndicator, StoredTheme } from '../../../domain/plan.js';
import { ELEMENT_NAMES, type ElementKind } from '../../../domain/plan-elements.js';
import { scheduleLabel } from '../../../domain/schedule.js';
import { Cell, Heading, Link, Paragraph, RowHeader, Table, TableHead } from '../../../web/components.js';
import { capitalise, formatBaseline, formatDate, formatPeriod, formatTarget } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { Notice } from '../../monitoring/pages/monitor-parts.js';
import { ELEMENT_PATHS } from '../element-paths.js';
import { ActivityDescription, leadNames, PlanNav, partnerName, themeTitle } from '../pages/plan-parts.js';
import type { PlanRevision } from '../plan.repository.js';
import { ButtonLink, editCrumbs, isEditable, openRevisionOf } from './edit-parts.js';
import {
  adoptUrl,
  closePlanUrl,
  elementAnchor,
  elementUrl,
  newElementUrl,
  openRevisionUrl,
  planFieldsUrl,
  removeElementUrl,
  reorderUrl,
  revisionUrl,
} from './edit-urls.js';
import { HiddenFields } from './form-fields.js';

export interface EditPageProps {
  m: Messages;
  /** The working copy. */
  plan: Plan;
  revisions: PlanRevision[];
  /** How many changes the open revision holds so far. */
  pendingChanges?: number;
  csrf: string;
  notice?: string;
  /** The move button to focus after a move without JavaScript. */
  focus?: { kind: ElementKind; key: string; direction: 'omhoog' | 'omlaag' };
}

interface Context {
  m: Messages;
  plan: Plan;
  csrf: string;
  editable: boolean;
  focus?: EditPageProps['focus'];
}

const SHORT = 160;
const short = (text: string | null) => (text && text.length > SHORT ? `${text.slice(0, SHORT - 1)}…` : (text ?? ''));

export function PlanEditPage(props: EditPageProps) {
  const { m, plan, revisions, csrf } = props;
  const t = m.editing;
  const editable = isEditable(plan, revisions);
  const context: Context = { m, plan, csrf, editable, focus: props.focus };
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={editCrumbs(m, plan)}>
      <div
        data-koers-editor=""
        data-versie={String(plan.version)}
        data-volgorde-url={reorderUrl(plan.id)}
        data-tekst-verplaats={t.script.handle}
        data-tekst-plaats={t.script.position}
        data-tekst-opgeslagen={t.script.saved}
        data-tekst-verplaatsen-mislukt={t.script.moveFailed}
        data-tekst-wijzigen-mislukt={t.script.editFailed}
      >
        <p class="koers-pre-heading">{t.title}</p>
        <Heading level={1}>{plan.title}</Heading>
        <PlanNav m={m} plan={plan} current="edit" mayEdit />
        {props.notice && <Notice>{props.notice}</Notice>}
        <div class="koers-visually-hidden" aria-live="polite" data-koers-live="" />
        <p class="koers-visually-hidden" id="verplaats-uitleg">
          {t.dragHelp}
        </p>
        <Status m={m} plan={plan} revisions={revisions} pendingChanges={props.pendingChanges} />
        <Contents context={context} />
        <Facts context={context} />
        <ListSection context={context} kind="goal" id="doelstellingen" rows={goalRows(plan)} columns={[t.columnDetail]} />
        <ListSection context={context} kind="principle" id="rode-draden" rows={principleRows(plan)} columns={[t.columnDetail]} />
        <ListSection context={context} kind="fieldContext" id="veldbeelden" rows={fieldContextRows(plan)} columns={[t.columnDetail]} />
        <ListSection context={context} kind="portfolioHolder" id="trekkers" rows={holderRows(plan)} columns={[]} />
        <ListSection
          context={context}
          kind="partner"
          id="partners"
          rows={partnerRows(m, plan)}
          columns={[m.editing.field.partnerKind, m.editing.field.partOf]}
        />
        <ListSection
          context={context}
          kind="indicator"
          id="indicatoren"
          heading={t.planWideIndicators}
          rows={indicatorRows(m, plan.indicators)}
          columns={indicatorColumns(m)}
        />
        <Themes context={context} />
        <ListSection context={context} kind="meeting" id="overleggen" rows={meetingRows(plan)} columns={[m.editing.field.meetingCadence]} />
        <ListSection
          context={context}
          kind="accountability"
          id="verantwoording"
          rows={accountabilityRows(plan)}
          columns={[m.editing.field.momentTiming, m.editing.field.momentAudience]}
        />
        <ListSection
          context={context}
          kind="framework"
          id="kaders"
          rows={frameworkRows(m, plan)}
          columns={[m.editing.field.frameworkLevel]}
        />
        <ListSection
          context={context}
          kind="catalogueExclusion"
          id="bewust-weggelaten"
          rows={exclusionRows(plan)}
          columns={[m.editing.field.exclusionReason]}
        />
      </div>
    </Layout>
  );
}

// ---------------------------------------------------------------------------
// State and lifecycle

function Status({ m, plan, revisions, pendingChanges }: Pick<EditPageProps, 'm' | 'plan' | 'revisions' | 'pendingChanges'>) {
  const t = m.editing.status;
  const open = openRevisionOf(revisions);
  const adopted = plan.adoptions.map((adoption) => adoption.municipalityCode);
  const notAdopted = plan.municipalities.filter((municipality) => !adopted.includes(municipality.code));
  let text = t.draft;
  if (plan.status === 'closed') text = t.closed;
  else if (plan.status === 'adopted') text = open ? t.revision(open.number) : t.adopted;
  const actions: { href: string; label: string; primary?: boolean }[] = [];
  if (plan.status !== 'closed' && notAdopted.length > 0) actions.push({ href: adoptUrl(plan.id), label: m.editing.actions.adopt });
  if (plan.status === 'adopted' && !open) {
    actions.push({ href: openRevisionUrl(plan.id), label: m.editing.actions.openRevision, primary: true });
    actions.push({ href: closePlanUrl(plan.id), label: m.editing.actions.close });
  }
  if (open) actions.push({ href: revisionUrl(plan.id), label: m.editing.actions.viewRevision(open.number), primary: true });
  return (
    <section class="koers-section" aria-labelledby="status">
      <Heading level={2} id="status">
        {t.heading}
      </Heading>
      <div class={`utrecht-alert ${plan.status === 'draft' || open ? 'utrecht-alert--info' : 'utrecht-alert--warning'} koers-edit-status`}>
        <Paragraph>
          <strong>{`${m.planStatus[plan.status]}${open ? `, ${m.editing.revision.title(open.number).toLowerCase()}` : ''}. `}</strong>
          {text}
        </Paragraph>
      </div>
      <dl class="koers-facts">
        {open && (
          <>
            <dt>{t.revisionReason}</dt>
            <dd>{open.reason}</dd>
            <dt>{t.revisionDecided}</dt>
            <dd>{`${formatDate(open.decidedOn)}, ${m.editing.deciders[open.decidedBy]}`}</dd>
            {pendingChanges !== undefined && (
              <>
                <dt>{m.editing.revision.changes}</dt>
                <dd>
                  <Link href={revisionUrl(plan.id)}>{t.revisionChanges(pendingChanges)}</Link>
                </dd>
              </>
            )}
          </>
        )}
        {plan.status !== 'draft' && (
          <>
            <dt>{t.adoptions}</dt>
            <dd>
              <ul class="koers-plain-list">
                {plan.municipalities.map((municipality) => {
                  const adoption = plan.adoptions.find((candidate) => candidate.municipalityCode === municipality.code);
                  return (
                    <li>
                      {adoption
                        ? t.adoptionLine(municipality.name, formatDate(adoption.adoptedOn), m.editing.bodies[adoption.body])
                        : t.notYetAdopted(municipality.name)}
                    </li>
                  );
                })}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {actions.length > 0 && (
        <>
          <Heading level={3}>{t.actions}</Heading>
          <ul class="koers-actions">
            {actions.map((action) => (
              <li>
                <ButtonLink href={action.href} primary={action.primary}>
                  {action.label}
                </ButtonLink>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------
// Contents and the plan's own fields

const SECTIONS: { id: string; kind: ElementKind | 'facts' | 'planIndicators' }[] = [
  { id: 'gegevens', kind: 'facts' },
  { id: 'doelstellingen', kind: 'goal' },
  { id: 'rode-draden', kind: 'principle' },
  { id: 'veldbeelden', kind: 'fieldContext' },
  { id: 'trekkers', kind: 'portfolioHolder' },
  { id: 'partners', kind: 'partner' },
  { id: 'indicatoren', kind: 'planIndicators' },
  { id: 'themas', kind: 'theme' },
  { id: 'overleggen', kind: 'meeting' },
  { id: 'verantwoording', kind: 'accountability' },
  { id: 'kaders', kind: 'framework' },
  { id: 'bewust-weggelaten', kind: 'catalogueExclusion' },
];

function Contents({ context }: { context: Context }) {
  const { m } = context;
  const label = (kind: (typeof SECTIONS)[number]['kind']) => {
    if (kind === 'facts') return m.editing.facts;
    if (kind === 'planIndicators') return m.editing.planWideIndicators;
    return ELEMENT_NAMES[kind].many;
  };
  return (
    <nav class="koers-contents" aria-labelledby="bewerk-inhoud">
      <Heading level={2} id="bewerk-inhoud">
        {m.editing.contents}
      </Heading>
      <ol class="koers-contents__list">
        {SECTIONS.map((section) => (
          <li>
            <Link href={`#${section.id}`}>{label(section.kind)}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Facts({ context }: { context: Context }) {
  const { m, plan, editable } = context;
  const f = m.editing.field;
  return (
    <section class="koers-section" aria-labelledby="gegevens">
      <Heading level={2} id="gegevens">
        {m.editing.facts}
      </Heading>
      <dl class="koers-facts">
        <dt>{f.planTitle}</dt>
        <dd>{plan.title}</dd>
        <dt>{f.planSubtitle}</dt>
        <dd>{plan.subtitle ?? m.common.none}</dd>
        <dt>{m.overview.period}</dt>
        <dd>{formatPeriod(plan.periodStart, plan.periodEnd)}</dd>
        <dt>{f.edition}</dt>
        <dd>{plan.catalogueEdition}</dd>
        <dt>{f.planSummary}</dt>
        <dd>{short(plan.summary)}</dd>
        <dt>{f.budget}</dt>
        <dd>{plan.budgetNote ? short(plan.budgetNote) : m.common.none}</dd>
      </dl>
      {editable && <ButtonLink href={planFieldsUrl(plan.id)}>{m.editing.editFacts}</ButtonLink>}
    </section>
  );
}

// ---------------------------------------------------------------------------
// Lists

export interface EditRow {
  key: string;
  label: string;
  /** What the row header shows, when more than the label. */
  header?: Child;
  cells: Child[];
}

function ListSection({
  context,
  kind,
  id,
  heading,
  rows,
  columns,
}: {
  context: Context;
  kind: ElementKind;
  id: string;
  heading?: string;
  rows: EditRow[];
  columns: string[];
}) {
  const { m, plan, editable } = context;
  const title = heading ?? ELEMENT_NAMES[kind].many;
  return (
    <section class="koers-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      <EditTable context={context} kind={kind} parentKey={null} caption={m.editing.listCaption(title)} rows={rows} columns={columns} />
      {editable && <AddLink href={newElementUrl(plan.id, kind)} label={m.editing.add(ELEMENT_NAMES[kind].one)} />}
    </section>
  );
}

function AddLink({ href, label, where }: { href: string; label: string; where?: string }) {
  return (
    <p class="utrecht-paragraph koers-add">
      <ButtonLink href={href}>
        {label}
        {where && <span class="koers-visually-hidden">{` (${where})`}</span>}
      </ButtonLink>
    </p>
  );
}

/** One list as a table; with edit rights each row gets its links and move buttons, and the body can be reordered with JavaScript. */
export function EditTable({
  context,
  kind,
  parentKey,
  caption,
  rows,
  columns,
  inline = false,
  empty,
}: {
  context: Context;
  kind: ElementKind;
  parentKey: string | null;
  caption: string;
  rows: EditRow[];
  columns: string[];
  inline?: boolean;
  empty?: string;
}) {
  const { m, editable } = context;
  if (rows.length === 0) return <Paragraph class="koers-muted">{empty ?? m.editing.emptyList}</Paragraph>;
  const header = kind === 'activity' ? m.activity.name : m.editing.columnName;
  return (
    <Table caption={caption} hideCaption>
      <TableHead columns={[header, ...columns, ...(editable ? [m.editing.columnActions] : [])]} />
      <tbody
        class="utrecht-table__body"
        data-koers-sortable={editable ? '' : undefined}
        data-koers-inline={inline && editable ? '' : undefined}
        data-soort={ELEMENT_PATHS[kind]}
        data-ouder={parentKey ?? ''}
      >
        {rows.map((row, index) => (
          <EditTableRow context={context} kind={kind} parentKey={parentKey} row={row} columns={columns} index={index} count={rows.length} />
        ))}
      </tbody>
    </Table>
  );
}

export function EditTableRow({
  context,
  kind,
  parentKey,
  row,
  columns,
  index,
  count,
}: {
  context: Context;
  kind: ElementKind;
  parentKey: string | null;
  row: EditRow;
  columns: string[];
  index: number;
  count: number;
}) {
  const { m, plan, csrf, editable, focus } = context;
  const t = m.editing;
  const focused = (direction: 'omhoog' | 'omlaag') => focus?.kind === kind && focus.key === row.key && focus.direction === direction;
  // After a move to the top or bottom the button pressed is gone: the other one takes the focus.
  const focusUp = focused('omhoog') || (focused('omlaag') && index === count - 1);
  const focusDown = focused('omlaag') || (focused('omhoog') && index === 0);
  return (
    <tr class="utrecht-table__row" id={elementAnchor(kind, row.key)} data-sleutel={row.key} data-naam={row.label}>
      <RowHeader>{row.header ?? row.label}</RowHeader>
      {row.cells.map((cell, column) => (
        <Cell label={columns[column] ?? ''}>{cell}</Cell>
      ))}
      {editable && (
        <Cell label={t.columnActions}>
          <div class="koers-row-actions">
            <a
              class="utrecht-link utrecht-link--html-a koers-edit-link"
              href={elementUrl(plan.id, kind, row.key)}
              data-koers-inline-edit={kind === 'activity' ? '' : undefined}
            >
              {t.edit}
              <span class="koers-visually-hidden">{` ${row.label}`}</span>
            </a>
            <a class="utrecht-link utrecht-link--html-a" href={removeElementUrl(plan.id, kind, row.key)}>
              {t.remove}
              <span class="koers-visually-hidden">{` ${row.label}`}</span>
            </a>
            {count > 1 && (
              <form method="post" action={reorderUrl(plan.id)} class="koers-move-form">
                <HiddenFields csrf={csrf} version={plan.version} />
                <input type="hidden" name="soort" value={ELEMENT_PATHS[kind]} />
                <input type="hidden" name="ouder" value={parentKey ?? ''} />
                <input type="hidden" name="sleutel" value={row.key} />
                {index > 0 && (
                  <button type="submit" name="richting" value="omhoog" class="utrecht-button utrecht-button--subtle" autofocus={focusUp}>
                    <span aria-hidden="true">↑ </span>
                    {t.moveUp}
                    <span class="koers-visually-hidden">{` ${row.label}`}</span>
                  </button>
                )}
                {index < count - 1 && (
                  <button type="submit" name="richting" value="omlaag" class="utrecht-button utrecht-button--subtle" autofocus={focusDown}>
                    <span aria-hidden="true">↓ </span>
                    {t.moveDown}
                    <span class="koers-visually-hidden">{` ${row.label}`}</span>
                  </button>
                )}
              </form>
            )}
          </div>
        </Cell>
      )}
    </tr>
  );
}

// ---------------------------------------------------------------------------
// Themes, their indicators, workstreams and activities

function Themes({ context }: { context: Context }) {
  const { m, plan, editable } = context;
  const t = m.editing;
  return (
    <section class="koers-section" aria-labelledby="themas">
      <Heading level={2} id="themas">
        {ELEMENT_NAMES.theme.many}
      </Heading>
      <EditTable
        context={context}
        kind="theme"
        parentKey={null}
        caption={t.listCaption(ELEMENT_NAMES.theme.many)}
        rows={plan.themes.map((theme) => ({
          key: theme.key,
          label: themeTitle(m, theme),
          cells: [theme.catalogueThemeCodes.join(m.common.listSeparator) || m.common.none],
        }))}
        columns={[m.overview.catalogueCodes]}
        empty={t.noThemes}
      />
      {editable && (
        <p class="utrecht-paragraph koers-add">
          <ButtonLink href={newElementUrl(plan.id, 'theme', { soort: 'prioriteit' })}>{t.add(m.themeKind.priority)}</ButtonLink>{' '}
          <ButtonLink href={newElementUrl(plan.id, 'theme', { soort: 'strategisch' })}>{t.add(m.themeKind.strategic)}</ButtonLink>
        </p>
      )}
      {plan.themes.map((theme) => (
        <ThemeSection context={context} theme={theme} />
      ))}
    </section>
  );
}

function ThemeSection({ context, theme }: { context: Context; theme: StoredTheme }) {
  const { m, plan, editable } = context;
  const t = m.editing;
  const title = themeTitle(m, theme);
  const headingId = `sectie-${elementAnchor('theme', theme.key)}`;
  return (
    <section class="koers-edit-theme" aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {title}
      </Heading>
      <h4 class="utrecht-heading-4">{t.themeIndicators}</h4>
      <EditTable
        context={context}
        kind="indicator"
        parentKey={theme.key}
        caption={t.themeListCaption(ELEMENT_NAMES.indicator.many, title)}
        rows={indicatorRows(m, theme.indicators)}
        columns={indicatorColumns(m)}
        empty={t.noIndicators}
      />
      {editable && (
        <AddLink
          href={newElementUrl(plan.id, 'indicator', { thema: theme.key })}
          label={t.add(ELEMENT_NAMES.indicator.one)}
          where={title}
        />
      )}
      <h4 class="utrecht-heading-4">{t.themeWorkstreams}</h4>
      <EditTable
        context={context}
        kind="workstream"
        parentKey={theme.key}
        caption={t.themeListCaption(ELEMENT_NAMES.workstream.many, title)}
        rows={theme.workstreams.map((workstream) => ({
          key: workstream.key,
          label: workstream.name,
          cells: [String(workstream.activities.length)],
        }))}
        columns={[ELEMENT_NAMES.activity.many]}
        empty={t.noWorkstreams}
      />
      {editable && (
        <AddLink
          href={newElementUrl(plan.id, 'workstream', { thema: theme.key })}
          label={t.add(ELEMENT_NAMES.workstream.one)}
          where={title}
        />
      )}
      {theme.workstreams.map((workstream) => {
        const id = `sectie-${elementAnchor('workstream', workstream.key)}`;
        return (
          <section class="koers-edit-workstream" aria-labelledby={id}>
            <h5 class="utrecht-heading-5" id={id}>
              {`${ELEMENT_NAMES.workstream.one}: ${workstream.name}`}
            </h5>
            <EditTable
              context={context}
              kind="activity"
              parentKey={workstream.key}
              caption={t.workstreamCaption(workstream.name)}
              rows={workstream.activities.map((activity) => activityRow(m, plan, activity))}
              columns={activityColumns(m)}
              inline
              empty={t.noActivities}
            />
            {editable && (
              <AddLink
                href={newElementUrl(plan.id, 'activity', { onderdeel: workstream.key })}
                label={t.add(ELEMENT_NAMES.activity.one)}
                where={`${ELEMENT_NAMES.workstream.one.toLowerCase()} ${workstream.name}`}
              />
            )}
          </section>
        );
      })}
    </section>
  );
}

export const activityColumns = (m: Messages) => [m.activity.leads, m.activity.partners, m.activity.schedule];

export function activityRow(m: Messages, plan: Plan, activity: StoredActivity): EditRow {
  return {
    key: activity.key,
    label: activity.name,
    header: <ActivityDescription m={m} activity={activity} />,
    cells: [
      leadNames(plan, activity.leadKeys).join(m.common.listSeparator) || m.common.none,
      activity.partnerKeys.map((key) => partnerName(plan, key)).join(m.common.listSeparator) || m.common.none,
      scheduleLabel(activity.schedule),
    ],
  };
}

/** One row of an activities table as the page shows it, for the answer to a change made in place. */
export function ActivityEditRow({
  m,
  plan,
  csrf,
  activity,
  parentKey,
  index,
  count,
}: {
  m: Messages;
  plan: Plan;
  csrf: string;
  activity: StoredActivity;
  parentKey: string;
  index: number;
  count: number;
}) {
  return (
    <EditTableRow
      context={{ m, plan, csrf, editable: true }}
      kind="activity"
      parentKey={parentKey}
      row={activityRow(m, plan, activity)}
      columns={activityColumns(m)}
      index={index}
      count={count}
    />
  );
}

const indicatorColumns = (m: Messages) => [m.indicatorTable.unit, m.indicatorTable.baseline, m.indicatorTable.target];

function indicatorRows(m: Messages, indicators: StoredIndicator[]): EditRow[] {
  return indicators.map((indicator) => ({
    key: indicator.key,
    label: capitalise(indicator.name),
    cells: [m.unit(indicator), formatBaseline(indicator), m.indicatorTable.targetInYear(formatTarget(indicator), indicator.targetYear)],
  }));
}

const goalRows = (plan: Plan): EditRow[] =>
  plan.goals.map((goal) => ({ key: goal.key, label: goal.title, cells: [short(goal.description)] }));
const principleRows = (plan: Plan): EditRow[] =>
  plan.principles.map((principle) => ({ key: principle.key, label: principle.name, cells: [short(principle.description)] }));
const fieldContextRows = (plan: Plan): EditRow[] =>
  plan.fieldContexts.map((context) => ({
    key: String(context.fieldNumber),
    label: `${context.fieldNumber}. ${SAFETY_FIELDS.find((field) => field.number === context.fieldNumber)?.name ?? ''}`,
    cells: [short(context.summary)],
  }));
const holderRows = (plan: Plan): EditRow[] => plan.portfolioHolders.map((holder) => ({ key: holder.key, label: holder.name, cells: [] }));
const partnerRows = (m: Messages, plan: Plan): EditRow[] =>
  plan.partners.map((partner) => ({
    key: partner.key,
    label: capitalise(partner.name),
    cells: [
      `${m.partnerKind[partner.kind]}${partner.isCore ? `, ${m.editing.field.corePartnerShort}` : ''}`,
      partner.parentKey ? partnerName(plan, partner.parentKey) : m.common.none,
    ],
  }));
const meetingRows = (plan: Plan): EditRow[] =>
  plan.meetings.map((meeting) => ({ key: meeting.key, label: meeting.name, cells: [meeting.cadence] }));
const accountabilityRows = (plan: Plan): EditRow[] =>
  plan.accountability.map((moment) => ({ key: moment.key, label: moment.name, cells: [moment.timing, moment.audience] }));
const frameworkRows = (m: Messages, plan: Plan): EditRow[] =>
  plan.frameworks.map((framework) => ({ key: framework.key, label: framework.name, cells: [m.overview.frameworkLevels[framework.level]] }));
const exclusionRows = (plan: Plan): EditRow[] =>
  plan.catalogueExclusions.map((exclusion) => ({
    key: exclusion.code,
    label: `${exclusion.code} ${findCatalogueTheme(exclusion.code, plan.catalogueEdition)?.name ?? ''}`.trim(),
    cells: [short(exclusion.reason)],
  }));
