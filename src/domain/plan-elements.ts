/**
 * The elements of a plan, one kind at a time, and the edits a coordinator or a
 * program makes to them: add, change, move, remove, reorder. Every edit is a
 * pure function from one plan content to the next; whether the result holds
 * together (references, years) is checked afterwards on the whole plan.
 *
 * Elements are found by kind and key. Indicators sit in a theme or in the plan
 * itself (parent null); workstreams sit in a theme; activities in a workstream.
 */
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import type { ActivityContent, IndicatorContent, PlanContent, ThemeContent } from './plan.js';

export type ThemeFields = Omit<ThemeContent, 'indicators' | 'workstreams'>;
export type WorkstreamFields = { key: string; name: string };

/** The content of one element of each kind, without the elements it contains. */
export interface ElementValues {
  goal: PlanContent['goals'][number];
  principle: PlanContent['principles'][number];
  fieldContext: PlanContent['fieldContexts'][number];
  portfolioHolder: PlanContent['portfolioHolders'][number];
  partner: PlanContent['partners'][number];
  indicator: IndicatorContent;
  theme: ThemeFields;
  workstream: WorkstreamFields;
  activity: ActivityContent;
  meeting: PlanContent['meetings'][number];
  accountability: PlanContent['accountability'][number];
  framework: PlanContent['frameworks'][number];
  catalogueExclusion: PlanContent['catalogueExclusions'][number];
}

export type ElementKind = keyof ElementValues;

export const ELEMENT_KINDS: readonly ElementKind[] = [
  'goal',
  'principle',
  'fieldContext',
  'portfolioHolder',
  'partner',
  'indicator',
  'theme',
  'workstream',
  'activity',
  'meeting',
  'accountability',
  'framework',
  'catalogueExclusion',
];

/** The kind an element of this kind sits in (null: the plan itself); indicators may sit in either. */
export const PARENT_KIND: Record<ElementKind, ElementKind | null> = {
  goal: null,
  principle: null,
  fieldContext: null,
  portfolioHolder: null,
  partner: null,
  indicator: 'theme',
  theme: null,
  workstream: 'theme',
  activity: 'workstream',
  meeting: null,
  accountability: null,
  framework: null,
  catalogueExclusion: null,
};

/** The key of an element: its `key`, or for field contexts the field number and for exclusions the catalogue code. */
export function keyOf<K extends ElementKind>(kind: K, value: ElementValues[K]): string {
  if (kind === 'fieldContext') return String((value as ElementValues['fieldContext']).fieldNumber);
  if (kind === 'catalogueExclusion') return (value as ElementValues['catalogueExclusion']).code;
  return (value as { key: string }).key;
}

export interface ElementEntry<K extends ElementKind = ElementKind> {
  kind: K;
  key: string;
  /** The key of the theme or workstream it sits in; null when it sits in the plan. */
  parentKey: string | null;
  position: number;
  value: ElementValues[K];
}

/** Every element of a plan, containers before what they contain, each list in its order. */
export function listElements(content: PlanContent): ElementEntry[] {
  const entries: ElementEntry[] = [];
  const push = <K extends ElementKind>(kind: K, values: readonly ElementValues[K][], parentKey: string | null = null) =>
    values.forEach((value, position) => {
      entries.push({ kind, key: keyOf(kind, value), parentKey, position, value } as ElementEntry);
    });
  push('goal', content.goals);
  push('principle', content.principles);
  push('fieldContext', content.fieldContexts);
  push('portfolioHolder', content.portfolioHolders);
  push('partner', content.partners);
  push('indicator', content.indicators);
  push('catalogueExclusion', content.catalogueExclusions);
  content.themes.forEach((theme, position) => {
    const { indicators, workstreams, ...fields } = theme;
    entries.push({ kind: 'theme', key: theme.key, parentKey: null, position, value: fields });
    push('indicator', indicators, theme.key);
    workstreams.forEach((workstream, workstreamPosition) => {
      entries.push({
        kind: 'workstream',
        key: workstream.key,
        parentKey: theme.key,
        position: workstreamPosition,
        value: { key: workstream.key, name: workstream.name },
      });
      push('activity', workstream.activities, workstream.key);
    });
  });
  push('meeting', content.meetings);
  push('accountability', content.accountability);
  push('framework', content.frameworks);
  return entries;
}

export function findElement<K extends ElementKind>(content: PlanContent, kind: K, key: string): ElementEntry<K> | undefined {
  return listElements(content).find((entry): entry is ElementEntry<K> => entry.kind === kind && entry.key === key);
}

