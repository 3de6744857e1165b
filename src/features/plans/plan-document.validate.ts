/**
 * Checks a plan document whole: first its shape (the zod schema), then the rules
 * that tie its parts together (unique keys, references, years). Every problem is
 * reported with the JSON path of the value, so an import can list them all.
 */
import { CATALOGUE_EDITIONS, catalogueEdition, isCatalogueThemeCode } from '../../catalogue/kernbeleid-veiligheid.js';
import type { FieldProblem } from '../../domain/errors.js';
import { findUnsafeText } from '../../domain/text.js';
import { isPerYouths, unitInWords, unitScale } from '../../domain/units.js';
import { UNIT_CODES } from './plan-document.mapper.js';
import { PlanDocument } from './plan-document.schema.js';

export type PlanDocumentCheck = { ok: true; document: PlanDocument } | { ok: false; problems: FieldProblem[] };

export function validatePlanDocument(input: unknown): PlanDocumentCheck {
  const parsed = PlanDocument.safeParse(input);
  const problems: FieldProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: toJsonPath(issue.path), message: issue.message }));
  // The rules below read the raw input defensively, so a document with shape
  // errors still gets its reference problems listed too.
  problems.push(...findRuleProblems(input), ...findUnsafeText(input));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupe(problems) };
  return { ok: true, document: parsed.data };
}

