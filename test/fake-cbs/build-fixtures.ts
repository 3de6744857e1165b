/**
 * Builds the fixtures of the fake CBS server from the real metadata exports in
 * ../shared/data/cbs-politie-2024 (CC BY 4.0, CBS and Politie). Run it once when
 * those exports change; the JSON files it writes are committed, so the fake
 * server works on a fresh clone without the shared folder:
 *
 *   npx tsx test/fake-cbs/build-fixtures.ts [data folder] && npx biome format --write test/fake-cbs/fixtures
 *
 * Metadata rows are kept exactly as exported (keys padded with trailing spaces);
 * only the region keys the tests need are kept. The codes of 03759ned and
 * 83648NED written here are our own choice (we have no export of those tables).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Row = Record<string, string | number | boolean | null>;

const DEFAULT_SOURCE = '/work/shared/data/cbs-politie-2024';
const OUT = join(import.meta.dirname, 'fixtures');

/** Municipalities whose wijken and buurten are kept: Maasgouw plus two small ones and a bigger neighbour. */
const DETAILED_MUNICIPALITIES = ['GM1641', 'GM0060', 'GM0888', 'GM0957', 'GM0000'];

/**
 * RFC 4180 CSV as written by R: quoted fields may hold newlines and doubled quotes.
 * Unquoted empty fields are R's NA (null); unquoted TRUE/FALSE and numbers are typed.
 */
function parseCsv(text: string): Row[] {
  const records: { value: string; quoted: boolean }[][] = [];
  let record: { value: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        const end = text.indexOf('"', i);
        if (end < 0) throw new Error(`CSV: aanhalingsteken niet gesloten na positie ${i}`);
        value += text.slice(i, end);
        i = end + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    }
    record.push({ value, quoted });
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n' || i >= text.length) {
      i++;
      records.push(record);
      record = [];
    }
  }
  const [header, ...body] = records;
  if (!header) return [];
  const names = header.map((field) => field.value);
  return body
    .filter((fields) => fields.length === names.length)
    .map((fields) => {
      const row: Row = {};
      names.forEach((name, index) => {
        const field = fields[index]!;
        row[name] = field.quoted ? field.value : typed(field.value);
      });
      return row;
    });
}

function typed(raw: string): string | number | boolean | null {
  if (raw === '' || raw === 'NA') return null;
  if (raw === 'TRUE') return true;
  if (raw === 'FALSE') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

function read(source: string, file: string): Row[] {
  return parseCsv(readFileSync(join(source, file), 'utf8'));
}

/** Rows as { columns, rows }: about a third of the size of an array of objects, and stable under Biome's formatter. */
function columnar(rows: Row[]): { columns: string[]; rows: Row[keyof Row][][] } {
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((row) => columns.map((column) => row[column] ?? null)) };
}

function write(name: string, content: Record<string, unknown>): void {
  const file = join(OUT, name);
  const compact = Object.fromEntries(
    Object.entries(content).map(([key, value]) => [
      key,
      Array.isArray(value) && value.length > 0 && !Array.isArray(value[0]) ? columnar(value) : value,
    ]),
  );
  writeFileSync(file, `${JSON.stringify(compact, null, 2)}\n`);
  console.log(`${name}: ${readFileSync(file).length} bytes`);
}

/** Yearly national totals keyed by padded code, from a NL_*.csv whose rows name the type by its title. */
function nationalSeries(rows: Row[], codes: Row[], totalTitle: string): Record<string, Record<string, number>> {
  const byTitle = new Map<string, string>();
  for (const code of codes) byTitle.set(String(code.Title), String(code.Key));
  const series: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    const title = String(row.incident_type_code);
    const key = title === totalTitle ? '0.0.0 ' : byTitle.get(title);
    if (!key) throw new Error(`Onbekend type '${title}' in nationale reeks`);
    series[key] ??= {};
    series[key][String(row.year)] = Number(row.incident_count);
  }
  return series;
}