/** The list an element of this kind sits in, under the given parent; throws when the parent does not exist. */
function listOf(content: PlanContent, kind: ElementKind, parentKey: string | null): unknown[] {
  switch (kind) {
    case 'goal':
      return content.goals;
    case 'principle':
      return content.principles;
    case 'fieldContext':
      return content.fieldContexts;
    case 'portfolioHolder':
      return content.portfolioHolders;
    case 'partner':
      return content.partners;
    case 'theme':
      return content.themes;
    case 'meeting':
      return content.meetings;
    case 'accountability':
      return content.accountability;
    case 'framework':
      return content.frameworks;
    case 'catalogueExclusion':
      return content.catalogueExclusions;
    case 'indicator':
      return parentKey === null ? content.indicators : themeOf(content, parentKey).indicators;
    case 'workstream':
      return themeOf(content, requiredParent(kind, parentKey)).workstreams;
    case 'activity':
      return workstreamOf(content, requiredParent(kind, parentKey)).activities;
  }
}

function requiredParent(kind: ElementKind, parentKey: string | null): string {
  if (parentKey === null)
    throw new ValidationError('Er ontbreekt waar dit onderdeel bij hoort', [
      { path: kind === 'activity' ? 'onderdeel' : 'thema', message: 'is verplicht' },
    ]);
  return parentKey;
}

function themeOf(content: PlanContent, key: string): ThemeContent {
  const theme = content.themes.find((candidate) => candidate.key === key);
  if (!theme)
    throw new ValidationError('Dit thema bestaat niet in het plan', [{ path: 'thema', message: `"${key}" is geen thema van dit plan` }]);
  return theme;
}

function workstreamOf(content: PlanContent, key: string) {
  const workstream = content.themes.flatMap((theme) => theme.workstreams).find((candidate) => candidate.key === key);
  if (!workstream)
    throw new ValidationError('Dit onderdeel bestaat niet in het plan', [
      { path: 'onderdeel', message: `"${key}" is geen onderdeel van de uitvoering van dit plan` },
    ]);
  return workstream;
}

/** A new element at the end of its list. Its key must be new within the plan (within its kind). */
export function addElement<K extends ElementKind>(
  content: PlanContent,
  kind: K,
  value: ElementValues[K],
  parentKey: string | null = null,
): PlanContent {
  const next = structuredClone(content);
  const key = keyOf(kind, value);
  if (findElement(next, kind, key))
    throw new ValidationError('Deze sleutel is al in gebruik', [
      { path: keyField(kind), message: `"${key}" is al in gebruik in dit plan` },
    ]);
  listOf(next, kind, parentKey).push(withChildren(kind, structuredClone(value), null));
  return next;
}

/**
 * Replaces an element's fields; what it contains stays. With a different
 * `parentKey` it moves to the end of that theme's or workstream's list.
 * The key never changes.
 */
export function updateElement<K extends ElementKind>(
  content: PlanContent,
  kind: K,
  key: string,
  value: ElementValues[K],
  parentKey?: string | null,
): PlanContent {
  const next = structuredClone(content);
  const entry = requireElement(next, kind, key);
  if (keyOf(kind, value) !== key)
    throw new ValidationError('De sleutel van een onderdeel verandert niet', [
      { path: keyField(kind), message: `blijft "${key}"; maak een nieuw onderdeel als u een andere sleutel wilt` },
    ]);
  const list = listOf(next, kind, entry.parentKey);
  const replacement = withChildren(kind, structuredClone(value), list[entry.position]);
  const target = parentKey === undefined ? entry.parentKey : parentKey;
  if (target === entry.parentKey) {
    list[entry.position] = replacement;
  } else {
    const destination = listOf(next, kind, target);
    list.splice(entry.position, 1);
    destination.push(replacement);
  }
  return next;
}

/**
 * Removes an element and what it contains. An element that others still name
 * (a partner of an activity, a lead, a goal of an indicator) is refused, with
 * every place that names it.
 */
export function removeElement(content: PlanContent, kind: ElementKind, key: string): PlanContent {
  const next = structuredClone(content);
  const entry = requireElement(next, kind, key);
  const users = usesOf(next, kind, key);
  if (users.length > 0)
    throw new ConflictError(
      'Dit onderdeel wordt nog gebruikt; haal het daar eerst weg',
      users.map((use) => ({ path: keyField(kind), message: use })),
    );
  listOf(next, kind, entry.parentKey).splice(entry.position, 1);
  return next;
}

