/**
 * The key figures of every municipality (CBS 70072ned: inhabitants on 1
 * January and degree of urbanisation) as Koers stores them, and a group
 * picked by hand turned into municipality codes with them.
 */
import { ValidationError } from '../../domain/errors.js';
import type { GroupChoice } from '../../domain/group-comparison.js';
import type { MunicipalityFacts } from '../../domain/reference-group.js';
import type { OpenDataRepository } from '../monitoring/open-data.repository.js';
import { KEY_FIGURES, NETHERLANDS } from './similar-municipalities-series.js';

/** At most this many municipalities picked by hand (the whole country is its own choice). */
export const MAX_HAND_PICKED = 60;

export interface KeyFigures {
  facts: MunicipalityFacts[];
  /** Inhabitants on 1 January per region per year. */
  population: Map<string, Map<number, number>>;
}

/** The year of a yearly period key (2022JJ00); null for a month or quarter. */
export function yearOf(periodKey: string): number | null {
  return /^\d{4}JJ00$/.test(periodKey) ? Number(periodKey.slice(0, 4)) : null;
}

/**
 * A hand-picked group with every municipality as its code: a code as given
 * (GM and four digits), a name looked up in the key figures (case and
 * accents as typed do not matter). Refuses a group that is empty, too large,
 * or names what is no municipality, each said at the field; before the key
 * figures are stored, only codes can be taken.
 */
export function resolveNames(choice: GroupChoice, facts: readonly MunicipalityFacts[]): GroupChoice {
  if (choice.kind !== 'hand') return choice;
  const problems: { path: string; message: string }[] = [];
  const plain = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .trim();
  const byName = new Map(facts.map((fact) => [plain(fact.name), fact.code]));
  const known = new Set(facts.map((fact) => fact.code));
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const given of choice.codes) {
    const code = /^gm\d{4}$/i.test(given.trim()) ? given.trim().toUpperCase() : byName.get(plain(given));
    if (code && (facts.length === 0 || known.has(code))) codes.push(code);
    else unknown.push(given);
  }
  if (choice.codes.length === 0) problems.push({ path: 'gemeenten', message: 'noem minstens één gemeente' });
  if (unknown.length > 0) {
    problems.push({
      path: 'gemeenten',
      message:
        facts.length === 0
          ? `namen zijn pas te vinden als de kerncijfers van het CBS zijn opgehaald: noem ${unknown.join(', ')} met de code (GM0957), of haal eerst de cijfers op`
          : `geen gemeente in de kerncijfers van het CBS: ${unknown.join(', ')}`,
    });
  }
  const unique = [...new Set(codes)];
  if (unique.length > MAX_HAND_PICKED) {
    problems.push({ path: 'gemeenten', message: `noem hoogstens ${MAX_HAND_PICKED} gemeenten, of vergelijk met alle gemeenten` });
  }
  if (problems.length > 0) throw new ValidationError('De gekozen gemeenten kunnen niet worden vergeleken', problems);
  return { kind: 'hand', codes: unique };
}

/** Every municipality's latest inhabitants and degree of urbanisation, and the inhabitants per year (the Netherlands too). */
export async function readKeyFigures(openData: OpenDataRepository): Promise<KeyFigures> {
  const table = await openData.findTable(KEY_FIGURES.service, KEY_FIGURES.table);
  if (!table) return { facts: [], population: new Map() };
  const [inhabitants, national, urbanisation] = await Promise.all([
    openData.observationsOfLevel(table.id, 'GM', KEY_FIGURES.population),
    openData.observations(table.id, [NETHERLANDS], null, KEY_FIGURES.population),
    openData.observationsOfLevel(table.id, 'GM', KEY_FIGURES.urbanisation),
  ]);
  const population = new Map<string, Map<number, number>>();
  for (const cell of [...inhabitants, ...national]) {
    const year = yearOf(cell.periodKey);
    if (year === null || cell.value === null || cell.value <= 0) continue;
    const perYear = population.get(cell.regionKey) ?? new Map<number, number>();
    perYear.set(year, cell.value);
    population.set(cell.regionKey, perYear);
  }
  const latestUrbanisation = new Map<string, { year: number; value: number }>();
  for (const cell of urbanisation) {
    const year = yearOf(cell.periodKey);
    if (year === null || cell.value === null || !Number.isInteger(cell.value) || cell.value < 1 || cell.value > 5) continue;
    const known = latestUrbanisation.get(cell.regionKey);
    if (!known || known.year < year) latestUrbanisation.set(cell.regionKey, { year, value: cell.value });
  }
  const codes = [...population.keys()].filter((code) => code.startsWith('GM') && latestUrbanisation.has(code));
  const titles = await openData.regionTitles(table.id, codes);
  const facts = codes.map((code): MunicipalityFacts => {
    const perYear = population.get(code) as Map<number, number>;
    const latest = Math.max(...perYear.keys());
    return {
      code,
      name: titles.get(code) ?? code,
      inhabitants: perYear.get(latest) as number,
      urbanisation: latestUrbanisation.get(code)?.value as MunicipalityFacts['urbanisation'],
    };
  });
  return { facts: facts.sort((a, b) => a.code.localeCompare(b.code)), population };
}