function main(source: string): void {
  mkdirSync(OUT, { recursive: true });

  const soortMisdrijf = read(source, 'SoortMisdrijf.csv');
  // The 47018NED export is newer and fixes a typo in one description: keep only the differences.
  const soortMisdrijf47018 = read(source, '47018NED/SoortMisdrijf.csv');
  const descriptionPatches: Record<string, string | null> = {};
  soortMisdrijf47018.forEach((row, index) => {
    const base = soortMisdrijf[index];
    if (!base || base.Key !== row.Key || base.Title !== row.Title) throw new Error(`SoortMisdrijf van 47018NED wijkt af in rij ${index}`);
    if (base.Description !== row.Description) descriptionPatches[String(row.Key)] = row.Description as string | null;
  });
  const overlast = read(source, 'Overlast.csv');
  write('politie-codes.json', { SoortMisdrijf: soortMisdrijf, Overlast: overlast });

  const wijkenEnBuurten = read(source, 'WijkenEnBuurten.csv').filter((row) => {
    const key = String(row.Key);
    return key.startsWith('NL') || key.startsWith('GM') || DETAILED_MUNICIPALITIES.includes(String(row.Municipality));
  });
  const regioS = read(source, 'RegioS.csv').map((row) => ({ ...row, Description: String(row.Description ?? '').slice(0, 200) }));
  write('regions.json', {
    _note: `WijkenEnBuurten: NL00, every GM key and the WK/BU keys of ${DETAILED_MUNICIPALITIES.join(', ')} only (of 18,119). RegioS: all keys, descriptions cut to 200 characters.`,
    WijkenEnBuurten: wijkenEnBuurten,
    RegioS: regioS,
  });

  write('cbs-83474NED.json', {
    TableInfos: read(source, 'TableInfos.csv'),
    DataProperties: read(source, 'DataProperties.csv'),
    Perioden: read(source, 'Perioden.csv'),
  });
  write('politie-47018NED.json', {
    TableInfos: read(source, '47018NED/TableInfos.csv'),
    DataProperties: read(source, '47018NED/DataProperties.csv'),
    Perioden: read(source, '47018NED/Perioden.csv'),
    SoortMisdrijfDescriptionPatches: descriptionPatches,
  });

  const population: Record<string, number> = {};
  for (const row of read(source, 'NL_Population.csv')) population[String(row.year)] = Math.round(Number(row.population));
  write('national.json', {
    _note:
      'Yearly national totals from NL_Crime.csv, NL_Disorder.csv (police, summed over months at NL00) and NL_Population.csv (yearly mean, rounded; used as the synthetic 1 January figure of NL01).',
    crime: nationalSeries(read(source, 'NL_Crime.csv'), soortMisdrijf, 'Totaal misdrijven'),
    nuisance: nationalSeries(read(source, 'NL_Disorder.csv'), overlast, 'Totaal registraties overlast'),
    population,
  });

  write('cbs-synthetic-codes.json', {
    _note:
      'Dimension codes of our own choosing for the tables we have no export of. 03759ned: Leeftijd 1AA00 is age AA (only 12-17 served), 70100 is the group 12 tot 18 jaar. 83648NED (v4): SoortMisdrijf and Measure codes in the style of the new classification.',
    '03759ned': {
      Geslacht: [
        { Key: 'T001038', Title: 'Totaal mannen en vrouwen', Description: '', CategoryGroupID: null },
        { Key: '3000   ', Title: 'Mannen', Description: '', CategoryGroupID: null },
        { Key: '4000   ', Title: 'Vrouwen', Description: '', CategoryGroupID: null },
      ],
      Leeftijd: [
        { Key: '10000', Title: 'Totaal', Description: '', CategoryGroupID: null },
        ...[12, 13, 14, 15, 16, 17].map((age) => ({ Key: `1${age}00`, Title: `${age} jaar`, Description: '', CategoryGroupID: 1 })),
        { Key: '70100', Title: '12 tot 18 jaar', Description: '', CategoryGroupID: 2 },
      ],
      BurgerlijkeStaat: [{ Key: 'T001019', Title: 'Totaal burgerlijke staat', Description: '', CategoryGroupID: null }],
    },
    '83648NED': {
      SoortMisdrijf: [
        { Identifier: 'T001161', Title: 'Totaal misdrijven', Description: '', DimensionGroupId: null },
        { Identifier: 'CRI1110', Title: 'Diefstal/inbraak woning', Description: '', DimensionGroupId: '1' },
        { Identifier: 'CRI1210', Title: 'Diefstal uit/vanaf motorvoertuigen', Description: '', DimensionGroupId: '1' },
        { Identifier: 'CRI1230', Title: 'Diefstal van brom-, snor-, fietsen', Description: '', DimensionGroupId: '1' },
        { Identifier: 'CRI1450', Title: 'Mishandeling', Description: '', DimensionGroupId: '2' },
      ],
      MeasureCodes: [
        {
          Identifier: 'M004200_2',
          Index: 1,
          Title: 'Totaal geregistreerde misdrijven',
          Description: 'Aantal door de politie geregistreerde misdrijven, afgerond op vijftallen.',
          MeasureGroupId: null,
          DataType: 'Long',
          Unit: 'aantal',
          Format: null,
          Decimals: 0,
          PresentationType: 'Absolute',
        },
        {
          Identifier: 'M004207_3',
          Index: 2,
          Title: 'Geregistreerde misdrijven per 1 000 inwoners',
          Description: 'Geregistreerde misdrijven per 1 000 inwoners op 1 januari.',
          MeasureGroupId: null,
          DataType: 'Double',
          Unit: 'per 1 000 inwoners',
          Format: null,
          Decimals: 1,
          PresentationType: 'Relative',
        },
      ],
    },
  });
}

main(process.argv[2] ?? DEFAULT_SOURCE);
