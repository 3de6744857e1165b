/**
 * `/plannen/:planId/wijzigingen/:segment/:key`: one element (a theme, an
 * indicator, an activity, ...) across the plan's life: as adopted, then after
 * each revision that changed it, with what changed and how it stood; also an
 * element that was ended. Changes in an open revision are shown apart, as not
 * yet in force.
 */

import type { Plan } from '../../../domain/plan.js';
import { fieldInWords, type NameLookup } from '../../../domain/plan-diff.js';
import type { ElementKind } from '../../../domain/plan-elements.js';
import { ELEMENT_NAMES } from '../../../domain/plan-elements.js';
import { Heading, Link, Paragraph } from '../../../web/components.js';
import { formatDate } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { ElementHistory, ElementVersion } from '../plan-changes.service.js';
import { ChangeItem, valueText } from './change-list.js';
import { PlanNav, planCrumbs } from './plan-parts.js';
import { revisionsUrl, revisionUrl } from './plan-urls.js';

/** Fields that are no news to a reader of this page: the key names the element, and a theme's contents have pages of their own. */
const HIDDEN_FIELDS = new Set(['key']);

function parentText(m: Messages, kind: ElementKind, parentKey: string | null, names: NameLookup): string | null {
  const t = m.changes.history;
  if (kind === 'activity' && parentKey) return t.inWorkstream(names('workstream', parentKey) ?? parentKey);
  if ((kind === 'indicator' || kind === 'workstream') && parentKey) return t.inTheme(names('theme', parentKey) ?? parentKey);
  if (kind === 'indicator') return t.inPlan;
  return null;
}

function VersionState({ m, history, version, open }: { m: Messages; history: ElementHistory; version: ElementVersion; open: boolean }) {
  const t = m.changes.history;
  if (version.value === null) return <Paragraph>{t.ended(formatDate(version.effectiveOn))}</Paragraph>;
  const fields = Object.entries(version.value as Record<string, unknown>).filter(([field]) => !HIDDEN_FIELDS.has(field));
  const parent = parentText(m, history.kind, version.parentKey, history.names);
  return (
    <details class="koers-history__state" open={open}>
      <summary>{t.state}</summary>
      <dl class="koers-facts">
        {parent && (
          <>
            <dt>{t.where}</dt>
            <dd>{parent}</dd>
          </>
        )}
        {fields.map(([field, value]) => (
          <>
            <dt>{fieldInWords(field)}</dt>
            <dd>{valueText(field, value, history.names)}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

export function ElementHistoryPage({ m, plan, history }: { m: Messages; plan: Plan; history: ElementHistory }) {
  const t = m.changes.history;
  const kindName = ELEMENT_NAMES[history.kind].one;
  const crumbs = [
    ...planCrumbs(m, plan, m.changes.revisions.title).slice(0, -1),
    { label: m.changes.revisions.title, href: revisionsUrl(plan.id) },
    { label: t.crumb(history.label) },
  ];
  const last = history.versions.at(-1);
  return (
    <Layout m={m} title={`${t.title(history.label)}${m.layout.titleSeparator}${plan.title}`} crumbs={crumbs}>
      <p class="koers-pre-heading">{t.preHeading(kindName)}</p>
      <Heading level={1}>{history.label}</Heading>
      <PlanNav m={m} plan={plan} current="revisions" />
      {plan.status === 'draft' ? (
        <Paragraph lead>{t.concept}</Paragraph>
      ) : (
        <Paragraph lead>
          {last === undefined
            ? t.notAdopted
            : last.value === null
              ? t.endedSince(formatDate(last.effectiveOn))
              : t.inForceSince(formatDate(history.versions[0]?.effectiveOn ?? last.effectiveOn))}
        </Paragraph>
      )}
      {history.versions.map((version, index) => (
        <section class="koers-section koers-history" aria-labelledby={`versie-${index}`}>
          <Heading level={2} id={`versie-${index}`}>
            {version.revision
              ? t.byRevision(version.revision.number, formatDate(version.effectiveOn))
              : t.asAdopted(formatDate(version.effectiveOn))}
          </Heading>
          {version.revision && (
            <Paragraph>
              <Link href={revisionUrl(plan.id, version.revision.number)}>{m.changes.revisions.numbered(version.revision.number)}</Link>
              {`: ${version.revision.reason}`}
            </Paragraph>
          )}
          {version.changes.length > 0 && (
            <ul class="koers-changes__list">
              {version.changes.map((change) => (
                <ChangeItem
                  m={m}
                  planId={plan.id}
                  change={change}
                  names={history.names}
                  before={t.before}
                  after={t.after}
                  withHistory={false}
                />
              ))}
            </ul>
          )}
          <VersionState m={m} history={history} version={version} open={index === history.versions.length - 1} />
        </section>
      ))}
      {history.pending.length > 0 && (
        <section class="koers-section koers-history koers-history--pending" aria-labelledby="in-bijstelling">
          <Heading level={2} id="in-bijstelling">
            {history.openRevision ? t.pending(history.openRevision.number) : t.pendingUnnamed}
          </Heading>
          <Paragraph>{t.pendingNote}</Paragraph>
          <ul class="koers-changes__list">
            {history.pending.map((change) => (
              <ChangeItem
                m={m}
                planId={plan.id}
                change={change}
                names={history.names}
                before={t.before}
                after={t.after}
                withHistory={false}
              />
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
