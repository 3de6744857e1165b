/**
 * The forms of a plan's life: starting a plan (empty, from the Kernbeleid
 * Veiligheid catalogue, or as a copy of an earlier plan), adopting it, opening
 * a revision and closing it. Each is read into what the lifecycle service
 * takes, checked first with the plan document's own rules where it has them
 * (title, period, dates, bodies), so the words are the API's.
 */
import { z } from '@hono/zod-openapi';
import { CATALOGUE_EDITIONS, CURRENT_EDITION, SAFETY_FIELDS } from '../../../catalogue/kernbeleid-veiligheid.js';
import type { FieldProblem } from '../../../domain/errors.js';
import type { AdoptingBody, MunicipalityRef, PlanSummary, RevisionDecider } from '../../../domain/plan.js';
import type { FormFields } from '../../../http/form.js';
import { formatPeriod } from '../../../web/format.js';
import type { Messages } from '../../../web/messages.js';
import { BODY_NAMES, DECIDER_NAMES } from '../plan-document.mapper.js';
import { PlanDocument } from '../plan-document.schema.js';
import { toJsonPath } from '../plan-document.validate.js';
import type { StartPlanInput } from '../plan-lifecycle.service.js';
import { type Choice, type FieldSpec, readForm } from './form-model.js';

type Read<T> =
  | { ok: true; values: Record<string, string>; input: T }
  | { ok: false; values: Record<string, string>; problems: FieldProblem[] };

const planShape = PlanDocument.shape.plan;
const StartDocument = planShape.pick({ titel: true, periode: true, samenvatting: true, kernbeleidEditie: true });
const AdoptionDocument = planShape.shape.vaststellingen.unwrap().element;
const text = z.string().trim().min(1, 'mag niet leeg zijn');
const RevisionDocument = z
  .object({
    reden: text,
    besluitdatum: z.iso.date('moet een datum zijn als 2019-01-29'),
    besloten: z.enum(Object.values(DECIDER_NAMES) as [string, ...string[]]),
  })
  .strict();

/** The schema's problems besides the form's own, none twice for one field. */
function checked<T>(
  own: FieldProblem[],
  parsed: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
): FieldProblem[] {
  const problems = [...own];
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = toJsonPath(issue.path).slice(2);
      if (!problems.some((problem) => problem.path === path)) problems.push({ path, message: issue.message });
    }
  return problems;
}

const choice = (value: string, label: string): Choice => ({ value, label });

// ---------------------------------------------------------------------------
// Starting a plan

type ThemePick = 'prioriteit' | 'strategisch';

/** Every theme of every edition, each once, in catalogue order, with the editions that lack it named. */
function catalogueThemes(m: Messages) {
  const seen = new Map<string, { code: string; name: string; fieldNumber: number | null; editions: string[] }>();
  for (const edition of CATALOGUE_EDITIONS)
    for (const theme of edition.themes) {
      const known = seen.get(theme.code);
      if (known) known.editions.push(edition.code);
      else seen.set(theme.code, { code: theme.code, name: theme.name, fieldNumber: theme.fieldNumber, editions: [edition.code] });
    }
  return [...seen.values()].map((theme) => ({
    ...theme,
    label:
      theme.editions.length === CATALOGUE_EDITIONS.length
        ? `${theme.code} ${theme.name}`
        : `${theme.code} ${theme.name} (${m.editing.start.onlyEdition(theme.editions.join(', '))})`,
  }));
}

