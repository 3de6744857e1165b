/**
 * The edit form of each kind of plan element, and of the plan's own fields:
 * which fields, in which order, with which choices from the plan. A form is
 * read into the element document the API takes (ELEMENT_DOCUMENTS) and
 * checked with that same schema before the service gets it, so a form and an
 * API call of the same element are refused for the same reasons, in the same
 * words.
 */
import { CATALOGUE_EDITIONS, catalogueEdition, SAFETY_FIELDS } from '../../../catalogue/kernbeleid-veiligheid.js';
import type { FieldProblem } from '../../../domain/errors.js';
import { keyFromName, uniqueKey } from '../../../domain/keys.js';
import type { PlanContent } from '../../../domain/plan.js';
import { type ElementKind, listElements } from '../../../domain/plan-elements.js';
import { unitInWords } from '../../../domain/units.js';
import type { FormFields } from '../../../http/form.js';
import { capitalise } from '../../../web/format.js';
import type { Messages } from '../../../web/messages.js';
import { themeTitle } from '../pages/plan-parts.js';
import { UNIT_CODES } from '../plan-document.mapper.js';
import { PlanDocument } from '../plan-document.schema.js';
import { toJsonPath } from '../plan-document.validate.js';
import { ELEMENT_DOCUMENTS, type ElementDocument, type PlanFieldsDocument } from '../plan-element-documents.js';
import { type Choice, type FieldSpec, fieldNames, fieldOf, formPath, lineCountName, readForm, valuesOf } from './form-model.js';

/** Kinds whose document needs a key: a new one without gets a key made from its name. */
const KEY_REQUIRED: ReadonlySet<ElementKind> = new Set(['goal', 'portfolioHolder', 'partner', 'indicator', 'theme']);
/** Kinds whose key is a field of their own (the field number, the catalogue code), not `sleutel`. */
const OWN_KEY: ReadonlySet<ElementKind> = new Set(['fieldContext', 'catalogueExclusion']);

export interface FormContext {
  m: Messages;
  content: PlanContent;
  /** The element's key when it is changed; absent for a new one. */
  key?: string;
  /** The element as stored, when it is changed. */
  stored?: Record<string, unknown>;
  /** How many lines a list shows (from the form, or one more than stored). */
  lineCounts?: Record<string, number>;
}

const choice = (value: string, label: string, group?: string): Choice => ({ value, label, group });

function themeChoices(m: Messages, content: PlanContent): Choice[] {
  return content.themes.map((theme) => choice(theme.key, themeTitle(m, theme)));
}

function workstreamChoices(m: Messages, content: PlanContent): Choice[] {
  return content.themes.flatMap((theme) =>
    theme.workstreams.map((workstream) => choice(workstream.key, workstream.name, themeTitle(m, theme))),
  );
}

const partnerChoices = (content: PlanContent, except?: string) =>
  content.partners.filter((partner) => partner.key !== except).map((partner) => choice(partner.key, capitalise(partner.name)));

function editionThemeChoices(edition: string): Choice[] {
  const known = catalogueEdition(edition) ?? CATALOGUE_EDITIONS[CATALOGUE_EDITIONS.length - 1];
  return (known?.themes ?? []).map((theme) => choice(theme.code, `${theme.code} ${theme.name}`));
}

const storedList = (stored: Record<string, unknown> | undefined, name: string): string[] | undefined => {
  const value = stored?.[name];
  return Array.isArray(value) ? value.map(String) : undefined;
};

/** The key field: typed for a new element (empty: made from the name), shown for one that exists. */
function keyField(context: FormContext): FieldSpec {
  const f = context.m.editing.field;
  if (context.key !== undefined)
    return { type: 'fixed', name: 'sleutel', label: f.key, value: context.key, display: context.m.editing.form.keyFixed(context.key) };
  return { type: 'text', name: 'sleutel', label: f.key, hint: f.keyHint, omitWhenEmpty: true };
}

function seriesFields(m: Messages, name: string): FieldSpec[] {
  const f = m.editing.field;
  return [
    {
      type: 'select',
      name: `${name}.dienst`,
      label: f.service,
      emptyLabel: f.serviceNone,
      choices: (['opendata', 'dataderden', 'datasets'] as const).map((service) => choice(service, f.services[service])),
    },
    { type: 'text', name: `${name}.tabel`, label: f.table, hint: f.tableHint },
    { type: 'text', name: `${name}.onderwerp`, label: f.topic, hint: f.topicHint },
    { type: 'dimensions', name: `${name}.dimensies`, label: f.dimensions, hint: f.dimensionsHint },
  ];
}

