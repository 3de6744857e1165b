/**
 * The regions a municipality works in on safety, as data: the 25 safety
 * regions (veiligheidsregio's, Wet veiligheidsregio's), the 10 units of the
 * police (politie-eenheden, Politiewet 2012), each the area of one or more
 * safety regions, and the police districts where they are known. Every
 * municipality is named by its CBS code on the map of 1 January 2024 (342
 * municipalities) with its name as CBS writes it; regions.test.ts holds the
 * codes and names against that list. The safety regions' members are in
 * safety-regions.ts.
 *
 * Complete: every safety region (each municipality in exactly one) and every
 * police unit. Police districts: only those that cover the area of one safety
 * region, for the units Noord-Nederland, Oost-Nederland and Noord-Holland
 * (all their districts) and Limburg (Noord- en Midden-Limburg only). The
 * districts of Midden-Nederland, Amsterdam, Den Haag, Rotterdam,
 * Zeeland-West-Brabant and the rest of Limburg, and the basic teams
 * (basisteams), are left out until their membership is recorded from the
 * police's own list; a reader picks such a set by hand meanwhile.
 */

import { SAFETY_REGION_ENTRIES } from './safety-regions.js';

export type RegionKind = 'veiligheidsregio' | 'politie-eenheid' | 'politiedistrict';

export interface Region {
  kind: RegionKind;
  /** Stable, unique within its kind; the address segment of the region's page. */
  key: string;
  /** The code CBS gives the region (VR01..VR25, RE01..RE10); null where CBS has none. */
  code: string | null;
  name: string;
  /** CBS municipality codes (GMxxxx), sorted. */
  municipalities: readonly string[];
  /** The key of the police unit whose area holds the region: of a safety region or district; null for a unit. */
  policeUnit: string | null;
}

/** The police units in CBS's order (RE01..RE10), each by the safety regions whose area it covers. */
const POLICE_UNIT_ENTRIES: readonly { key: string; code: string; name: string; safetyRegions: readonly string[] }[] = [
  { key: 'noord-nederland', code: 'RE01', name: 'Noord-Nederland', safetyRegions: ['groningen', 'fryslan', 'drenthe'] },
  {
    key: 'oost-nederland',
    code: 'RE02',
    name: 'Oost-Nederland',
    safetyRegions: ['ijsselland', 'twente', 'noord-en-oost-gelderland', 'gelderland-midden', 'gelderland-zuid'],
  },
  { key: 'midden-nederland', code: 'RE03', name: 'Midden-Nederland', safetyRegions: ['utrecht', 'gooi-en-vechtstreek', 'flevoland'] },
  {
    key: 'noord-holland',
    code: 'RE04',
    name: 'Noord-Holland',
    safetyRegions: ['noord-holland-noord', 'zaanstreek-waterland', 'kennemerland'],
  },
  { key: 'amsterdam', code: 'RE05', name: 'Amsterdam', safetyRegions: ['amsterdam-amstelland'] },
  { key: 'den-haag', code: 'RE06', name: 'Den Haag', safetyRegions: ['haaglanden', 'hollands-midden'] },
  { key: 'rotterdam', code: 'RE07', name: 'Rotterdam', safetyRegions: ['rotterdam-rijnmond', 'zuid-holland-zuid'] },
  { key: 'zeeland-west-brabant', code: 'RE08', name: 'Zeeland-West-Brabant', safetyRegions: ['zeeland', 'midden-en-west-brabant'] },
  { key: 'oost-brabant', code: 'RE09', name: 'Oost-Brabant', safetyRegions: ['brabant-noord', 'brabant-zuidoost'] },
  { key: 'limburg', code: 'RE10', name: 'Limburg', safetyRegions: ['limburg-noord', 'zuid-limburg'] },
];