export function startFields(m: Messages, municipalities: MunicipalityRef[], predecessors: PlanSummary[]): FieldSpec[] {
  const t = m.editing.start;
  const themes = catalogueThemes(m);
  const themeGroup = (label: string, fieldNumber: number | null): FieldSpec => ({
    type: 'group',
    name: `themas.veld-${fieldNumber ?? 'd'}`,
    label,
    fields: themes
      .filter((theme) => theme.fieldNumber === fieldNumber)
      .map(
        (theme): FieldSpec => ({
          type: 'group',
          name: `themas.veld-${fieldNumber ?? 'd'}.${theme.code}`,
          label: theme.label,
          inline: true,
          fields: [
            {
              type: 'select',
              name: `themas.veld-${fieldNumber ?? 'd'}.${theme.code}.opnemen`,
              label: t.themeChoice,
              emptyLabel: t.notIncluded,
              choices: [choice('prioriteit', t.priority), choice('strategisch', t.strategic)],
            },
            {
              type: 'number',
              name: `themas.veld-${fieldNumber ?? 'd'}.${theme.code}.volgorde`,
              label: t.themeOrder,
              nullable: true,
              whole: true,
            },
          ],
        }),
      ),
  });
  return [
    {
      type: 'select',
      name: 'gemeente',
      label: t.municipality,
      choices: municipalities.map((municipality) => choice(municipality.code, `${municipality.name} (${municipality.code})`)),
    },
    { type: 'text', name: 'titel', label: t.titleField, hint: t.titleHint },
    {
      type: 'group',
      name: 'periode',
      label: t.period,
      fields: [
        { type: 'number', name: 'periode.van', label: t.periodFrom, whole: true },
        { type: 'number', name: 'periode.tot', label: t.periodTo, whole: true },
      ],
    },
    { type: 'textarea', name: 'samenvatting', label: t.summary, hint: t.summaryHint },
    {
      type: 'select',
      name: 'kernbeleidEditie',
      label: t.edition,
      hint: t.editionHint,
      choices: CATALOGUE_EDITIONS.map((edition) => choice(edition.code, edition.name)),
    },
    {
      type: 'radios',
      name: 'begin',
      label: t.how,
      choices: [
        choice('leeg', `${t.empty}: ${t.emptyHint}`),
        choice('catalogus', `${t.catalogue}: ${t.catalogueHint}`),
        choice('kopie', `${t.copy}: ${t.copyHint}`),
      ],
    },
    {
      type: 'group',
      name: 'themas',
      label: t.themes,
      hint: t.themesHint,
      fields: [
        ...SAFETY_FIELDS.map((field) => themeGroup(t.field(field.number, field.name), field.number)),
        themeGroup(t.crossCutting, null),
      ],
    },
    {
      type: 'select',
      name: 'voorganger',
      label: t.predecessor,
      hint: predecessors.length === 0 ? t.noPredecessors : t.predecessorHint,
      emptyLabel: m.common.none,
      choices: predecessors.map((plan) =>
        choice(
          plan.id,
          `${plan.title} (${plan.municipalities.map((each) => each.name).join(', ')}, ${formatPeriod(plan.periodStart, plan.periodEnd)})`,
        ),
      ),
    },
  ];
}

export function startDefaults(municipalities: MunicipalityRef[], year: number): Record<string, string> {
  return {
    gemeente: municipalities.length === 1 ? (municipalities[0]?.code ?? '') : '',
    'periode.van': String(year + 1),
    'periode.tot': String(year + 4),
    kernbeleidEditie: CURRENT_EDITION,
    begin: 'catalogus',
  };
}

export function readStartForm(m: Messages, specs: FieldSpec[], form: FormFields): Read<StartPlanInput> {
  const read = readForm(m, specs, form);
  const document = read.document as {
    gemeente?: string;
    titel?: string;
    periode?: { van: number; tot: number };
    samenvatting?: string;
    kernbeleidEditie?: string;
    begin?: 'leeg' | 'catalogus' | 'kopie';
    themas?: Record<string, Record<string, { opnemen: ThemePick | null; volgorde: number | null }>>;
    voorganger?: string | null;
  };
  const problems = checked(
    read.problems,
    StartDocument.safeParse({
      titel: document.titel,
      periode: document.periode,
      samenvatting: document.samenvatting,
      kernbeleidEditie: document.kernbeleidEditie,
    }),
  );
  const picks = Object.values(document.themas ?? {}).flatMap((field) =>
    Object.entries(field).flatMap(([code, pick]) => (pick.opnemen ? [{ code, kind: pick.opnemen, order: pick.volgorde }] : [])),
  );
  const ordered = (kind: ThemePick) =>
    picks
      .map((pick, index) => ({ ...pick, index }))
      .filter((pick) => pick.kind === kind)
      .sort((a, b) => (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) || a.index - b.index)
      .map((pick) => pick.code);
  if (document.begin === 'catalogus' && picks.length === 0) problems.push({ path: 'themas', message: m.editing.start.noCatalogueThemes });
  if (document.begin === 'kopie' && !document.voorganger) problems.push({ path: 'voorganger', message: m.editing.form.choose });
  if (problems.length > 0 || !document.gemeente || !document.periode || !document.begin)
    return { ok: false, values: read.values, problems };
  const start: StartPlanInput['start'] =
    document.begin === 'catalogus'
      ? { kind: 'catalogue', priorities: ordered('prioriteit'), strategic: ordered('strategisch') }
      : document.begin === 'kopie'
        ? { kind: 'copy', planId: document.voorganger as string }
        : { kind: 'empty' };
  return {
    ok: true,
    values: read.values,
    input: {
      municipalityCode: document.gemeente,
      title: document.titel ?? '',
      summary: document.samenvatting ?? '',
      periodStart: document.periode.van,
      periodEnd: document.periode.tot,
      catalogueEdition: document.kernbeleidEditie,
      start,
    },
  };
}