/** The fields of an element's form, in page order. */
export function elementFields(kind: ElementKind, context: FormContext): FieldSpec[] {
  const { m, content, stored } = context;
  const f = m.editing.field;
  const isNew = context.key === undefined;
  switch (kind) {
    case 'goal':
      return [
        keyField(context),
        { type: 'text', name: 'titel', label: f.goalTitle },
        { type: 'textarea', name: 'omschrijving', label: f.description },
      ];
    case 'principle':
      return [
        keyField(context),
        { type: 'text', name: 'naam', label: f.principleName },
        { type: 'textarea', name: 'omschrijving', label: f.description },
      ];
    case 'fieldContext': {
      const taken = new Set(content.fieldContexts.map((context) => String(context.fieldNumber)));
      const fieldChoices = SAFETY_FIELDS.map((field) => choice(String(field.number), `${field.number}. ${field.name}`));
      return [
        isNew
          ? {
              type: 'select',
              name: 'veld',
              label: f.safetyField,
              numeric: true,
              choices: fieldChoices.filter((option) => !taken.has(option.value)),
            }
          : {
              type: 'fixed',
              name: 'veld',
              label: f.safetyField,
              value: context.key as string,
              display: fieldChoices.find((option) => option.value === context.key)?.label ?? String(context.key),
              numeric: true,
            },
        { type: 'textarea', name: 'samenvatting', label: f.fieldSummary },
      ];
    }
    case 'portfolioHolder':
      return [keyField(context), { type: 'text', name: 'naam', label: f.holderName, hint: f.holderHint }];
    case 'partner':
      return [
        keyField(context),
        { type: 'text', name: 'naam', label: f.name },
        {
          type: 'radios',
          name: 'soort',
          label: f.partnerKind,
          choices: (['gemeentelijk', 'samenwerkingsverband', 'extern'] as const).map((kind) => choice(kind, f.partnerKinds[kind])),
        },
        { type: 'checkbox', name: 'kernpartner', label: f.corePartner },
        { type: 'select', name: 'onderdeelVan', label: f.partOf, emptyLabel: f.partOfNone, choices: partnerChoices(content, context.key) },
        { type: 'textarea', name: 'omschrijving', label: f.description, nullable: true },
      ];
    case 'indicator':
      return [
        keyField(context),
        { type: 'select', name: 'thema', label: f.indicatorTheme, emptyLabel: capitalise(f.wholePlan), choices: themeChoices(m, content) },
        { type: 'text', name: 'naam', label: f.indicatorName },
        { type: 'text', name: 'bron', label: f.source, hint: f.sourceHint },
        {
          type: 'select',
          name: 'eenheid',
          label: f.unit,
          choices: (Object.keys(UNIT_CODES) as (keyof typeof UNIT_CODES)[]).map((name) =>
            choice(name, capitalise(unitInWords({ unit: UNIT_CODES[name], ageBand: null }))),
          ),
        },
        {
          type: 'group',
          name: 'leeftijden',
          label: f.ages,
          hint: f.agesHint,
          nullable: true,
          fields: [
            { type: 'number', name: 'leeftijden.van', label: f.ageFrom, whole: true },
            { type: 'number', name: 'leeftijden.totEnMet', label: f.ageTo, whole: true },
          ],
        },
        { type: 'text', name: 'reeks', label: f.seriesCode, hint: f.seriesCodeHint, nullable: true },
        {
          type: 'select',
          name: 'strategischeDoelstelling',
          label: f.goal,
          hint: f.goalHint,
          emptyLabel: f.goalNone,
          choices: content.goals.map((goal) => choice(goal.key, goal.title)),
        },
        {
          type: 'group',
          name: 'nulmeting',
          label: f.baseline,
          fields: [
            { type: 'number', name: 'nulmeting.waarde', label: f.value },
            { type: 'number', name: 'nulmeting.jaar', label: f.year, whole: true },
          ],
        },
        {
          type: 'group',
          name: 'streefwaarde',
          label: f.target,
          fields: [
            {
              type: 'radios',
              name: 'streefwaarde.vergelijking',
              label: f.comparison,
              choices: (['hoogstens', 'tenminste'] as const).map((comparison) => choice(comparison, f.comparisons[comparison])),
            },
            { type: 'number', name: 'streefwaarde.waarde', label: f.value },
            { type: 'number', name: 'streefwaarde.jaar', label: f.year, whole: true },
          ],
        },
        {
          type: 'group',
          name: 'koppeling',
          label: f.binding,
          hint: f.bindingHint,
          nullable: true,
          fields: [
            { type: 'group', name: 'koppeling.teller', label: f.numerator, fields: seriesFields(m, 'koppeling.teller') },
            {
              type: 'group',
              name: 'koppeling.noemer',
              label: f.denominator,
              hint: f.denominatorHint,
              nullable: true,
              fields: seriesFields(m, 'koppeling.noemer'),
            },
            { type: 'number', name: 'koppeling.schaal', label: f.scale, hint: f.scaleHint, nullable: true },
          ],
        },
      ];
    case 'theme':
      return [
        keyField(context),
        {
          type: 'radios',
          name: 'soort',
          label: f.themeKind,
          choices: (['prioriteit', 'strategisch'] as const).map((kind) => choice(kind, capitalise(f.themeKinds[kind]))),
        },
        { type: 'number', name: 'nummer', label: f.number, hint: f.numberHint, whole: true },
        { type: 'text', name: 'paragraaf', label: f.paragraph, hint: f.paragraphHint },
        { type: 'text', name: 'naam', label: f.themeName },
        {
          type: 'checkboxes',
          name: 'kernbeleidThemas',
          label: f.catalogueThemes(content.catalogueEdition),
          hint: f.catalogueThemesHint,
          choices: editionThemeChoices(content.catalogueEdition),
          order: storedList(stored, 'kernbeleidThemas'),
        },
        { type: 'textarea', name: 'redenEigenThema', label: f.ownThemeReason, hint: f.ownThemeReasonHint, nullable: true },
        { type: 'textarea', name: 'samenvatting', label: f.summary },
        {
          type: 'lines',
          name: 'hoofdlijnen',
          label: f.approachLines,
          hint: f.approachLinesHint,
          count: context.lineCounts?.hoofdlijnen ?? (storedList(stored, 'hoofdlijnen')?.length ?? 0) + 1,
          addLabel: m.editing.form.addLine,
          lineLegend: m.editing.form.lineLegend,
          fields: [
            { type: 'text', name: 'titel', label: f.lineTitle },
            { type: 'textarea', name: 'omschrijving', label: f.lineDescription },
          ],
        },
        { type: 'textarea', name: 'doelstelling', label: f.themeGoal },
        { type: 'textarea', name: 'kwalitatieveBeoordeling', label: f.qualitative, hint: f.qualitativeHint, nullable: true },
        { type: 'textarea', name: 'wasWordt', label: f.previousPlan, nullable: true },
      ];
    case 'workstream':
      return [
        keyField(context),
        { type: 'select', name: 'thema', label: f.workstreamTheme, choices: themeChoices(m, content) },
        { type: 'text', name: 'naam', label: f.workstreamName },
      ];
    case 'activity':
      return [
        keyField(context),
        { type: 'select', name: 'onderdeel', label: f.workstream, choices: workstreamChoices(m, content) },
        { type: 'text', name: 'naam', label: f.activityName },
        { type: 'textarea', name: 'omschrijving', label: f.description },
        { type: 'text', name: 'cluster', label: f.group, hint: f.groupHint, nullable: true },
        {
          type: 'group',
          name: 'hoeveelheid',
          label: f.quantity,
          hint: f.quantityHint,
          nullable: true,
          fields: [
            { type: 'number', name: 'hoeveelheid.waarde', label: f.quantityValue },
            { type: 'text', name: 'hoeveelheid.eenheid', label: f.quantityUnit },
          ],
        },
        { type: 'text', name: 'frequentie', label: f.cadence, hint: f.cadenceHint, nullable: true },
        { type: 'number', name: 'gewicht', label: f.weight, hint: f.weightHint, nullable: true },
        {
          type: 'checkboxes',
          name: 'trekkers',
          label: f.leads,
          choices: content.portfolioHolders.map((holder) => choice(holder.key, holder.name)),
          order: storedList(stored, 'trekkers'),
        },
        {
          type: 'checkboxes',
          name: 'partners',
          label: f.partners,
          choices: partnerChoices(content),
          order: storedList(stored, 'partners'),
          many: content.partners.length > 12,
        },
        {
          type: 'group',
          name: 'planning',
          label: f.schedule,
          fields: [
            { type: 'checkbox', name: 'planning.doorlopend', label: f.ongoing },
            { type: 'number', name: 'planning.vanafJaar', label: f.startYear, nullable: true, whole: true },
            {
              type: 'select',
              name: 'planning.vanafKwartaal',
              label: f.startQuarter,
              emptyLabel: f.quarterNone,
              numeric: true,
              choices: [1, 2, 3, 4].map((quarter) => choice(String(quarter), f.quarter(quarter))),
            },
            { type: 'number', name: 'planning.totJaar', label: f.endYear, nullable: true, whole: true },
          ],
        },
      ];
    case 'meeting':
      return [
        keyField(context),
        { type: 'text', name: 'naam', label: f.meetingName },
        { type: 'text', name: 'frequentie', label: f.meetingCadence, hint: f.cadenceHint },
        { type: 'textarea', name: 'omschrijving', label: f.meetingDescription },
        {
          type: 'checkboxes',
          name: 'partners',
          label: f.meetingPartners,
          choices: partnerChoices(content),
          order: storedList(stored, 'partners'),
          many: content.partners.length > 12,
        },
      ];
    case 'accountability':
      return [
        keyField(context),
        { type: 'text', name: 'naam', label: f.momentName },
        { type: 'text', name: 'moment', label: f.momentTiming },
        { type: 'text', name: 'ontvanger', label: f.momentAudience },
        { type: 'textarea', name: 'omschrijving', label: f.momentDescription },
      ];
    case 'framework':
      return [
        keyField(context),
        { type: 'text', name: 'naam', label: f.frameworkName },
        {
          type: 'select',
          name: 'niveau',
          label: f.frameworkLevel,
          choices: (['lokaal', 'regionaal', 'landelijk'] as const).map((level) => choice(level, capitalise(f.frameworkLevels[level]))),
        },
        { type: 'textarea', name: 'omschrijving', label: f.description },
      ];
    case 'catalogueExclusion': {
      const covered = new Set(content.themes.flatMap((theme) => theme.catalogueThemeCodes));
      const excluded = new Set(content.catalogueExclusions.map((exclusion) => exclusion.code));
      const themes = editionThemeChoices(content.catalogueEdition);
      return [
        isNew
          ? {
              type: 'select',
              name: 'kernbeleidThema',
              label: f.exclusionTheme,
              choices: themes.filter((option) => !covered.has(option.value) && !excluded.has(option.value)),
            }
          : {
              type: 'fixed',
              name: 'kernbeleidThema',
              label: f.exclusionTheme,
              value: context.key as string,
              display: themes.find((option) => option.value === context.key)?.label ?? String(context.key),
            },
        { type: 'textarea', name: 'reden', label: f.exclusionReason },
      ];
    }
  }
}

