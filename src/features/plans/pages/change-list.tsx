/**
 * Changes of a plan in words, item by item, grouped: the plan itself, each
 * kind of element the plan holds directly, and each theme with its
 * indicators, workstreams and activities. A changed element shows each field
 * before and after side by side; every element links to its history. Used by
 * the revision page, the comparison page and an element's history.
 */
import {
  changeInWords,
  type ElementChange,
  fieldInWords,
  type NameLookup,
  themeKeyOfChange,
  valueInWords,
} from '../../../domain/plan-diff.js';
import { ELEMENT_NAMES } from '../../../domain/plan-elements.js';
import { Cell, Heading, Link, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import type { Messages } from '../../../web/messages.js';
import { elementHistoryUrl } from './plan-urls.js';

export interface ChangeListProps {
  m: Messages;
  planId: string;
  changes: ElementChange[];
  names: NameLookup;
  /** The theme a workstream belongs to, to put an activity under its theme. */
  themeOfWorkstream: (workstreamKey: string) => string | undefined;
  /** What the two sides are called: "Was" and "Wordt", or "Vastgesteld" and "Nu". */
  before: string;
  after: string;
  /** The level of each group's heading; items are one level below. */
  level?: 2 | 3;
}

interface Group {
  id: string;
  title: string;
  changes: ElementChange[];
}

export function groupChanges(
  m: Messages,
  changes: ElementChange[],
  names: NameLookup,
  themeOfWorkstream: (key: string) => string | undefined,
): Group[] {
  const groups = new Map<string, Group>();
  const add = (id: string, title: string, change: ElementChange) => {
    const group = groups.get(id) ?? { id, title, changes: [] };
    group.changes.push(change);
    groups.set(id, group);
  };
  for (const change of changes) {
    if (change.kind === 'plan') {
      add('plan', m.changes.list.planItself, change);
      continue;
    }
    const themeKey = themeKeyOfChange(change, themeOfWorkstream);
    if (themeKey !== undefined) {
      const themeName = names('theme', themeKey) ?? (change.kind === 'theme' ? change.label : themeKey);
      add(`theme:${themeKey}`, m.changes.list.theme(themeName), change);
    } else add(`kind:${change.kind}`, ELEMENT_NAMES[change.kind].many, change);
  }
  // The plan itself first, then the groups in the order the plan holds them (the order of the changes).
  return [...groups.values()].sort((a, b) => (a.id === 'plan' ? -1 : b.id === 'plan' ? 1 : 0));
}

export function ChangeList({ m, planId, changes, names, themeOfWorkstream, before, after, level = 2 }: ChangeListProps) {
  if (changes.length === 0) return <p class="utrecht-paragraph">{m.changes.list.none}</p>;
  const groups = groupChanges(m, changes, names, themeOfWorkstream);
  return (
    <>
      {groups.map((group, index) => (
        <section class="koers-section koers-changes" aria-labelledby={`wijzigingen-${index}`}>
          <Heading level={level} id={`wijzigingen-${index}`}>
            {group.title}
          </Heading>
          <ul class="koers-changes__list">
            {group.changes.map((change) => (
              <ChangeItem m={m} planId={planId} change={change} names={names} before={before} after={after} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** A text value in full (a changed description must be readable whole); everything else as the domain words it. */
export function valueText(field: string, value: unknown, names: NameLookup): string {
  if (typeof value === 'string' && value.length > 120) return value;
  if (field === 'volgorde' && Array.isArray(value)) return value.join(', ');
  return valueInWords(field, value, names);
}

export function ChangeItem({
  m,
  planId,
  change,
  names,
  before,
  after,
  withHistory = true,
}: {
  m: Messages;
  planId: string;
  change: ElementChange;
  names: NameLookup;
  before: string;
  after: string;
  /** False on the element's own history page. */
  withHistory?: boolean;
}) {
  const t = m.changes.list;
  const sentence =
    change.change === 'changed'
      ? change.kind === 'plan'
        ? t.planChanged
        : t.changed(ELEMENT_NAMES[change.kind].one, change.label)
      : changeInWords(change, names);
  const historyLink =
    withHistory && change.kind !== 'plan' && change.change !== 'reordered' ? (
      <Link href={elementHistoryUrl(planId, change.kind, change.key)}>{t.history(change.label)}</Link>
    ) : null;
  const fields =
    change.change === 'reordered' && change.kind !== 'plan'
      ? change.fields.map((field) => ({
          ...field,
          before: (field.before as string[]).map((key) => names(change.kind as Exclude<typeof change.kind, 'plan'>, key) ?? key),
          after: (field.after as string[]).map((key) => names(change.kind as Exclude<typeof change.kind, 'plan'>, key) ?? key),
        }))
      : change.fields;
  return (
    <li class={`koers-change koers-change--${change.change}`}>
      <p class="utrecht-paragraph koers-change__what">
        <span class="koers-change__kind">{t.kinds[change.change]}</span> {sentence}
      </p>
      {(change.change === 'changed' || change.change === 'reordered') && fields.length > 0 && (
        <Table caption={t.fieldsCaption(sentence)} hideCaption>
          <TableHead columns={[t.field, before, after]} />
          <TableBody>
            {fields.map((field) => (
              <Row>
                <RowHeader>{fieldInWords(field.field)}</RowHeader>
                <Cell label={before}>{valueText(field.field, field.before, names)}</Cell>
                <Cell label={after}>{valueText(field.field, field.after, names)}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      {historyLink && <p class="utrecht-paragraph koers-change__history">{historyLink}</p>}
    </li>
  );
}
