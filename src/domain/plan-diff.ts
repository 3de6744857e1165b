/**
 * What changed between two versions of a plan, element by element (matched by
 * key): added, removed, changed (field by field, from and to), moved to another
 * theme or workstream, or a list put in another order. And the same in words,
 * for the revision page, the comparison page, an object's history and the
 * answer to a change made on a stale version.
 */

import type { PlanContent } from './plan.js';
import type { ElementEntry, ElementKind } from './plan-elements.js';
import { ELEMENT_NAMES, elementLabel, listElements } from './plan-elements.js';
import { scheduleLabel } from './schedule.js';
import { ageBandInWords, unitInWords } from './units.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved' | 'reordered';

export interface ElementChange {
  /** 'plan' for the plan's own fields. */
  kind: ElementKind | 'plan';
  change: ChangeKind;
  /** The element's key; for 'reordered' the key of the theme or workstream whose list changed order ('' for the plan). */
  key: string;
  /** The element's name (after the change; before it, for a removed element). */
  label: string;
  /** Where the element sits (after the change); for 'moved', `fromParentKey` says where it was. */
  parentKey: string | null;
  fromParentKey?: string | null;
  fields: FieldChange[];
}

/** The plan's own fields an edit can change; its status and adoption change only through the lifecycle. */
const PLAN_FIELDS = ['title', 'subtitle', 'periodStart', 'periodEnd', 'catalogueEdition', 'summary', 'budgetNote'] as const;

export function diffPlans(before: PlanContent, after: PlanContent): ElementChange[] {
  const changes: ElementChange[] = [];
  const planFields = PLAN_FIELDS.flatMap((field) =>
    same(before[field], after[field]) ? [] : [{ field, before: before[field], after: after[field] }],
  );
  if (planFields.length > 0)
    changes.push({ kind: 'plan', change: 'changed', key: '', label: after.title, parentKey: null, fields: planFields });

  const id = (entry: ElementEntry) => `${entry.kind}:${entry.key}`;
  const old = new Map(listElements(before).map((entry) => [id(entry), entry]));
  const now = listElements(after);
  const nowIds = new Set(now.map(id));
  for (const entry of now) {
    const previous = old.get(id(entry));
    if (!previous) {
      changes.push({
        kind: entry.kind,
        change: 'added',
        key: entry.key,
        label: elementLabel(entry),
        parentKey: entry.parentKey,
        fields: [],
      });
      continue;
    }
    if (previous.parentKey !== entry.parentKey)
      changes.push({
        kind: entry.kind,
        change: 'moved',
        key: entry.key,
        label: elementLabel(entry),
        parentKey: entry.parentKey,
        fromParentKey: previous.parentKey,
        fields: [],
      });
    const fields = fieldChanges(previous.value as Record<string, unknown>, entry.value as Record<string, unknown>);
    if (fields.length > 0)
      changes.push({ kind: entry.kind, change: 'changed', key: entry.key, label: elementLabel(entry), parentKey: entry.parentKey, fields });
  }
  for (const entry of old.values())
    if (!nowIds.has(id(entry)))
      changes.push({
        kind: entry.kind,
        change: 'removed',
        key: entry.key,
        label: elementLabel(entry),
        parentKey: entry.parentKey,
        fields: [],
      });
  changes.push(...reorderings(before, after));
  return changes;
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.flatMap((field) =>
    same(before[field], after[field]) ? [] : [{ field, before: before[field] ?? null, after: after[field] ?? null }],
  );
}

/** Lists whose common elements now stand in another order (additions and removals alone are no reordering). */
function reorderings(before: PlanContent, after: PlanContent): ElementChange[] {
  const lists = (content: PlanContent) => {
    const grouped = new Map<string, { kind: ElementKind; parentKey: string | null; keys: string[] }>();
    for (const entry of listElements(content)) {
      const listId = `${entry.kind}:${entry.parentKey ?? ''}`;
      const list = grouped.get(listId) ?? { kind: entry.kind, parentKey: entry.parentKey, keys: [] };
      list.keys.push(entry.key);
      grouped.set(listId, list);
    }
    return grouped;
  };
  const old = lists(before);
  const changes: ElementChange[] = [];
  for (const [listId, list] of lists(after)) {
    const previous = old.get(listId);
    if (!previous) continue;
    const common = list.keys.filter((key) => previous.keys.includes(key));
    const previousCommon = previous.keys.filter((key) => common.includes(key));
    if (!same(common, previousCommon))
      changes.push({
        kind: list.kind,
        change: 'reordered',
        key: list.parentKey ?? '',
        label: ELEMENT_NAMES[list.kind].many.toLowerCase(),
        parentKey: list.parentKey,
        fields: [{ field: 'volgorde', before: previousCommon, after: common }],
      });
  }
  return changes;
}