export function toJsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`), '$');
}

type Item = { value: Record<string, unknown>; path: string };

function items(parent: unknown, field: string, parentPath: string): Item[] {
  const list = isRecord(parent) ? parent[field] : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, index) => (isRecord(value) ? [{ value, path: `${parentPath}.${field}[${index}]` }] : []));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const int = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

function findRuleProblems(input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  const plan = isRecord(input) && isRecord(input.plan) ? input.plan : undefined;
  if (!plan) return problems;
  const root = '$.plan';

  const goals = items(plan, 'doelstellingen', root);
  const holders = items(plan, 'trekkers', root);
  const partners = items(plan, 'partners', root);
  const themes = items(plan, 'themas', root);
  const goalKeys = uniqueKeys(goals, 'sleutel', 'doelstelling', report);
  const holderKeys = uniqueKeys(holders, 'sleutel', 'trekker', report);
  const partnerKeys = uniqueKeys(partners, 'sleutel', 'partner', report);
  uniqueKeys(themes, 'sleutel', 'thema', report);
  const workstreams = themes.flatMap((theme) => items(theme.value, 'onderdelen', theme.path));
  uniqueKeys(workstreams, 'sleutel', 'onderdeel', report);
  uniqueKeys(
    workstreams.flatMap((workstream) => items(workstream.value, 'activiteiten', workstream.path)),
    'sleutel',
    'activiteit',
    report,
  );
  for (const list of ['rodeDraden', 'overleggen', 'verantwoording', 'kaders'] as const)
    uniqueKeys(items(plan, list, root), 'sleutel', 'sleutel', report);
  const municipalityCodes = uniqueKeys(items(plan, 'gemeenten', root), 'code', 'gemeente', report);
  uniqueKeys(items(plan, 'veldbeelden', root), 'veld', 'veldbeeld', report);

  const period = isRecord(plan.periode) ? { from: int(plan.periode.van), to: int(plan.periode.tot) } : {};
  if (period.from !== undefined && period.to !== undefined && period.to < period.from) {
    report(`${root}.periode.tot`, `het eindjaar ${period.to} ligt voor het beginjaar ${period.from}`);
  }
  checkAdoption(plan, period.to, report);
  checkAdoptions(plan, municipalityCodes, report);
  const edition = text(plan.kernbeleidEditie);
  if (edition !== undefined && !catalogueEdition(edition))
    report(
      `${root}.kernbeleidEditie`,
      `Koers kent editie "${edition}" van het Kernbeleid Veiligheid niet; wel ${CATALOGUE_EDITIONS.map((known) => known.code).join(' en ')}`,
    );
  checkExclusions(plan, themes, edition, report);
  checkPartnerParents(partners, partnerKeys, report);

  const allIndicators = [
    ...items(plan, 'indicatoren', root).map((item) => ({ ...item, planWide: true })),
    ...themes.flatMap((theme) => items(theme.value, 'indicatoren', theme.path).map((item) => ({ ...item, planWide: false }))),
  ];
  uniqueKeys(allIndicators, 'sleutel', 'indicator', report);
  for (const indicator of allIndicators) checkIndicator(indicator, goalKeys, period, report);

  const themeNumbers = new Map<string, string>();
  for (const theme of themes) {
    const kindNumber = `${text(theme.value.soort)} ${int(theme.value.nummer)}`;
    const earlier = themeNumbers.get(kindNumber);
    if (earlier) report(`${theme.path}.nummer`, `${kindNumber} komt al voor bij ${earlier}`);
    else themeNumbers.set(kindNumber, theme.path);
    checkTheme(theme, edition, period, holderKeys, partnerKeys, report);
  }
  for (const meeting of items(plan, 'overleggen', root)) checkReferences(meeting, 'partners', partnerKeys, 'partner', report);
  return problems;
}

type Report = (path: string, message: string) => void;

function uniqueKeys(list: Item[], field: string, what: string, report: Report): Set<string> {
  const seen = new Map<string, string>();
  for (const item of list) {
    const raw = item.value[field];
    const key = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
    if (key === undefined) continue;
    const earlier = seen.get(key);
    if (earlier) report(`${item.path}.${field}`, `${what} "${key}" komt al voor bij ${earlier}`);
    else seen.set(key, item.path);
  }
  return new Set(seen.keys());
}

function checkReferences(item: Item, field: string, known: Set<string>, what: string, report: Report) {
  const list = item.value[field];
  if (!Array.isArray(list)) return;
  const seen = new Set<string>();
  list.forEach((key, index) => {
    if (typeof key !== 'string') return;
    const path = `${item.path}.${field}[${index}]`;
    if (!known.has(key))
      report(path, `${what} "${key}" staat niet in de lijst ${what === 'trekker' ? 'trekkers' : 'partners'} van het plan`);
    else if (seen.has(key)) report(path, `${what} "${key}" staat hier twee keer`);
    seen.add(key);
  });
}

function checkAdoption(plan: Record<string, unknown>, periodEnd: number | undefined, report: Report) {
  const status = text(plan.status);
  const adoptedOn = plan.vastgesteldOp;
  if ((status === 'vastgesteld' || status === 'afgesloten') && adoptedOn === null) {
    report('$.plan.vastgesteldOp', `een plan met status ${status} heeft een vaststellingsdatum nodig`);
  }
  if (status === 'concept' && typeof adoptedOn === 'string') {
    report('$.plan.vastgesteldOp', 'een conceptplan is nog niet vastgesteld: laat de datum leeg (null)');
  }
  if (typeof adoptedOn === 'string' && periodEnd !== undefined && Number(adoptedOn.slice(0, 4)) > periodEnd) {
    report('$.plan.vastgesteldOp', `de vaststelling (${adoptedOn}) ligt na het einde van de planperiode (${periodEnd})`);
  }
}

function checkAdoptions(plan: Record<string, unknown>, municipalityCodes: Set<string>, report: Report) {
  const adoptions = items(plan, 'vaststellingen', '$.plan');
  if (!Array.isArray(plan.vaststellingen)) return;
  const status = text(plan.status);
  if (status === 'concept' && adoptions.length > 0)
    report('$.plan.vaststellingen', 'een conceptplan is nog niet vastgesteld: laat de lijst leeg');
  uniqueKeys(adoptions, 'gemeente', 'vaststelling door gemeente', report);
  for (const adoption of adoptions) {
    const code = text(adoption.value.gemeente);
    if (code && !municipalityCodes.has(code))
      report(`${adoption.path}.gemeente`, `gemeente ${code} staat niet bij de gemeenten van het plan`);
    const date = text(adoption.value.datum);
    const adoptedOn = text(plan.vastgesteldOp);
    if (date && adoptedOn && date < adoptedOn)
      report(`${adoption.path}.datum`, `ligt voor vastgesteldOp (${adoptedOn}), de datum van de eerste vaststelling`);
  }
  if (status !== 'concept' && adoptions.length === 0)
    report('$.plan.vaststellingen', 'een vastgesteld plan noemt minstens één vaststelling');
}

/** A catalogue theme left out on purpose: a theme of the edition, once, and not also taken up by a theme of the plan. */
function checkExclusions(plan: Record<string, unknown>, themes: Item[], edition: string | undefined, report: Report) {
  const covered = new Set(themes.flatMap((theme) => (Array.isArray(theme.value.kernbeleidThemas) ? theme.value.kernbeleidThemas : [])));
  const exclusions = items(plan, 'bewustWeggelaten', '$.plan');
  uniqueKeys(exclusions, 'kernbeleidThema', 'Kernbeleid-thema', report);
  for (const exclusion of exclusions) {
    const code = text(exclusion.value.kernbeleidThema);
    if (!code) continue;
    if (edition !== undefined && catalogueEdition(edition) && !isCatalogueThemeCode(code, edition))
      report(`${exclusion.path}.kernbeleidThema`, `${code} is geen thema van Kernbeleid Veiligheid, editie ${edition}`);
    else if (covered.has(code)) report(`${exclusion.path}.kernbeleidThema`, `${code} wordt door een thema van het plan opgepakt`);
  }
}

function checkPartnerParents(partners: Item[], partnerKeys: Set<string>, report: Report) {
  const parentOf = new Map<string, string>();
  for (const partner of partners) {
    const key = text(partner.value.sleutel);
    const parent = text(partner.value.onderdeelVan);
    if (!key || !parent) continue;
    if (!partnerKeys.has(parent))
      report(`${partner.path}.onderdeelVan`, `partner "${parent}" staat niet in de lijst partners van het plan`);
    else parentOf.set(key, parent);
  }
  for (const partner of partners) {
    const start = text(partner.value.sleutel);
    let current = start ? parentOf.get(start) : undefined;
    for (let steps = 0; current !== undefined && steps <= partners.length; steps++) {
      if (current === start) {
        report(`${partner.path}.onderdeelVan`, `partner "${start}" is via onderdeelVan een onderdeel van zichzelf`);
        break;
      }
      current = parentOf.get(current);
    }
  }
}

/** The values a unit allows, and a rate no more than its scale (at most 1.000 per 1.000), as the document names it. */
function valueRange(unitName: string): { min: number; max: number; label: string } | null {
  const unit = UNIT_CODES[unitName as keyof typeof UNIT_CODES];
  if (!unit) return null;
  if (unit === 'percentage') return { min: 0, max: 100, label: 'een percentage ligt tussen 0 en 100' };
  if (unit === 'grade') return { min: 1, max: 10, label: 'een rapportcijfer ligt tussen 1 en 10' };
  const scale = unitScale(unit);
  if (scale === null) return { min: 0, max: Number.POSITIVE_INFINITY, label: 'een aantal is niet negatief' };
  const words = unitInWords({ unit, ageBand: null });
  const max = scale.toLocaleString('nl-NL');
  return { min: 0, max: scale, label: `een cijfer ${words} ligt tussen 0 en ${max}` };
}

/** The ages of a rate per youths, and the scale and denominator of a binding, as the unit wants them. */
function checkUnit(value: Record<string, unknown>, path: string, report: Report) {
  const unitName = text(value.eenheid);
  const unit = unitName === undefined ? undefined : UNIT_CODES[unitName as keyof typeof UNIT_CODES];
  if (!unit) return;
  const ages = value.leeftijden;
  if (isPerYouths(unit) && (ages === undefined || ages === null)) {
    report(`${path}.leeftijden`, `een cijfer ${unitName} noemt de leeftijden van de jongeren, zoals { "van": 12, "totEnMet": 17 }`);
  }
  if (!isPerYouths(unit) && isRecord(ages)) {
    report(`${path}.leeftijden`, `alleen een cijfer per 1.000 of 10.000 jongeren heeft leeftijden; laat dit weg bij eenheid ${unitName}`);
  }
  if (isRecord(ages)) {
    const from = int(ages.van);
    const to = int(ages.totEnMet);
    if (from !== undefined && to !== undefined && to < from) {
      report(`${path}.leeftijden.totEnMet`, `de leeftijd tot en met ${to} ligt onder de leeftijd vanaf ${from}`);
    }
  }
  const binding = value.koppeling;
  if (!isRecord(binding) || !isRecord(binding.noemer)) return;
  const scale = unitScale(unit);
  if (scale === null) {
    report(`${path}.koppeling.noemer`, `een ${unitName} wordt niet gedeeld: laat noemer en schaal leeg (null)`);
  } else if (typeof binding.schaal === 'number' && binding.schaal !== scale) {
    report(`${path}.koppeling.schaal`, `bij eenheid ${unitName} hoort schaal ${scale}, niet ${binding.schaal}`);
  }
}

function checkIndicator(
  indicator: Item & { planWide: boolean },
  goalKeys: Set<string>,
  period: { from?: number; to?: number },
  report: Report,
) {
  const { value, path } = indicator;
  const goal = value.strategischeDoelstelling;
  if (typeof goal === 'string' && !indicator.planWide) {
    report(
      `${path}.strategischeDoelstelling`,
      'alleen een planbrede indicator hoort bij een strategische doelstelling; laat dit bij een thema leeg (null)',
    );
  } else if (typeof goal === 'string' && !goalKeys.has(goal)) {
    report(`${path}.strategischeDoelstelling`, `doelstelling "${goal}" staat niet in de lijst doelstellingen van het plan`);
  }
  const baseline = isRecord(value.nulmeting) ? value.nulmeting : {};
  const target = isRecord(value.streefwaarde) ? value.streefwaarde : {};
  const baselineYear = int(baseline.jaar);
  const targetYear = int(target.jaar);
  if (baselineYear !== undefined && targetYear !== undefined && targetYear < baselineYear) {
    report(`${path}.streefwaarde.jaar`, `het streefjaar ${targetYear} ligt voor het jaar van de nulmeting ${baselineYear}`);
  }
  if (
    targetYear !== undefined &&
    period.from !== undefined &&
    period.to !== undefined &&
    (targetYear < period.from || targetYear > period.to)
  ) {
    report(`${path}.streefwaarde.jaar`, `het streefjaar ${targetYear} ligt buiten de planperiode ${period.from}-${period.to}`);
  }
  checkUnit(value, path, report);
  const range = valueRange(text(value.eenheid) ?? '');
  if (!range) return;
  for (const [field, measure] of [
    ['nulmeting', baseline],
    ['streefwaarde', target],
  ] as const) {
    const number = measure.waarde;
    if (typeof number === 'number' && (number < range.min || number > range.max)) {
      report(`${path}.${field}.waarde`, `${number} kan niet: ${range.label}`);
    }
  }
}

function checkTheme(
  theme: Item,
  edition: string | undefined,
  period: { from?: number; to?: number },
  holderKeys: Set<string>,
  partnerKeys: Set<string>,
  report: Report,
) {
  const { value, path } = theme;
  const codes = Array.isArray(value.kernbeleidThemas) ? value.kernbeleidThemas : [];
  const ownReason = value.redenEigenThema;
  if (Array.isArray(value.kernbeleidThemas) && codes.length === 0 && (typeof ownReason !== 'string' || ownReason.trim() === '')) {
    report(
      `${path}.redenEigenThema`,
      'een thema hoort bij minstens één thema van Kernbeleid Veiligheid; een eigen thema zegt waarom het erbuiten staat',
    );
  }
  if (codes.length > 0 && typeof ownReason === 'string') {
    report(`${path}.redenEigenThema`, "een thema dat Kernbeleid-thema's noemt is geen eigen thema: laat de reden leeg (null)");
  }
  const knownEdition = edition !== undefined && catalogueEdition(edition) ? edition : undefined;
  const seenCodes = new Set<string>();
  codes.forEach((code, index) => {
    if (typeof code !== 'string' || !/^([1-9]|D)\.[0-9]+$/.test(code)) return;
    if (knownEdition && !isCatalogueThemeCode(code, knownEdition))
      report(`${path}.kernbeleidThemas[${index}]`, `${code} is geen thema van Kernbeleid Veiligheid, editie ${knownEdition}`);
    else if (seenCodes.has(code)) report(`${path}.kernbeleidThemas[${index}]`, `${code} staat hier twee keer`);
    seenCodes.add(code);
  });
  const indicatorCount = Array.isArray(value.indicatoren) ? value.indicatoren.length : undefined;
  if (indicatorCount === 0 && value.kwalitatieveBeoordeling === null) {
    report(`${path}.kwalitatieveBeoordeling`, 'een thema zonder indicatoren zegt hoe het kwalitatief beoordeeld wordt');
  }
  for (const workstream of items(value, 'onderdelen', path)) {
    for (const activity of items(workstream.value, 'activiteiten', workstream.path)) {
      checkReferences(activity, 'trekkers', holderKeys, 'trekker', report);
      checkReferences(activity, 'partners', partnerKeys, 'partner', report);
      checkSchedule(activity, period, report);
    }
  }
}

function checkSchedule(activity: Item, period: { from?: number; to?: number }, report: Report) {
  const schedule = activity.value.planning;
  if (!isRecord(schedule)) return;
  const path = `${activity.path}.planning`;
  const startYear = int(schedule.vanafJaar);
  const endYear = int(schedule.totJaar);
  if (schedule.doorlopend === false && schedule.vanafJaar === null) {
    report(`${path}.vanafJaar`, 'een activiteit die niet doorlopend is, heeft een beginjaar');
  }
  if (typeof schedule.vanafKwartaal === 'number' && schedule.vanafJaar === null) {
    report(`${path}.vanafKwartaal`, 'een kwartaal hoort bij een beginjaar');
  }
  if (startYear !== undefined && endYear !== undefined && endYear < startYear) {
    report(`${path}.totJaar`, `het eindjaar ${endYear} ligt voor het beginjaar ${startYear}`);
  }
  if (
    startYear !== undefined &&
    period.from !== undefined &&
    period.to !== undefined &&
    (startYear < period.from || startYear > period.to)
  ) {
    report(`${path}.vanafJaar`, `het beginjaar ${startYear} ligt buiten de planperiode ${period.from}-${period.to}`);
  }
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const id = `${problem.path}\u0000${problem.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