/** What a new element's form starts with: where it goes (from the page it was asked on) and sensible first choices. */
export function newElementValues(kind: ElementKind, content: PlanContent, query: (name: string) => string | undefined) {
  const values: Record<string, string> = {};
  const known = (key: string | undefined, keys: string[]) => (key && keys.includes(key) ? key : undefined);
  const themeKeys = content.themes.map((theme) => theme.key);
  if (kind === 'indicator' || kind === 'workstream') values.thema = known(query('thema'), themeKeys) ?? '';
  if (kind === 'activity') {
    const workstreams = content.themes.flatMap((theme) => theme.workstreams.map((workstream) => workstream.key));
    values.onderdeel = known(query('onderdeel'), workstreams) ?? '';
    // Without a start year an activity is ongoing; the coordinator dates it where the plan does.
    values['planning.doorlopend'] = 'ja';
  }
  if (kind === 'theme') {
    const soort = query('soort') === 'strategisch' ? 'strategisch' : 'prioriteit';
    const numbers = content.themes.filter((theme) => (theme.kind === 'priority') === (soort === 'prioriteit')).map((t) => t.number);
    values.soort = soort;
    values.nummer = String(Math.max(0, ...numbers) + 1);
  }
  if (kind === 'partner') values.soort = 'extern';
  if (kind === 'framework') values.niveau = 'lokaal';
  return values;
}