/** The police districts recorded (see the note at the top), each covering the area of one safety region. */
const POLICE_DISTRICT_ENTRIES: readonly { key: string; name: string; policeUnit: string; safetyRegion: string }[] = [
  { key: 'groningen', name: 'Groningen', policeUnit: 'noord-nederland', safetyRegion: 'groningen' },
  { key: 'fryslan', name: 'Fryslân', policeUnit: 'noord-nederland', safetyRegion: 'fryslan' },
  { key: 'drenthe', name: 'Drenthe', policeUnit: 'noord-nederland', safetyRegion: 'drenthe' },
  { key: 'ijsselland', name: 'IJsselland', policeUnit: 'oost-nederland', safetyRegion: 'ijsselland' },
  { key: 'twente', name: 'Twente', policeUnit: 'oost-nederland', safetyRegion: 'twente' },
  {
    key: 'noord-en-oost-gelderland',
    name: 'Noord- en Oost-Gelderland',
    policeUnit: 'oost-nederland',
    safetyRegion: 'noord-en-oost-gelderland',
  },
  { key: 'gelderland-midden', name: 'Gelderland-Midden', policeUnit: 'oost-nederland', safetyRegion: 'gelderland-midden' },
  { key: 'gelderland-zuid', name: 'Gelderland-Zuid', policeUnit: 'oost-nederland', safetyRegion: 'gelderland-zuid' },
  { key: 'noord-holland-noord', name: 'Noord-Holland Noord', policeUnit: 'noord-holland', safetyRegion: 'noord-holland-noord' },
  { key: 'zaanstreek-waterland', name: 'Zaanstreek-Waterland', policeUnit: 'noord-holland', safetyRegion: 'zaanstreek-waterland' },
  { key: 'kennemerland', name: 'Kennemerland', policeUnit: 'noord-holland', safetyRegion: 'kennemerland' },
  { key: 'noord-en-midden-limburg', name: 'Noord- en Midden-Limburg', policeUnit: 'limburg', safetyRegion: 'limburg-noord' },
];

/** The units whose every district is recorded. */
export const UNITS_WITH_ALL_DISTRICTS: readonly string[] = ['noord-nederland', 'oost-nederland', 'noord-holland'];

/** Every municipality of the 2024 map by its CBS code, with its name. */
export const MUNICIPALITY_NAMES: ReadonlyMap<string, string> = new Map(
  SAFETY_REGION_ENTRIES.flatMap((entry) => entry.members.map((member) => [member.code, member.name] as const)).sort(([a], [b]) =>
    a.localeCompare(b),
  ),
);

const membersOf = (safetyRegionKey: string): string[] =>
  (SAFETY_REGION_ENTRIES.find((entry) => entry.key === safetyRegionKey)?.members ?? []).map((member) => member.code);
const unitOf = (safetyRegionKey: string): string | null =>
  POLICE_UNIT_ENTRIES.find((unit) => unit.safetyRegions.includes(safetyRegionKey))?.key ?? null;
const sorted = (codes: string[]): string[] => [...codes].sort();

export const SAFETY_REGIONS: readonly Region[] = SAFETY_REGION_ENTRIES.map((entry) => ({
  kind: 'veiligheidsregio',
  key: entry.key,
  code: entry.code,
  name: `Veiligheidsregio ${entry.name}`,
  municipalities: sorted(entry.members.map((member) => member.code)),
  policeUnit: unitOf(entry.key),
}));

export const POLICE_UNITS: readonly Region[] = POLICE_UNIT_ENTRIES.map((entry) => ({
  kind: 'politie-eenheid',
  key: entry.key,
  code: entry.code,
  name: `Politie-eenheid ${entry.name}`,
  municipalities: sorted(entry.safetyRegions.flatMap(membersOf)),
  policeUnit: null,
}));

export const POLICE_DISTRICTS: readonly Region[] = POLICE_DISTRICT_ENTRIES.map((entry) => ({
  kind: 'politiedistrict',
  key: entry.key,
  code: null,
  name: `District ${entry.name}`,
  municipalities: sorted(membersOf(entry.safetyRegion)),
  policeUnit: entry.policeUnit,
}));

export const REGION_KINDS: readonly RegionKind[] = ['veiligheidsregio', 'politie-eenheid', 'politiedistrict'];

export function regionsOfKind(kind: RegionKind): readonly Region[] {
  if (kind === 'veiligheidsregio') return SAFETY_REGIONS;
  if (kind === 'politie-eenheid') return POLICE_UNITS;
  return POLICE_DISTRICTS;
}

export function isRegionKind(text: string): text is RegionKind {
  return (REGION_KINDS as readonly string[]).includes(text);
}

export function findRegion(kind: RegionKind, key: string): Region | undefined {
  return regionsOfKind(kind).find((region) => region.key === key);
}

/** The safety region a municipality is in; undefined for a code not on the 2024 map. */
export function safetyRegionOf(municipalityCode: string): Region | undefined {
  return SAFETY_REGIONS.find((region) => region.municipalities.includes(municipalityCode));
}