/** Puts the elements of one list in the given order; `keys` must name each of them once. */
export function reorderElements(content: PlanContent, kind: ElementKind, parentKey: string | null, keys: readonly string[]): PlanContent {
  const next = structuredClone(content);
  const list = listOf(next, kind, parentKey) as ElementValues[ElementKind][];
  const current = list.map((value) => keyOf(kind, value));
  const missing = current.filter((key) => !keys.includes(key));
  const unknown = keys.filter((key) => !current.includes(key));
  const twice = keys.filter((key, index) => keys.indexOf(key) !== index);
  if (missing.length + unknown.length + twice.length > 0)
    throw new ValidationError('De volgorde moet elk onderdeel van de lijst precies één keer noemen', [
      ...missing.map((key) => ({ path: 'volgorde', message: `"${key}" ontbreekt` })),
      ...unknown.map((key) => ({ path: 'volgorde', message: `"${key}" staat niet in deze lijst` })),
      ...[...new Set(twice)].map((key) => ({ path: 'volgorde', message: `"${key}" staat er meer dan één keer in` })),
    ]);
  const byKey = new Map(list.map((value) => [keyOf(kind, value), value]));
  list.splice(0, list.length, ...keys.map((key) => byKey.get(key) as ElementValues[ElementKind]));
  return next;
}

function requireElement<K extends ElementKind>(content: PlanContent, kind: K, key: string): ElementEntry<K> {
  const entry = findElement(content, kind, key);
  if (!entry) throw new NotFoundError(ELEMENT_NAMES[kind].one, key);
  return entry;
}

/** A theme or workstream keeps what it contains; a new one starts empty. */
function withChildren(kind: ElementKind, value: object, previous: unknown): unknown {
  if (kind === 'theme') {
    const old = previous as ThemeContent | null;
    return { ...value, indicators: old?.indicators ?? [], workstreams: old?.workstreams ?? [] };
  }
  if (kind === 'workstream') {
    const old = previous as { activities: ActivityContent[] } | null;
    return { ...value, activities: old?.activities ?? [] };
  }
  return value;
}

/** Where an element is named by another, in words. */
function usesOf(content: PlanContent, kind: ElementKind, key: string): string[] {
  const activities = content.themes.flatMap((theme) => theme.workstreams.flatMap((workstream) => workstream.activities));
  const indicators = [...content.indicators, ...content.themes.flatMap((theme) => theme.indicators)];
  switch (kind) {
    case 'partner':
      return [
        ...activities
          .filter((activity) => activity.partnerKeys.includes(key))
          .map((activity) => `partner bij activiteit "${activity.name}"`),
        ...content.meetings.filter((meeting) => meeting.partnerKeys.includes(key)).map((meeting) => `deelnemer aan "${meeting.name}"`),
        ...content.partners.filter((partner) => partner.parentKey === key).map((partner) => `"${partner.name}" is er een onderdeel van`),
      ];
    case 'portfolioHolder':
      return activities
        .filter((activity) => activity.leadKeys.includes(key))
        .map((activity) => `trekker van activiteit "${activity.name}"`);
    case 'goal':
      return indicators.filter((indicator) => indicator.goalKey === key).map((indicator) => `doel van indicator "${indicator.name}"`);
    default:
      return [];
  }
}

/** The form and API field that holds an element's key. */
export function keyField(kind: ElementKind): string {
  if (kind === 'fieldContext') return 'veld';
  if (kind === 'catalogueExclusion') return 'kernbeleidThema';
  return 'sleutel';
}

/** Each kind in words, for messages, change lists and page titles. */
export const ELEMENT_NAMES: Record<ElementKind, { one: string; many: string }> = {
  goal: { one: 'Strategische doelstelling', many: 'Strategische doelstellingen' },
  principle: { one: 'Rode draad', many: 'Rode draden' },
  fieldContext: { one: 'Veldbeeld', many: 'Veldbeelden' },
  portfolioHolder: { one: 'Trekker', many: 'Trekkers' },
  partner: { one: 'Partner', many: 'Partners' },
  indicator: { one: 'Indicator', many: 'Indicatoren' },
  theme: { one: 'Thema', many: "Thema's" },
  workstream: { one: 'Onderdeel', many: 'Onderdelen' },
  activity: { one: 'Activiteit', many: 'Activiteiten' },
  meeting: { one: 'Overleg', many: 'Overleggen' },
  accountability: { one: 'Verantwoordingsmoment', many: 'Verantwoordingsmomenten' },
  framework: { one: 'Kader', many: 'Kaders' },
  catalogueExclusion: { one: 'Bewust weggelaten Kernbeleid-thema', many: "Bewust weggelaten Kernbeleid-thema's" },
};

/** The name an element is shown by. */
export function elementLabel(entry: ElementEntry): string {
  const value = entry.value as Record<string, unknown>;
  if (entry.kind === 'fieldContext') return `veld ${entry.key}`;
  if (entry.kind === 'catalogueExclusion') return `Kernbeleid-thema ${entry.key}`;
  const name = value.name ?? value.title;
  return typeof name === 'string' ? name : entry.key;
}