/** Equal in value: objects compare by their fields whatever their order (a plan read back from JSONB has its keys reordered). */
function same(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  // Most fields of most elements are unchanged text, numbers or lists of keys: compared as they are, without a canonical form.
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  return canonical(x) === canonical(y);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}

/** The theme a change belongs to, by key, or undefined for what the plan holds directly. */
export function themeKeyOfChange(change: ElementChange, themeOfWorkstream: (key: string) => string | undefined): string | undefined {
  if (change.kind === 'theme') return change.change === 'reordered' ? undefined : change.key;
  if (change.kind === 'indicator' || change.kind === 'workstream') return change.parentKey ?? undefined;
  if (change.kind === 'activity') return change.parentKey ? themeOfWorkstream(change.parentKey) : undefined;
  return undefined;
}

/** The elements a change touches: itself, and for a reordering the list's parent. */
export function touchedKeys(change: ElementChange): string[] {
  if (change.change === 'reordered') return [`${change.kind}-list:${change.key}`];
  return [`${change.kind}:${change.key}`];
}

// ---------------------------------------------------------------------------
// In words

const FIELD_NAMES: Record<string, string> = {
  title: 'titel',
  subtitle: 'ondertitel',
  periodStart: 'beginjaar',
  periodEnd: 'eindjaar',
  catalogueEdition: 'editie van het Kernbeleid Veiligheid',
  summary: 'samenvatting',
  budgetNote: 'begroting',
  name: 'naam',
  description: 'omschrijving',
  kind: 'soort',
  isCore: 'kernpartner',
  parentKey: 'onderdeel van',
  number: 'nummer',
  paragraph: 'paragraaf',
  catalogueThemeCodes: "Kernbeleid-thema's",
  outsideCatalogueReason: 'reden voor een eigen thema',
  approachLines: 'hoofdlijnen',
  goal: 'doelstelling',
  qualitativeAssessment: 'kwalitatieve beoordeling',
  previousPlanNote: 'was/wordt',
  source: 'bron',
  unit: 'eenheid',
  ageBand: 'leeftijden',
  seriesCode: 'reeks',
  goalKey: 'strategische doelstelling',
  baselineValue: 'nulmeting',
  baselineYear: 'jaar van de nulmeting',
  targetComparison: 'vergelijking van de streefwaarde',
  targetValue: 'streefwaarde',
  targetYear: 'jaar van de streefwaarde',
  binding: 'koppeling met open data',
  groupLabel: 'cluster',
  quantity: 'hoeveelheid',
  cadence: 'frequentie',
  weight: 'gewicht',
  leadKeys: 'trekkers',
  partnerKeys: 'partners',
  schedule: 'planning',
  timing: 'moment',
  audience: 'ontvanger',
  level: 'niveau',
  reason: 'reden',
  fieldNumber: 'veld',
  code: 'Kernbeleid-thema',
  volgorde: 'volgorde',
};

const ENUM_WORDS: Record<string, string> = {
  priority: 'prioriteit',
  strategic: 'strategisch thema',
  department: 'gemeentelijk',
  shared_service: 'samenwerkingsverband',
  external: 'extern',
  local: 'lokaal',
  regional: 'regionaal',
  national: 'landelijk',
  at_most: 'hoogstens',
  at_least: 'tenminste',
};

/** Names of the elements keys refer to, so a change reads "partners: Politie, RIEC" rather than keys. */
export type NameLookup = (kind: ElementKind, key: string) => string | undefined;

export function nameLookup(...contents: PlanContent[]): NameLookup {
  const names = new Map<string, string>();
  for (const content of contents) for (const entry of listElements(content)) names.set(`${entry.kind}:${entry.key}`, elementLabel(entry));
  return (kind, key) => names.get(`${kind}:${key}`);
}

