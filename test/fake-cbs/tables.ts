/**
 * The tables of the fake CBS server: real metadata from ./fixtures, synthetic but
 * deterministic cell values. A value is a hash of (table seed, region, code,
 * period) shaped to plausible magnitudes: Maasgouw (GM1641) about 60 crimes a
 * month, 3 to 7 of them woninginbraak; the national NL00/NL01 yearly sums of the
 * police tables equal the real reference figures (NL_Crime.csv, NL_Disorder.csv).
 * Cells are computed when asked, never stored: a table is a cube of dimension
 * indices and a value function.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CbsService } from '../../src/opendata/cbs-client.js';

type Json = string | number | boolean | null;
export type EntityRow = Record<string, Json>;

export type DimensionType = 'Dimension' | 'GeoDimension' | 'GeoDetail' | 'TimeDimension';

export interface FakeDimension {
  key: string;
  type: DimensionType;
  /** Codes exactly as sent in data rows: padded for v3, plain for v4. */
  codes: string[];
  /** Rows of the dimension entity (v3 `/<Dim>`, v4 `/<Dim>Codes`). */
  rows: EntityRow[];
}

export interface FakeTopic {
  key: string;
  datatype: 'Long' | 'Double' | 'String';
  /** Numeric topics: the value of a cell; null = not published. */
  value?: (index: Int32Array) => number | null;
  /** String topics: a value that depends on one dimension only. */
  text?: { dimension: number; values: string[] };
}

export interface FakeTable {
  id: string;
  service: CbsService;
  protocol: 'v3' | 'v4';
  dimensions: FakeDimension[];
  /** v3: the columns after the dimensions. v4: the measures (the last dimension is the pseudo dimension Measure). */
  topics: FakeTopic[];
  /** v3 TableInfos row or v4 Properties object; `Modified` is updated by reissue(). */
  info: EntityRow;
  /** v3 DataProperties rows, or v4 Dimensions rows. */
  properties: EntityRow[];
  /** v4 only: MeasureCodes rows. */
  measureCodes?: EntityRow[];
  /** v4 only: ValueAttribute of a cell whose value is null. */
  nullAttribute?: (index: Int32Array) => string;
  /** Number of rows: the cube may be cut short (bulk mode). */
  rowLimit: number;
}

// ---------------------------------------------------------------------------------------------
// Fixtures

const FIXTURES = join(import.meta.dirname, 'fixtures');

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

function rowsOf(value: unknown): EntityRow[] {
  const { columns, rows } = value as { columns: string[]; rows: Json[][] };
  return rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i] ?? null])));
}

interface Fixtures {
  soortMisdrijf: EntityRow[];
  overlast: EntityRow[];
  wijkenEnBuurten: EntityRow[];
  regioS: EntityRow[];
  t83474: { TableInfos: EntityRow[]; DataProperties: EntityRow[]; Perioden: EntityRow[] };
  t47018: { TableInfos: EntityRow[]; DataProperties: EntityRow[]; Perioden: EntityRow[]; patches: Record<string, string | null> };
  national: {
    crime: Record<string, Record<string, number>>;
    nuisance: Record<string, Record<string, number>>;
    population: Record<string, number>;
  };
  synthetic: {
    '03759ned': { Geslacht: EntityRow[]; Leeftijd: EntityRow[]; BurgerlijkeStaat: EntityRow[] };
    '83648NED': { SoortMisdrijf: EntityRow[]; MeasureCodes: EntityRow[] };
  };
}

let cached: Fixtures | null = null;