/** The service's problems of a start in the form's terms. */
export function startProblems(problems: FieldProblem[]): FieldProblem[] {
  return problems.map((problem) => {
    const path = problem.path.replace(/^\$\.plan\./, '');
    return { ...problem, path: path === 'editie' || path === 'kernbeleidEditie' ? 'kernbeleidEditie' : path };
  });
}

// ---------------------------------------------------------------------------
// Adoption, revision, closing

const BODY_CODES = Object.fromEntries(Object.entries(BODY_NAMES).map(([code, name]) => [name, code])) as Record<string, AdoptingBody>;
const DECIDER_CODES = Object.fromEntries(Object.entries(DECIDER_NAMES).map(([code, name]) => [name, code])) as Record<
  string,
  RevisionDecider
>;

export function adoptFields(m: Messages, municipalities: MunicipalityRef[]): FieldSpec[] {
  const t = m.editing.adopt;
  return [
    {
      type: 'select',
      name: 'gemeente',
      label: t.municipality,
      choices: municipalities.map((municipality) => choice(municipality.code, municipality.name)),
    },
    { type: 'date', name: 'datum', label: t.date, hint: t.dateHint },
    {
      type: 'radios',
      name: 'door',
      label: t.body,
      choices: (Object.entries(BODY_NAMES) as [AdoptingBody, string][]).map(([code, name]) => choice(name, m.editing.bodies[code])),
    },
  ];
}

export function readAdoptForm(
  m: Messages,
  specs: FieldSpec[],
  form: FormFields,
): Read<{ municipalityCode: string; adoptedOn: string; body: AdoptingBody }> {
  const read = readForm(m, specs, form);
  const problems = checked(read.problems, AdoptionDocument.safeParse(read.document));
  const document = read.document as { gemeente: string; datum: string; door: string };
  if (problems.length > 0) return { ok: false, values: read.values, problems };
  return {
    ok: true,
    values: read.values,
    input: { municipalityCode: document.gemeente, adoptedOn: document.datum, body: BODY_CODES[document.door] as AdoptingBody },
  };
}

export function revisionFields(m: Messages): FieldSpec[] {
  const t = m.editing.revision;
  return [
    { type: 'textarea', name: 'reden', label: t.reason, hint: t.reasonHint },
    { type: 'date', name: 'besluitdatum', label: t.date, hint: t.dateHint },
    {
      type: 'radios',
      name: 'besloten',
      label: t.decidedBy,
      choices: (Object.entries(DECIDER_NAMES) as [RevisionDecider, string][]).map(([code, name]) => choice(name, m.editing.deciders[code])),
    },
  ];
}

export function readRevisionForm(
  m: Messages,
  specs: FieldSpec[],
  form: FormFields,
): Read<{ reason: string; decidedOn: string; decidedBy: RevisionDecider }> {
  const read = readForm(m, specs, form);
  const problems = checked(read.problems, RevisionDocument.safeParse(read.document));
  const document = read.document as { reden: string; besluitdatum: string; besloten: string };
  if (problems.length > 0) return { ok: false, values: read.values, problems };
  return {
    ok: true,
    values: read.values,
    input: { reason: document.reden, decidedOn: document.besluitdatum, decidedBy: DECIDER_CODES[document.besloten] as RevisionDecider },
  };
}

export function closeFields(m: Messages): FieldSpec[] {
  return [{ type: 'checkbox', name: 'bevestigd', label: m.editing.close.confirm }];
}

export function readCloseForm(m: Messages, specs: FieldSpec[], form: FormFields): Read<true> {
  const read = readForm(m, specs, form);
  if (read.document.bevestigd !== true)
    return { ok: false, values: read.values, problems: [{ path: 'bevestigd', message: m.editing.close.confirmMissing }] };
  return { ok: true, values: read.values, input: true };
}