/** The form's values for a stored element. */
export function storedValues(specs: FieldSpec[], stored: Record<string, unknown>): Record<string, string> {
  return valuesOf(specs, stored);
}

export type ReadElement<K extends ElementKind> =
  | { ok: true; values: Record<string, string>; document: ElementDocument<K>; linePaths: Map<string, string> }
  | { ok: false; values: Record<string, string>; problems: FieldProblem[] };

/**
 * A posted form as the element document, checked with the API's schema. A new
 * element of a kind that needs a key, and whose key was left empty, gets one
 * made from its name; a changed element keeps its key whatever the form says.
 */
export function readElementForm<K extends ElementKind>(
  kind: K,
  specs: FieldSpec[],
  form: FormFields,
  context: FormContext,
): ReadElement<K> {
  const read = readForm(context.m, specs, form);
  const document = read.document;
  if (context.key !== undefined && !OWN_KEY.has(kind)) document.sleutel = context.key;
  if (context.key === undefined && KEY_REQUIRED.has(kind) && document.sleutel === undefined) {
    const name = String(document.naam ?? document.titel ?? '');
    if (name !== '') {
      const taken = new Set(
        listElements(context.content)
          .filter((entry) => entry.kind === kind)
          .map((entry) => entry.key),
      );
      document.sleutel = uniqueKey(keyFromName(name), taken);
    } else document.sleutel = '';
  }
  const problems = withSchemaProblems(read.problems, ELEMENT_DOCUMENTS[kind].safeParse(document), specs, read.linePaths);
  if (problems.length > 0) return { ok: false, values: read.values, problems };
  return { ok: true, values: read.values, document: document as ElementDocument<K>, linePaths: read.linePaths };
}