const REFERENCE_KINDS: Record<string, ElementKind> = {
  leadKeys: 'portfolioHolder',
  partnerKeys: 'partner',
  parentKey: 'partner',
  goalKey: 'goal',
};

export function valueInWords(field: string, value: unknown, names: NameLookup = () => undefined): string {
  if (value === null || value === undefined || value === '') return '(leeg)';
  const reference = REFERENCE_KINDS[field];
  if (reference) {
    const keys = Array.isArray(value) ? (value as string[]) : [String(value)];
    if (keys.length === 0) return '(geen)';
    return keys.map((key) => names(reference, key) ?? key).join(', ');
  }
  if (field === 'schedule') return scheduleLabel(value as Parameters<typeof scheduleLabel>[0]);
  if (field === 'quantity') {
    const quantity = value as { value: number; unit: string };
    return `${quantity.value.toLocaleString('nl-NL')} ${quantity.unit}`;
  }
  if (field === 'ageBand') return ageBandInWords(value as Parameters<typeof ageBandInWords>[0]);
  if (field === 'unit') return unitInWords({ unit: value as Parameters<typeof unitInWords>[0]['unit'], ageBand: null });
  if (field === 'binding') {
    const binding = value as { numerator: { table: string; topic: string } };
    return `tabel ${binding.numerator.table}, ${binding.numerator.topic}`;
  }
  if (field === 'approachLines') return (value as { title: string }[]).map((line) => line.title).join('; ') || '(geen)';
  if (field === 'volgorde') return (value as string[]).join(', ');
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'number')
    return field.endsWith('Year') || field.startsWith('period') ? String(value) : value.toLocaleString('nl-NL');
  if (Array.isArray(value)) return value.length === 0 ? '(geen)' : value.map(String).join(', ');
  if (typeof value === 'string') {
    const word = ENUM_WORDS[value];
    if (word) return word;
    return value.length > 120 ? `${value.slice(0, 117)}...` : value;
  }
  return JSON.stringify(value);
}

export function fieldInWords(field: string): string {
  return FIELD_NAMES[field] ?? field;
}

/** The field of a change-log entry that records a step of the plan's life (adoption, revision, closing) in words. */
export const LIFECYCLE_FIELD = 'levensloop';

/** One line per change: what, which, and for a change each field from and to. */
export function changeInWords(change: ElementChange, names: NameLookup = () => undefined): string {
  const step =
    change.kind === 'plan' && change.fields.length === 1 && change.fields[0]?.field === LIFECYCLE_FIELD ? change.fields[0].after : null;
  if (typeof step === 'string') return step;
  const what = change.kind === 'plan' ? 'Het plan' : `${ELEMENT_NAMES[change.kind].one} "${change.label}"`;
  const where = (parentKey: string | null | undefined) => {
    if (change.kind === 'activity') return `onderdeel "${parentKey ? (names('workstream', parentKey) ?? parentKey) : '?'}"`;
    if (change.kind === 'indicator' || change.kind === 'workstream')
      return parentKey ? `thema "${names('theme', parentKey) ?? parentKey}"` : 'het plan zelf';
    return 'het plan';
  };
  switch (change.change) {
    case 'added':
      return `${what} toegevoegd${change.parentKey ? ` aan ${where(change.parentKey)}` : ''}`;
    case 'removed':
      return `${what} verwijderd`;
    case 'moved':
      return `${what} verplaatst van ${where(change.fromParentKey)} naar ${where(change.parentKey)}`;
    case 'reordered':
      return `Volgorde van de ${change.label}${change.parentKey ? ` in ${change.kind === 'activity' ? `onderdeel "${names('workstream', change.parentKey) ?? change.parentKey}"` : `thema "${names('theme', change.parentKey) ?? change.parentKey}"`}` : ''} gewijzigd`;
    case 'changed':
      return `${what} gewijzigd: ${change.fields
        .map(
          (field) =>
            `${fieldInWords(field.field)} van "${valueInWords(field.field, field.before, names)}" naar "${valueInWords(field.field, field.after, names)}"`,
        )
        .join('; ')}`;
  }
}