function loadFixtures(): Fixtures {
  if (cached) return cached;
  const codes = fixture('politie-codes.json');
  const regions = fixture('regions.json');
  const t83474 = fixture('cbs-83474NED.json');
  const t47018 = fixture('politie-47018NED.json');
  cached = {
    soortMisdrijf: rowsOf(codes.SoortMisdrijf),
    overlast: rowsOf(codes.Overlast),
    wijkenEnBuurten: rowsOf(regions.WijkenEnBuurten),
    regioS: rowsOf(regions.RegioS),
    t83474: { TableInfos: rowsOf(t83474.TableInfos), DataProperties: rowsOf(t83474.DataProperties), Perioden: rowsOf(t83474.Perioden) },
    t47018: {
      TableInfos: rowsOf(t47018.TableInfos),
      DataProperties: rowsOf(t47018.DataProperties),
      Perioden: rowsOf(t47018.Perioden),
      patches: t47018.SoortMisdrijfDescriptionPatches as Record<string, string | null>,
    },
    national: fixture('national.json') as unknown as Fixtures['national'],
    synthetic: fixture('cbs-synthetic-codes.json') as unknown as Fixtures['synthetic'],
  };
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Deterministic hashing

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function combine(a: number, b: number): number {
  return fmix((Math.imul(a ^ 0x5bd1e995, 0x1b873593) + b) | 0);
}

/** A number in [0, 1) from a hash. */
function unit(h: number): number {
  return h / 4294967296;
}

// ---------------------------------------------------------------------------------------------
// Regions and periods

export interface RegionProfile {
  /** Trimmed code: NL00, NL01, GM1641, WK164100, BU16410000. */
  code: string;
  level: 'NL' | 'GM' | 'WK' | 'BU';
  hash: number;
  /** Expected registered crimes a month. */
  monthlyCrime: number;
  /** Small buurt cells are suppressed (null). */
  suppressSmall: boolean;
}

/** Expected crimes a month of a municipality: Maasgouw 60, others spread from 25 to 1,600. */
function municipalityCrime(code: string): number {
  if (code === 'GM1641') return 60;
  if (code === 'GM0000') return 8;
  if (code === 'GM0998' || code === 'GM0999') return 4;
  return Math.round(25 * 2 ** (unit(hashString(`size:${code}`)) * 6));
}

/** Inhabitants per expected crime a month: Maasgouw 60 x 395 = 23,700. */
const INHABITANTS_PER_MONTHLY_CRIME = 395;

function nationalProfile(code: string): RegionProfile {
  return { code, level: 'NL', hash: hashString(code), monthlyCrime: 0, suppressSmall: false };
}

function municipalityProfile(code: string): RegionProfile {
  return { code, level: 'GM', hash: hashString(code), monthlyCrime: municipalityCrime(code), suppressSmall: false };
}

/**
 * Profiles of the WijkenEnBuurten keys: a wijk gets a hashed share of its gemeente,
 * a buurt of its wijk. A wijk or buurt whose parent is not in the list (the
 * made-up buurten of bulk mode) stands alone with a few crimes a month.
 */
function wijkBuurtProfiles(rows: EntityRow[]): RegionProfile[] {
  const codes = rows.map((row) => String(row.Key).trim());
  const present = new Set(codes);
  const municipalityOf = new Map(rows.map((row) => [String(row.Key).trim(), String(row.Municipality ?? '')]));
  const parentOf = (code: string) => (code.startsWith('WK') ? (municipalityOf.get(code) ?? '') : `WK${code.slice(2, 8)}`);
  const weight = (code: string) => 0.5 + unit(hashString(`weight:${code}`));
  const sums = new Map<string, number>();
  for (const code of codes) {
    if (code.startsWith('WK') || code.startsWith('BU')) sums.set(parentOf(code), (sums.get(parentOf(code)) ?? 0) + weight(code));
  }
  const profiles = new Map<string, RegionProfile>();
  const profile = (code: string): RegionProfile => {
    const known = profiles.get(code);
    if (known) return known;
    let result: RegionProfile;
    if (code.startsWith('NL')) result = nationalProfile(code);
    else if (code.startsWith('GM')) result = municipalityProfile(code);
    else {
      const level = code.startsWith('WK') ? 'WK' : 'BU';
      const parent = parentOf(code);
      const hash = hashString(code);
      const monthlyCrime = present.has(parent)
        ? (profile(parent).monthlyCrime * weight(code)) / (sums.get(parent) ?? weight(code))
        : (level === 'WK' ? 10 : 1) + 8 * unit(hash);
      result = { code, level, hash, monthlyCrime, suppressSmall: level === 'BU' };
    }
    profiles.set(code, result);
    return result;
  };
  return codes.map(profile);
}

interface Period {
  key: string;
  year: number;
  /** 1-12 for a month, 0 for a whole year. */
  month: number;
}

function parsePeriod(key: string): Period {
  const year = Number(key.slice(0, 4));
  const kind = key.slice(4, 6);
  if (kind === 'JJ') return { key, year, month: 0 };
  if (kind === 'MM') return { key, year, month: Number(key.slice(6, 8)) };
  throw new Error(`Periode ${key} wordt niet ondersteund door de nep-server`);
}

function monthPeriods(from: number, to: number, titles: Map<string, string>, provisional: Set<string>): EntityRow[] {
  const rows: EntityRow[] = [];
  for (let year = from; year <= to; year++) {
    for (let month = 1; month <= 12; month++) {
      const key = `${year}MM${String(month).padStart(2, '0')}`;
      rows.push({ Key: key, Title: titles.get(key) ?? key, Description: '', Status: provisional.has(key) ? 'Voorlopig' : 'Definitief' });
    }
  }
  return rows;
}

function yearPeriods(from: number, to: number, provisional: Set<string>): EntityRow[] {
  const rows: EntityRow[] = [];
  for (let year = from; year <= to; year++) {
    const key = `${year}JJ00`;
    rows.push({ Key: key, Title: String(year), Description: '', Status: provisional.has(key) ? 'Voorlopig' : 'Definitief' });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Count model of the police tables

/**
 * Counts per region, type and period. A type's expected share is its national
 * share in 2013 (woninginbraak about 8%); the total ("0.0.0 ") is the sum of the other types, as in the real
 * tables. National (NL) cells split the real yearly figure over the months.
 */
class CountModel {
  private readonly total: number;
  private readonly shares: Float64Array;
  private readonly codeHashes: Uint32Array;
  private readonly nationalMonths = new Map<string, Int32Array>();

  constructor(
    private readonly seed: number,
    private readonly codes: string[],
    private readonly national: Record<string, Record<string, number>>,
    /** Multiplier on a region's monthlyCrime (nuisance is about a third of crime). */
    private readonly scale: number,
  ) {
    this.total = codes.indexOf('0.0.0 ');
    const totalIn2013 = national['0.0.0 ']?.['2013'] ?? 1;
    this.shares = Float64Array.from(codes, (code, c) => (c === this.total ? 0 : (national[code]?.['2013'] ?? 0) / totalIn2013));
    this.codeHashes = Uint32Array.from(codes, (code) => hashString(code));
  }

  private raw(region: RegionProfile, c: number, year: number, month: number): number {
    const season = 1 + 0.08 * Math.sin((2 * Math.PI * month) / 12);
    const expected = region.monthlyCrime * this.scale * this.shares[c]! * season;
    const h = combine(combine(combine(this.seed, region.hash), this.codeHashes[c]!), year * 13 + month);
    return Math.floor(expected * (0.8 + 0.4 * unit(h)) + unit(fmix(h ^ 0x2545f491)));
  }

  private suppressed(region: RegionProfile, c: number, period: number, value: number): boolean {
    if (!region.suppressSmall || value < 1 || value > 2) return false;
    return (combine(combine(this.seed ^ 0x5eed, region.hash), this.codeHashes[c]! + period) & 3) === 0;
  }

  /** Real yearly national figure split over 12 months (largest remainder, so the year adds up exactly). */
  private nationalMonth(c: number, year: number, month: number): number | null {
    const id = `${c}:${year}`;
    let months = this.nationalMonths.get(id);
    if (!months) {
      const yearly = this.national[this.codes[c]!]?.[String(year)];
      if (yearly === undefined) return null;
      const weights = Array.from(
        { length: 12 },
        (_, m) => 1 + 0.07 * Math.cos((2 * Math.PI * m) / 12) + 0.06 * unit(combine(this.seed, c * 100 + m)),
      );
      const sum = weights.reduce((a, b) => a + b, 0);
      const exact = weights.map((w) => (yearly * w) / sum);
      months = Int32Array.from(exact, Math.floor);
      let rest = yearly - months.reduce((a, b) => a + b, 0);
      const order = exact.map((x, m) => [x - Math.floor(x), m] as const).sort((a, b) => b[0] - a[0]);
      for (const [, m] of order) {
        if (rest-- <= 0) break;
        months[m]!++;
      }
      this.nationalMonths.set(id, months);
    }
    return months[month - 1]!;
  }

  month(region: RegionProfile, c: number, year: number, month: number): number | null {
    if (region.level === 'NL') return this.nationalMonth(c, year, month);
    let value = 0;
    if (c === this.total) {
      for (let s = 0; s < this.codes.length; s++) if (s !== this.total) value += this.raw(region, s, year, month);
    } else value = this.raw(region, c, year, month);
    return this.suppressed(region, c, year * 13 + month, value) ? null : value;
  }

  year(region: RegionProfile, c: number, year: number): number | null {
    if (region.level === 'NL') return this.national[this.codes[c]!]?.[String(year)] ?? null;
    let value = 0;
    for (let month = 1; month <= 12; month++) {
      if (c === this.total) {
        for (let s = 0; s < this.codes.length; s++) if (s !== this.total) value += this.raw(region, s, year, month);
      } else value += this.raw(region, c, year, month);
    }
    return this.suppressed(region, c, year * 13, value) ? null : value;
  }

  period(region: RegionProfile, c: number, period: Period): number | null {
    return period.month === 0 ? this.year(region, c, period.year) : this.month(region, c, period.year, period.month);
  }
}

// ---------------------------------------------------------------------------------------------
// Table builders

const SEED_47022 = hashString('47022NED');

function models(f: Fixtures) {
  const crimeCodes = f.soortMisdrijf.map((row) => String(row.Key));
  const nuisanceCodes = f.overlast.map((row) => String(row.Key));
  return {
    crimeCodes,
    nuisanceCodes,
    crime: new CountModel(SEED_47022, crimeCodes, f.national.crime, 1),
    nuisance: new CountModel(hashString('47024NED'), nuisanceCodes, f.national.nuisance, 0.33),
  };
}

function monthTitles(f: Fixtures): Map<string, string> {
  return new Map(f.t83474.Perioden.map((row) => [String(row.Key), String(row.Title)]));
}

function policeTableInfo(f: Fixtures, overrides: EntityRow): EntityRow {
  return { ...f.t47018.TableInfos[0]!, ...overrides };
}

/** DataProperties of a police wijk/buurt table, in the shape of the real 47018NED ones. */
function policeProperties(
  f: Fixtures,
  first: { key: string; title: string },
  topic: { key: string; title: string; description: string },
): EntityRow[] {
  const rows = f.t47018.DataProperties.map((row) => ({ ...row }));
  rows[0] = { ...rows[0]!, Key: first.key, Title: first.title };
  rows[3] = { ...rows[3]!, Key: topic.key, Title: topic.title, Description: topic.description };
  return rows;
}

/** The string topics of the police wijk/buurt tables: Gemeentenaam_2 and SoortRegio_3. */
function wijkBuurtTopics(dimension: number, regionRows: EntityRow[], profiles: RegionProfile[]): FakeTopic[] {
  const names = new Map(
    regionRows.filter((row) => String(row.Key).startsWith('GM')).map((row) => [String(row.Key).trim(), String(row.Title)]),
  );
  const kinds: Record<RegionProfile['level'], string> = { NL: 'Land', GM: 'Gemeente', WK: 'Wijk', BU: 'Buurt' };
  const gemeentenaam = regionRows.map((row) =>
    String(row.Key).startsWith('NL') ? 'Nederland' : (names.get(String(row.Municipality ?? '')) ?? ''),
  );
  return [
    { key: 'Gemeentenaam_2', datatype: 'String', text: { dimension, values: gemeentenaam } },
    { key: 'SoortRegio_3', datatype: 'String', text: { dimension, values: profiles.map((profile) => kinds[profile.level]) } },
  ];
}

function table47022(f: Fixtures, options: { id: string; regions?: EntityRow[]; rowLimit?: number }): FakeTable {
  const { crimeCodes, crime } = models(f);
  const regionRows = options.regions ?? f.wijkenEnBuurten;
  const regionKeys = regionRows.map((row) => String(row.Key));
  const profiles = wijkBuurtProfiles(regionRows);
  const periodRows = monthPeriods(2012, 2023, monthTitles(f), new Set(['2023MM10', '2023MM11', '2023MM12']));
  const periods = periodRows.map((row) => parsePeriod(String(row.Key)));
  const dimensions: FakeDimension[] = [
    { key: 'SoortMisdrijf', type: 'Dimension', codes: crimeCodes, rows: f.soortMisdrijf },
    { key: 'WijkenEnBuurten', type: 'GeoDetail', codes: regionKeys, rows: regionRows },
    { key: 'Perioden', type: 'TimeDimension', codes: periodRows.map((row) => String(row.Key)), rows: periodRows },
  ];
  const size = crimeCodes.length * regionKeys.length * periodRows.length;
  return {
    id: options.id,
    service: 'dataderden',
    protocol: 'v3',
    dimensions,
    topics: [
      {
        key: 'GeregistreerdeMisdrijven_1',
        datatype: 'Long',
        value: (index) => {
          const period = periods[index[2]!]!;
          return crime.month(profiles[index[1]!]!, index[0]!, period.year, period.month);
        },
      },
      ...wijkBuurtTopics(1, regionRows, profiles),
    ],
    info: policeTableInfo(f, {
      Title: 'Geregistreerde misdrijven; soort misdrijf, wijk, buurt, maandcijfers',
      ShortTitle: 'Misdrijven per wijk en buurt per maand',
      Identifier: options.id,
      Summary: 'Geregistreerde misdrijven\r\ntype misdrijf per wijk en buurt per maand',
      Modified: '2024-02-29T02:00:00',
      MetaDataModified: '2024-02-29T02:00:00',
      Frequency: 'Permaand',
      Period: 'januari 2012 - december 2023',
    }),
    properties: policeProperties(
      f,
      { key: 'SoortMisdrijf', title: 'Soort misdrijf' },
      {
        key: 'GeregistreerdeMisdrijven_1',
        title: 'Geregistreerde misdrijven',
        description: String(f.t47018.DataProperties[3]!.Description),
      },
    ),
    rowLimit: Math.min(options.rowLimit ?? size, size),
  };
}

function table47018(f: Fixtures): FakeTable {
  const { crimeCodes, crime } = models(f);
  const regionKeys = f.wijkenEnBuurten.map((row) => String(row.Key));
  const profiles = wijkBuurtProfiles(f.wijkenEnBuurten);
  const periods = f.t47018.Perioden.map((row) => parsePeriod(String(row.Key)));
  const soortMisdrijf = f.soortMisdrijf.map((row) => {
    const patch = f.t47018.patches[String(row.Key)];
    return patch === undefined ? row : { ...row, Description: patch };
  });
  return {
    id: '47018NED',
    service: 'dataderden',
    protocol: 'v3',
    dimensions: [
      { key: 'SoortMisdrijf', type: 'Dimension', codes: crimeCodes, rows: soortMisdrijf },
      { key: 'WijkenEnBuurten', type: 'GeoDetail', codes: regionKeys, rows: f.wijkenEnBuurten },
      { key: 'Perioden', type: 'TimeDimension', codes: periods.map((period) => period.key), rows: f.t47018.Perioden },
    ],
    topics: [
      {
        key: 'GeregistreerdeMisdrijven_1',
        datatype: 'Long',
        value: (index) => crime.year(profiles[index[1]!]!, index[0]!, periods[index[2]!]!.year),
      },
      ...wijkBuurtTopics(1, f.wijkenEnBuurten, profiles),
    ],
    info: { ...f.t47018.TableInfos[0]! },
    properties: f.t47018.DataProperties,
    rowLimit: crimeCodes.length * regionKeys.length * periods.length,
  };
}

function table47024(f: Fixtures): FakeTable {
  const { nuisanceCodes, nuisance } = models(f);
  const regionKeys = f.wijkenEnBuurten.map((row) => String(row.Key));
  const profiles = wijkBuurtProfiles(f.wijkenEnBuurten);
  const periodRows = monthPeriods(2012, 2023, monthTitles(f), new Set(['2023MM10', '2023MM11', '2023MM12']));
  const periods = periodRows.map((row) => parsePeriod(String(row.Key)));
  return {
    id: '47024NED',
    service: 'dataderden',
    protocol: 'v3',
    dimensions: [
      { key: 'Overlast', type: 'Dimension', codes: nuisanceCodes, rows: f.overlast },
      { key: 'WijkenEnBuurten', type: 'GeoDetail', codes: regionKeys, rows: f.wijkenEnBuurten },
      { key: 'Perioden', type: 'TimeDimension', codes: periodRows.map((row) => String(row.Key)), rows: periodRows },
    ],
    topics: [
      {
        key: 'GeregistreerdeOverlast_1',
        datatype: 'Long',
        value: (index) => {
          const period = periods[index[2]!]!;
          return nuisance.month(profiles[index[1]!]!, index[0]!, period.year, period.month);
        },
      },
      ...wijkBuurtTopics(1, f.wijkenEnBuurten, profiles),
    ],
    info: policeTableInfo(f, {
      Title: 'Registraties overlast; soort overlast, wijk, buurt, maandcijfers',
      ShortTitle: 'Overlast per wijk en buurt per maand',
      Identifier: '47024NED',
      Summary: 'Registraties overlast\r\nsoort overlast per wijk en buurt per maand',
      Modified: '2024-02-29T02:00:00',
      MetaDataModified: '2024-02-29T02:00:00',
      Frequency: 'Permaand',
      Period: 'januari 2012 - december 2023',
    }),
    properties: policeProperties(
      f,
      { key: 'Overlast', title: 'Overlast' },
      {
        key: 'GeregistreerdeOverlast_1',
        title: 'Geregistreerde overlast',
        description: 'Aantal door de politie geregistreerde meldingen van overlast.',
      },
    ),
    rowLimit: nuisanceCodes.length * regionKeys.length * periodRows.length,
  };
}

/** RegioS keys of the gemeente tables: NL01 and the gemeenten (no landsdelen, provincies or politie-eenheden). */
function gemeenteRegions(f: Fixtures, options: { withUnknown: boolean }): EntityRow[] {
  return f.regioS.filter((row) => {
    const key = String(row.Key);
    if (key.startsWith('NL')) return true;
    if (!key.startsWith('GM')) return false;
    return options.withUnknown || !['GM0998', 'GM0999'].includes(key.trim());
  });
}

function regionProfile(code: string): RegionProfile {
  return code.startsWith('NL') ? nationalProfile(code) : municipalityProfile(code);
}

/**
 * The regions and periods of the police tables per gemeente (47013NED,
 * 47021NED): every gemeente (the unknown ones too) and the Netherlands, and
 * per year 2012-2023 its months and the year itself, the last quarter of 2023
 * and the year 2023 provisional.
 */
function gemeenteCube(f: Fixtures) {
  const regionRows = gemeenteRegions(f, { withUnknown: true });
  const profiles = regionRows.map((row) => regionProfile(String(row.Key).trim()));
  const titles = monthTitles(f);
  const provisional = new Set(['2023MM10', '2023MM11', '2023MM12', '2023JJ00']);
  const periodRows: EntityRow[] = [];
  for (let year = 2012; year <= 2023; year++) {
    periodRows.push(...monthPeriods(year, year, titles, provisional), ...yearPeriods(year, year, provisional));
  }
  const periods = periodRows.map((row) => parsePeriod(String(row.Key)));
  return { regionRows, profiles, periodRows, periods };
}

/** A DataProperties row of the police tables per gemeente: every column the service sends, null where it has none. */
function gemeenteProperty(id: number, type: string, key: string, title: string): EntityRow {
  return {
    'odata.type': `Cbs.OData.${type}`,
    ID: id,
    Position: id,
    ParentID: null,
    Type: type,
    Key: key,
    Title: title,
    Description: '',
    ReleasePolicy: type === 'TimeDimension' ? false : null,
    Datatype: null,
    Unit: null,
    Decimals: null,
    Default: null,
    PresentationType: null,
  };
}

/** A count topic of the police tables per gemeente. */
function gemeenteTopic(id: number, key: string, title: string): EntityRow {
  return {
    ...gemeenteProperty(id, 'Topic', key, title),
    ReleasePolicy: null,
    Datatype: 'Long',
    Unit: 'aantal',
    Decimals: 0,
    Default: 'Zero',
    PresentationType: 'Absolute',
  };
}

function table47013(f: Fixtures): FakeTable {
  const { crimeCodes, crime } = models(f);
  const { regionRows, profiles, periodRows, periods } = gemeenteCube(f);
  const misdrijven = (index: Int32Array) => crime.period(profiles[index[1]!]!, index[0]!, periods[index[2]!]!);
  const share = (index: Int32Array, salt: number, from: number, width: number) =>
    from + width * unit(combine(combine(hashString('47013NED') ^ salt, profiles[index[1]!]!.hash), index[0]! * 1000 + index[2]!));
  const aangiften = (index: Int32Array) => {
    const value = misdrijven(index);
    return value === null ? null : Math.floor(value * share(index, 1, 0.55, 0.15));
  };
  return {
    id: '47013NED',
    service: 'dataderden',
    protocol: 'v3',
    dimensions: [
      { key: 'SoortMisdrijf', type: 'Dimension', codes: crimeCodes, rows: f.soortMisdrijf },
      { key: 'RegioS', type: 'GeoDimension', codes: regionRows.map((row) => String(row.Key)), rows: regionRows },
      { key: 'Perioden', type: 'TimeDimension', codes: periodRows.map((row) => String(row.Key)), rows: periodRows },
    ],
    topics: [
      { key: 'GeregistreerdeMisdrijven_1', datatype: 'Long', value: misdrijven },
      { key: 'Aangiften_2', datatype: 'Long', value: aangiften },
      {
        key: 'Internetaangiften_3',
        datatype: 'Long',
        value: (index) => {
          const value = aangiften(index);
          return value === null ? null : Math.floor(value * share(index, 2, 0.15, 0.15));
        },
      },
    ],
    info: policeTableInfo(f, {
      Title: 'Geregistreerde misdrijven en aangiften; soort misdrijf, gemeente',
      ShortTitle: 'Misdrijven en aangiften per gemeente',
      Identifier: '47013NED',
      Summary: 'Geregistreerde misdrijven en aangiften\r\nsoort misdrijf per gemeente, per maand en per jaar',
      Modified: '2024-02-29T02:00:00',
      MetaDataModified: '2024-02-29T02:00:00',
      Frequency: 'Permaand',
      Period: '2012 - december 2023',
      DefaultSelection: "$filter=((SoortMisdrijf eq '0.0.0 ')) and ((RegioS eq 'GM0363')) and ((Perioden eq '2023JJ00'))",
    }),
    properties: [
      gemeenteProperty(0, 'Dimension', 'SoortMisdrijf', 'Soort misdrijf'),
      gemeenteProperty(1, 'GeoDimension', 'RegioS', "Regio's"),
      gemeenteProperty(2, 'TimeDimension', 'Perioden', 'Perioden'),
      gemeenteTopic(3, 'GeregistreerdeMisdrijven_1', 'Geregistreerde misdrijven'),
      gemeenteTopic(4, 'Aangiften_2', 'Aangiften'),
      gemeenteTopic(5, 'Internetaangiften_3', 'Internetaangiften'),
    ],
    rowLimit: crimeCodes.length * regionRows.length * periodRows.length,
  };
}

/** Police 47021NED: registered nuisance per kind and gemeente, per month and per year, the same counts as 47024NED's gemeenten. */
function table47021(f: Fixtures): FakeTable {
  const { nuisanceCodes, nuisance } = models(f);
  const { regionRows, profiles, periodRows, periods } = gemeenteCube(f);
  return {
    id: '47021NED',
    service: 'dataderden',
    protocol: 'v3',
    dimensions: [
      { key: 'Overlast', type: 'Dimension', codes: nuisanceCodes, rows: f.overlast },
      { key: 'RegioS', type: 'GeoDimension', codes: regionRows.map((row) => String(row.Key)), rows: regionRows },
      { key: 'Perioden', type: 'TimeDimension', codes: periodRows.map((row) => String(row.Key)), rows: periodRows },
    ],
    topics: [
      {
        key: 'GeregistreerdeOverlast_1',
        datatype: 'Long',
        value: (index) => nuisance.period(profiles[index[1]!]!, index[0]!, periods[index[2]!]!),
      },
    ],
    info: policeTableInfo(f, {
      Title: 'Registraties overlast; soort overlast, gemeente',
      ShortTitle: 'Overlast per gemeente',
      Identifier: '47021NED',
      Summary: 'Registraties overlast\r\nsoort overlast per gemeente, per maand en per jaar',
      Modified: '2024-02-29T02:00:00',
      MetaDataModified: '2024-02-29T02:00:00',
      Frequency: 'Permaand',
      Period: '2012 - december 2023',
      DefaultSelection: "$filter=((Overlast eq '0.0.0 ')) and ((RegioS eq 'GM0363')) and ((Perioden eq '2023JJ00'))",
    }),
    properties: [
      gemeenteProperty(0, 'Dimension', 'Overlast', 'Overlast'),
      gemeenteProperty(1, 'GeoDimension', 'RegioS', "Regio's"),
      gemeenteProperty(2, 'TimeDimension', 'Perioden', 'Perioden'),
      gemeenteTopic(3, 'GeregistreerdeOverlast_1', 'Geregistreerde overlast'),
    ],
    rowLimit: nuisanceCodes.length * regionRows.length * periodRows.length,
  };
}

/** A v3 DataProperties row of a synthetic table. */
function property(id: number, type: string, key: string, title: string, extra: EntityRow = {}): EntityRow {
  return {
    'odata.type': `Cbs.OData.${type}`,
    ID: id,
    Position: id,
    ParentID: null,
    Type: type,
    Key: key,
    Title: title,
    Description: '',
    ...extra,
  };
}

/** Population on 1 January of a municipality (GM1641 about 23,700) or of the Netherlands. */
function population(f: Fixtures, profile: RegionProfile, year: number): number {
  if (profile.level === 'NL') return f.national.population[String(year)] ?? 0;
  if (['GM0000', 'GM0998', 'GM0999'].includes(profile.code)) return 0;
  const base = profile.monthlyCrime * INHABITANTS_PER_MONTHLY_CRIME;
  const noise = 1 + 0.004 * (unit(combine(hashString('pop'), profile.hash + year)) - 0.5);
  return Math.round(base * (1 + 0.003 * (year - 2018)) * noise);
}

function table03759(f: Fixtures): FakeTable {
  const codes = f.synthetic['03759ned'];
  const regionRows = gemeenteRegions(f, { withUnknown: false });
  const profiles = regionRows.map((row) => regionProfile(String(row.Key).trim()));
  const periodRows = yearPeriods(2012, 2024, new Set(['2024JJ00']));
  const years = periodRows.map((row) => Number(String(row.Key).slice(0, 4)));
  const ageCodes = codes.Leeftijd.map((row) => String(row.Key));
  const seed = hashString('03759ned');
  const ageTotal = (profile: RegionProfile, year: number, age: number) =>
    Math.round(population(f, profile, year) * 0.01125 * (0.93 + 0.14 * unit(combine(combine(seed, profile.hash), year * 100 + age))));
  const menShare = (profile: RegionProfile, year: number, age: number) =>
    0.49 + 0.03 * unit(combine(combine(seed ^ 1, profile.hash), year * 100 + age));
  const bySex = (total: number, sex: number, share: number) => {
    const men = Math.round(total * share);
    return sex === 0 ? total : sex === 1 ? men : total - men;
  };
  const value = (index: Int32Array): number | null => {
    const sex = index[0]!;
    const code = ageCodes[index[1]!]!;
    const profile = profiles[index[3]!]!;
    const year = years[index[4]!]!;
    if (code === '10000') return bySex(population(f, profile, year), sex, menShare(profile, year, 0));
    const ages = code === '70100' ? [12, 13, 14, 15, 16, 17] : [Number(code.slice(1, 3))];
    return ages.reduce((sum, age) => sum + bySex(ageTotal(profile, year, age), sex, menShare(profile, year, age)), 0);
  };
  return {
    id: '03759ned',
    service: 'opendata',
    protocol: 'v3',
    dimensions: [
      { key: 'Geslacht', type: 'Dimension', codes: codes.Geslacht.map((row) => String(row.Key)), rows: codes.Geslacht },
      { key: 'Leeftijd', type: 'Dimension', codes: ageCodes, rows: codes.Leeftijd },
      {
        key: 'BurgerlijkeStaat',
        type: 'Dimension',
        codes: codes.BurgerlijkeStaat.map((row) => String(row.Key)),
        rows: codes.BurgerlijkeStaat,
      },
      { key: 'RegioS', type: 'GeoDimension', codes: regionRows.map((row) => String(row.Key)), rows: regionRows },
      { key: 'Perioden', type: 'TimeDimension', codes: periodRows.map((row) => String(row.Key)), rows: periodRows },
    ],
    topics: [{ key: 'BevolkingOp1Januari_1', datatype: 'Long', value }],
    info: {
      ...f.t83474.TableInfos[0]!,
      Title: 'Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio',
      ShortTitle: 'Bevolking; geslacht, leeftijd, regio',
      Identifier: '03759ned',
      Summary: 'Bevolking op 1 januari naar geslacht, leeftijd, burgerlijke staat en regio',
      Modified: '2024-07-01T02:00:00',
      MetaDataModified: '2024-07-01T02:00:00',
      Frequency: 'Perjaar',
      Period: '1988-2024',
      ShortDescription: 'Synthetische nep-tabel voor tests: alleen de codes uit de fixture, waarden uit een hash.',
      Description: 'Synthetische nep-tabel voor tests.',
      DefaultSelection: "$filter=((RegioS eq 'GM0363')) and ((Perioden eq '2024JJ00'))",
    },
    properties: [
      property(0, 'Dimension', 'Geslacht', 'Geslacht'),
      property(1, 'Dimension', 'Leeftijd', 'Leeftijd'),
      property(2, 'Dimension', 'BurgerlijkeStaat', 'Burgerlijke staat'),
      property(3, 'GeoDimension', 'RegioS', "Regio's", { MapYear: 2024 }),
      property(4, 'TimeDimension', 'Perioden', 'Perioden', { ReleasePolicy: true }),
      property(5, 'Topic', 'BevolkingOp1Januari_1', 'Bevolking op 1 januari', {
        Datatype: 'Long',
        Unit: 'aantal',
        Decimals: 0,
        Default: 'Missing',
      }),
    ],
    rowLimit: 3 * ageCodes.length * 1 * regionRows.length * periodRows.length,
  };
}

/**
 * Degree of urbanisation (CBS stedelijkheid, 1 very strongly urban to 5 not
 * urban) of a municipality: larger municipalities are more urban, with a
 * hashed step either way. Maasgouw (GM1641) is 5; the Netherlands has none.
 */
export function fakeUrbanisation(code: string, inhabitants: number): number | null {
  if (code.startsWith('NL')) return null;
  if (code === 'GM1641') return 5;
  const base = inhabitants >= 150_000 ? 1 : inhabitants >= 80_000 ? 2 : inhabitants >= 40_000 ? 3 : inhabitants >= 20_000 ? 4 : 5;
  const step = Math.floor(unit(hashString(`urban:${code}`)) * 3) - 1;
  return Math.min(5, Math.max(1, base + step));
}

/**
 * CBS 70072ned (Regionale kerncijfers Nederland), cut to the two topics a
 * reference group needs: the population on 1 January and the degree of
 * urbanisation, per gemeente and for the Netherlands, 2015-2024.
 */
function table70072(f: Fixtures): FakeTable {
  const regionRows = gemeenteRegions(f, { withUnknown: false });
  const profiles = regionRows.map((row) => regionProfile(String(row.Key).trim()));
  const periodRows = yearPeriods(2015, 2024, new Set(['2024JJ00']));
  const years = periodRows.map((row) => Number(String(row.Key).slice(0, 4)));
  const inhabitants = (index: Int32Array) => {
    const profile = profiles[index[0]!]!;
    return population(f, profile, years[index[1]!]!);
  };
  return {
    id: '70072ned',
    service: 'opendata',
    protocol: 'v3',
    dimensions: [
      { key: 'RegioS', type: 'GeoDimension', codes: regionRows.map((row) => String(row.Key)), rows: regionRows },
      { key: 'Perioden', type: 'TimeDimension', codes: periodRows.map((row) => String(row.Key)), rows: periodRows },
    ],
    topics: [
      { key: 'TotaleBevolking_1', datatype: 'Long', value: inhabitants },
      {
        key: 'MateVanStedelijkheid_105',
        datatype: 'Long',
        value: (index) => fakeUrbanisation(profiles[index[0]!]!.code, population(f, profiles[index[0]!]!, 2024)),
      },
    ],
    info: {
      ...f.t83474.TableInfos[0]!,
      Title: 'Regionale kerncijfers Nederland',
      ShortTitle: 'Regionale kerncijfers Nederland',
      Identifier: '70072ned',
      Summary: 'Kerncijfers over bevolking, wonen en stedelijkheid per regio',
      Modified: '2024-09-27T02:00:00',
      MetaDataModified: '2024-09-27T02:00:00',
      Frequency: 'Perjaar',
      Period: '1995-2024',
      ShortDescription: 'Synthetische nep-tabel voor tests: twee onderwerpen, waarden uit een hash.',
      Description: 'Synthetische nep-tabel voor tests.',
      DefaultSelection: "$filter=((RegioS eq 'GM0363')) and ((Perioden eq '2024JJ00'))",
    },
    properties: [
      property(0, 'GeoDimension', 'RegioS', "Regio's", { MapYear: 2024 }),
      property(1, 'TimeDimension', 'Perioden', 'Perioden', { ReleasePolicy: true }),
      property(2, 'Topic', 'TotaleBevolking_1', 'Totale bevolking', { Datatype: 'Long', Unit: 'aantal', Decimals: 0, Default: 'Missing' }),
      property(3, 'Topic', 'MateVanStedelijkheid_105', 'Mate van stedelijkheid', {
        Datatype: 'Long',
        Unit: 'code',
        Decimals: 0,
        Default: 'Missing',
      }),
    ],
    rowLimit: regionRows.length * periodRows.length,
  };
}

function table83474(f: Fixtures): FakeTable {
  const periodRows = f.t83474.Perioden;
  const periods = periodRows.map((row) => parsePeriod(String(row.Key)));
  const seed = hashString('83474NED');
  const flows = new Map<number, number[][]>();
  /** Per month of a year: begin, births, deaths, immigration, emigration, corrections, growth, end. */
  const yearFlows = (year: number): number[][] => {
    const known = flows.get(year);
    if (known) return known;
    const begin = f.national.population[String(year)] ?? 0;
    const nextBegin = f.national.population[String(year + 1)];
    const months: number[][] = [];
    let current = begin;
    for (let month = 1; month <= 12; month++) {
      const u = (salt: number) => unit(combine(seed, year * 1000 + month * 10 + salt));
      const births = Math.round(14_000 * (0.95 + 0.1 * u(1)));
      const deaths = Math.round(13_000 * (0.9 + 0.2 * u(2)) * (1 + 0.1 * Math.cos((2 * Math.PI * (month - 1)) / 12)));
      const immigration = Math.round(20_000 * (0.9 + 0.2 * u(3)));
      const emigration = Math.round(13_000 * (0.9 + 0.2 * u(4)));
      let corrections = Math.round(600 * (u(5) - 0.5));
      if (month === 12 && nextBegin !== undefined) corrections = nextBegin - current - (births - deaths + immigration - emigration);
      const growth = births - deaths + immigration - emigration + corrections;
      months.push([current, births, deaths, immigration, emigration, corrections, growth, current + growth]);
      current += growth;
    }
    flows.set(year, months);
    return months;
  };
  const topics: FakeTopic[] = f.t83474.DataProperties.filter((row) => row.Type === 'Topic').map((row, t) => ({
    key: String(row.Key),
    datatype: 'Long',
    value: (index: Int32Array) => {
      const period = periods[index[0]!]!;
      const months = yearFlows(period.year);
      if (period.month > 0) return months[period.month - 1]![t]!;
      if (t === 0) return months[0]![0]!;
      if (t === 7) return months[11]![7]!;
      return months.reduce((sum, month) => sum + month[t]!, 0);
    },
  }));
  return {
    id: '83474NED',
    service: 'opendata',
    protocol: 'v3',
    dimensions: [{ key: 'Perioden', type: 'TimeDimension', codes: periods.map((period) => period.key), rows: periodRows }],
    topics,
    info: { ...f.t83474.TableInfos[0]! },
    properties: f.t83474.DataProperties,
    rowLimit: periodRows.length,
  };
}

/** 83648NED on the v4 host: counts rounded to multiples of 5 and a rate per 1,000 inhabitants. */
function table83648(f: Fixtures): FakeTable {
  const { crime, crimeCodes } = models(f);
  const codes = f.synthetic['83648NED'];
  const policeCode: Record<string, string> = {
    T001161: '0.0.0 ',
    CRI1110: '1.1.1 ',
    CRI1210: '1.2.1 ',
    CRI1230: '1.2.3 ',
    CRI1450: '1.4.5 ',
  };
  const typeCodes = codes.SoortMisdrijf.map((row) => String(row.Identifier));
  const crimeIndex = typeCodes.map((code) => crimeCodes.indexOf(policeCode[code]!));
  const regionRows = gemeenteRegions(f, { withUnknown: true });
  const regionCodes = regionRows.map((row) => String(row.Key).trim());
  const profiles = regionCodes.map(regionProfile);
  const years = Array.from({ length: 12 }, (_, i) => 2012 + i);
  const measureCodes = codes.MeasureCodes.map((row) => String(row.Identifier));
  const count = (index: Int32Array) => {
    const value = crime.year(profiles[index[1]!]!, crimeIndex[index[0]!]!, years[index[2]!]!);
    return value === null ? null : Math.round(value / 5) * 5;
  };
  const perThousand = (index: Int32Array) => {
    const inhabitants = population(f, profiles[index[1]!]!, years[index[2]!]!);
    const value = count(index);
    if (value === null || inhabitants < 1000) return null;
    return Math.round((value / inhabitants) * 10_000) / 10;
  };
  const codeRows = (identifiers: string[], titles: string[], extra: (i: number) => EntityRow = () => ({})): EntityRow[] =>
    identifiers.map((identifier, i) => ({
      Identifier: identifier,
      Index: i + 1,
      Title: titles[i]!,
      Description: '',
      DimensionGroupId: null,
      ...extra(i),
    }));
  return {
    id: '83648NED',
    service: 'datasets',
    protocol: 'v4',
    dimensions: [
      { key: 'SoortMisdrijf', type: 'Dimension', codes: typeCodes, rows: codes.SoortMisdrijf.map((row, i) => ({ ...row, Index: i + 1 })) },
      {
        key: 'RegioS',
        type: 'GeoDimension',
        codes: regionCodes,
        rows: codeRows(
          regionCodes,
          regionRows.map((row) => String(row.Title)),
          (i) => ({ DimensionGroupId: regionCodes[i]!.startsWith('NL') ? '0' : '1' }),
        ),
      },
      {
        key: 'Perioden',
        type: 'TimeDimension',
        codes: years.map((year) => `${year}JJ00`),
        rows: codeRows(
          years.map((year) => `${year}JJ00`),
          years.map(String),
          (i) => ({ Status: years[i] === 2023 ? 'Voorlopig' : 'Definitief' }),
        ),
      },
      { key: 'Measure', type: 'Dimension', codes: measureCodes, rows: codes.MeasureCodes },
    ],
    topics: [
      { key: measureCodes[0]!, datatype: 'Long', value: count },
      { key: measureCodes[1]!, datatype: 'Double', value: perThousand },
    ],
    info: {
      Identifier: '83648NED',
      Title: 'Geregistreerde criminaliteit; soort misdrijf, regio',
      Description: 'Synthetische nep-tabel voor tests: codes uit de fixture, waarden uit een hash, aantallen afgerond op vijftallen.',
      Language: 'nl',
      Catalog: 'CBS',
      Modified: '2024-05-06T00:00:00+02:00',
      TemporalCoverage: '2012 - 2023',
      Version: '202405060000',
      VersionReason: 'Actualisering',
      Frequency: 'Perjaar',
      Status: 'Regulier',
      ObservationCount: typeCodes.length * regionCodes.length * years.length * measureCodes.length,
      ObservationsModified: '2024-05-06T00:00:00+02:00',
      DatasetType: 'Numeric',
      Source: 'CBS, Politie',
    },
    properties: [
      { Identifier: 'SoortMisdrijf', Title: 'Soort misdrijf', Description: '', Kind: 'Dimension', MapYear: null, ReleasePolicy: null },
      { Identifier: 'RegioS', Title: "Regio's", Description: '', Kind: 'GeoDimension', MapYear: '2023', ReleasePolicy: null },
      { Identifier: 'Perioden', Title: 'Perioden', Description: '', Kind: 'TimeDimension', MapYear: null, ReleasePolicy: 'True' },
    ],
    measureCodes: codes.MeasureCodes,
    nullAttribute: (index) => (regionCodes[index[1]!]!.startsWith('GM099') ? 'Impossible' : 'Confidential'),
    rowLimit: typeCodes.length * regionCodes.length * years.length * measureCodes.length,
  };
}

/**
 * The synthetic national table of bulk mode: the 47022NED structure with the
 * fixture's regions followed by made-up buurten (BU9xxxxxxx, a municipality code
 * that does not exist) until the cube holds `rows` rows; cut short after that.
 */
function bulkTable(f: Fixtures, id: string, rows: number): FakeTable {
  const perRegion = f.soortMisdrijf.length * 144;
  const needed = Math.max(1, Math.ceil(rows / perRegion));
  const regions = f.wijkenEnBuurten.slice(0, needed);
  for (let i = regions.length; i < needed; i++) {
    const key = `BU9${String(i).padStart(7, '0')}`;
    regions.push({ Key: key, Title: `Synthetische buurt ${i}`, Description: null, Municipality: 'GM9999', DetailRegionCode: key });
  }
  return table47022(f, { id, regions, rowLimit: rows });
}

export function createTables(options: { bulk?: { table: string; rows: number } } = {}): FakeTable[] {
  const f = loadFixtures();
  const tables = [
    table47022(f, { id: '47022NED' }),
    table47018(f),
    table47024(f),
    table47013(f),
    table47021(f),
    table03759(f),
    table70072(f),
    table83474(f),
    table83648(f),
  ];
  if (options.bulk) {
    const bulk = bulkTable(f, options.bulk.table, options.bulk.rows);
    const existing = tables.findIndex((table) => table.id.toLowerCase() === bulk.id.toLowerCase());
    if (existing >= 0) tables[existing] = bulk;
    else tables.push(bulk);
  }
  return tables;
}