/** The schema's problems beside those of reading, none twice for a field that could not be read. */
function withSchemaProblems(
  own: FieldProblem[],
  parsed: { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
  specs: FieldSpec[],
  linePaths: Map<string, string>,
): FieldProblem[] {
  if (parsed.success) return own;
  const names = fieldNames(specs);
  const unreadable = new Set(own.map((problem) => fieldOf(problem.path, names) ?? problem.path));
  const schema = parsed.error.issues
    .map((issue) => ({ path: formPath(toJsonPath(issue.path).slice(2), linePaths), message: issue.message }))
    .filter((problem) => !unreadable.has(fieldOf(problem.path, names) ?? problem.path));
  return [...own, ...schema];
}

/** The problems the service found, in the form's terms: the element's own fields by their names, the rest of the plan as it is. */
export function formProblems(problems: FieldProblem[], linePaths: ReadonlyMap<string, string> = new Map()): FieldProblem[] {
  return problems.map((problem) => ({ ...problem, path: formPath(problem.path, linePaths) }));
}

export function lineCountsOf(form: FormFields, extra?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const name = 'hoofdlijnen';
  const sent = Number.parseInt(typeof form[lineCountName(name)] === 'string' ? (form[lineCountName(name)] as string) : '', 10);
  if (Number.isInteger(sent) && sent > 0) counts[name] = Math.min(sent + (extra === name ? 1 : 0), 50);
  return counts;
}

// ---------------------------------------------------------------------------
// The plan's own fields

const PlanFieldsSchema = PlanDocument.shape.plan
  .pick({ titel: true, ondertitel: true, periode: true, samenvatting: true, begroting: true, kernbeleidEditie: true })
  .strict();

export function planFields(m: Messages): FieldSpec[] {
  const f = m.editing.field;
  return [
    { type: 'text', name: 'titel', label: f.planTitle },
    { type: 'text', name: 'ondertitel', label: f.planSubtitle, nullable: true },
    {
      type: 'group',
      name: 'periode',
      label: m.editing.start.period,
      fields: [
        { type: 'number', name: 'periode.van', label: f.periodFrom, whole: true },
        { type: 'number', name: 'periode.tot', label: f.periodTo, whole: true },
      ],
    },
    {
      type: 'select',
      name: 'kernbeleidEditie',
      label: f.edition,
      choices: CATALOGUE_EDITIONS.map((edition) => choice(edition.code, edition.name)),
    },
    { type: 'textarea', name: 'samenvatting', label: f.planSummary },
    { type: 'textarea', name: 'begroting', label: f.budget, hint: f.budgetHint, nullable: true },
  ];
}

export type ReadPlanFields =
  | { ok: true; values: Record<string, string>; document: PlanFieldsDocument }
  | { ok: false; values: Record<string, string>; problems: FieldProblem[] };

export function readPlanFieldsForm(m: Messages, specs: FieldSpec[], form: FormFields): ReadPlanFields {
  const read = readForm(m, specs, form);
  const problems = withSchemaProblems(read.problems, PlanFieldsSchema.safeParse(read.document), specs, read.linePaths);
  if (problems.length > 0) return { ok: false, values: read.values, problems };
  return { ok: true, values: read.values, document: read.document as PlanFieldsDocument };
}

/** A problem of the whole plan document as one of the plan's own fields: `$.plan.periode.tot` is `periode.tot`. */
export function planProblems(problems: FieldProblem[]): FieldProblem[] {
  return problems.map((problem) => ({ ...problem, path: problem.path.replace(/^\$\.plan\./, '') }));
}
