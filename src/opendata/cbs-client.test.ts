/**
 * The CBS client against the local fake CBS server (test/fake-cbs): metadata,
 * padded keys, paging, the v4 API, retries, resuming a broken pull and clear
 * errors for wrong shapes. No test touches the network; back-off sleeps are faked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeCbs, startFakeCbs } from '../../test/fake-cbs/fake-cbs-server.js';
import {
  CbsClient,
  type CbsClientOptions,
  type CbsService,
  type Cell,
  type CellQuery,
  dimensionsOf,
  eqAny,
  OpenDataError,
  type PullProgress,
  padKeys,
  regionsOfMunicipality,
  resolveTopic,
} from './cbs-client.js';

let fake: FakeCbs;
let sleeps: number[];

/** Replaces the fake server of this test with one of another page size. */
async function restart(pageSize: number): Promise<void> {
  await fake.close();
  fake = await startFakeCbs({ pageSize });
}

beforeEach(async () => {
  sleeps = [];
  fake = await startFakeCbs({ pageSize: 1000 });
});
afterEach(() => fake.close());

function client(options: Partial<CbsClientOptions> = {}): CbsClient {
  return new CbsClient({
    baseUrls: fake.baseUrls,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
}

async function pull(
  cbs: CbsClient,
  service: CbsService,
  table: string,
  query: CellQuery,
): Promise<{ cells: Cell[]; pages: number; progress: PullProgress[] }> {
  const cells: Cell[] = [];
  const progress: PullProgress[] = [];
  let pages = 0;
  for await (const page of cbs.cells(service, table, { ...query, onPage: (p) => progress.push(p) })) {
    pages++;
    cells.push(...page);
  }
  return { cells, pages, progress };
}

async function failure(promise: Promise<unknown>): Promise<OpenDataError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenDataError);
  return error as OpenDataError;
}

const cellId = (cell: Cell) => `${Object.values(cell.dimensions).join('|')}|${cell.topic}`;
const MAASGOUW = regionsOfMunicipality('WijkenEnBuurten', 'GM1641');
const MISDRIJVEN = 'GeregistreerdeMisdrijven_1';

/** A fetch that answers every data page with `page` (metadata still comes from the fake server). */
function fetchWithPage(page: unknown): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    if (url.includes('/TypedDataSet') || url.includes('/Observations')) {
      return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    return fetch(input, init);
  };
}

describe('metadata', () => {
  it('reads TableInfos as sent, including Modified', async () => {
    const info = await client().tableInfo('dataderden', '47018NED');
    expect(info).toEqual({
      id: '47018NED',
      title: 'Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers',
      modified: '2024-08-15T02:00:00',
      period: '2012-2023',
      catalog: 'Politie',
    });
    expect((await client().tableInfo('opendata', '83474NED')).modified).toBe('2024-03-29T02:00:00');
  });

  it('reads DataProperties and detects the region dimension of type GeoDetail', async () => {
    const properties = await client().dataProperties('dataderden', '47018NED');
    expect(properties.map((p) => [p.key, p.type])).toEqual([
      ['SoortMisdrijf', 'Dimension'],
      ['WijkenEnBuurten', 'GeoDetail'],
      ['Perioden', 'TimeDimension'],
      ['GeregistreerdeMisdrijven_1', 'Topic'],
      ['', 'TopicGroup'],
      ['Gemeentenaam_2', 'Topic'],
      ['SoortRegio_3', 'Topic'],
    ]);
    expect(properties[3]).toMatchObject({ title: 'Geregistreerde misdrijven', unit: 'aantal', decimals: 0 });
    const { regions, time, others } = dimensionsOf(properties);
    expect(regions).toMatchObject({ key: 'WijkenEnBuurten', type: 'GeoDetail' });
    expect(time?.key).toBe('Perioden');
    expect(others.map((p) => p.key)).toEqual(['SoortMisdrijf']);
  });

  it('finds a region dimension typed GeoDimension, or a plain Dimension keyed RegioS', async () => {
    const properties = await client().dataProperties('dataderden', '47013NED');
    expect(dimensionsOf(properties).regions).toMatchObject({ key: 'RegioS', type: 'GeoDimension' });
    const plain = properties.map((p) => (p.key === 'RegioS' ? { ...p, type: 'Dimension' as const } : p));
    expect(dimensionsOf(plain).regions?.key).toBe('RegioS');
    expect(dimensionsOf(plain).others.map((p) => p.key)).toEqual(['SoortMisdrijf']);
  });

  it('resolves topic columns by key prefix, with a clear error when none or several match', async () => {
    const properties = await client().dataProperties('dataderden', '47013NED');
    expect(resolveTopic(properties, 'GeregistreerdeMisdrijven')).toBe('GeregistreerdeMisdrijven_1');
    expect(resolveTopic(properties, 'Aangiften')).toBe('Aangiften_2');
    expect(resolveTopic(properties, 'Internetaangiften')).toBe('Internetaangiften_3');
    expect(resolveTopic(properties, 'Aangiften_2')).toBe('Aangiften_2');
    expect(() => resolveTopic(properties, 'SoortMisdrijf')).toThrow(
      /Onderwerp 'SoortMisdrijf' niet gevonden.*GeregistreerdeMisdrijven_1, Aangiften_2/,
    );
    const doubled = [...properties, { key: 'Aangiften_7', type: 'Topic' as const, title: 'Aangiften', unit: null, decimals: null }];
    expect(() => resolveTopic(doubled, 'Aangiften')).toThrow(
      "Onderwerp 'Aangiften' is niet eenduidig in DataProperties: Aangiften_2, Aangiften_7",
    );
  });

  it('keeps keys padded as sent and pads trimmed codes, 2.6.10 filling all six characters', async () => {
    const values = await client().dimensionValues('dataderden', '47022NED', 'SoortMisdrijf');
    expect(values).toHaveLength(59);
    expect(values[0]).toEqual({ key: '0.0.0 ', title: 'Totaal misdrijven', status: null });
    expect(values.find((v) => v.key.startsWith('2.6.10'))?.key).toBe('2.6.10');
    expect(padKeys(values, ['1.1.1', '2.6.10', ' 1.2.3 '], '47022NED SoortMisdrijf')).toEqual(['1.1.1 ', '2.6.10', '1.2.3 ']);
    expect(() => padKeys(values, ['1.1.9'], '47022NED SoortMisdrijf')).toThrow(
      /Onbekende code '1\.1\.9' in 47022NED SoortMisdrijf \(59 codes bekend/,
    );

    const regions = await client().dimensionValues('dataderden', '47022NED', 'WijkenEnBuurten');
    expect(regions.every((region) => region.key.length === 10)).toBe(true);
    expect(padKeys(regions, ['NL00', 'GM1641', 'WK164100', 'BU16410000'], '47022NED WijkenEnBuurten')).toEqual([
      'NL00      ',
      'GM1641    ',
      'WK164100  ',
      'BU16410000',
    ]);
  });

  it('reads period status: the last three months of 47022NED are provisional', async () => {
    const periods = await client().dimensionValues('dataderden', '47022NED', 'Perioden');
    expect(periods).toHaveLength(144);
    expect(periods[0]).toEqual({ key: '2012MM01', title: '2012 januari', status: 'Definitief' });
    expect(periods.filter((p) => p.status === 'Voorlopig').map((p) => p.key)).toEqual(['2023MM10', '2023MM11', '2023MM12']);
  });

  it('reports an unknown table, or a table on the wrong service, as not found without retrying', async () => {
    const unknown = await failure(client().tableInfo('dataderden', '99999NED'));
    expect(unknown.message).toMatch(/^TableInfos van 99999NED \(dataderden\): niet gevonden \(HTTP 404/);
    expect(unknown.message).toContain(`${fake.baseUrls.dataderden}/ODataApi/odata/99999NED/TableInfos?$format=json`);
    expect(unknown.status).toBe(404);
    const wrongHost = await failure(client().dataProperties('opendata', '47022NED'));
    expect(wrongHost.message).toMatch(/DataProperties van 47022NED \(opendata\): niet gevonden/);
    expect(sleeps).toEqual([]);
  });

  it('refuses invalid base URLs, table codes and dimension names before any request', async () => {
    expect(() => new CbsClient({ baseUrls: { ...fake.baseUrls, datasets: 'datasets.cbs.nl' } })).toThrow(
      "Ongeldige basis-URL voor dienst datasets: 'datasets.cbs.nl'",
    );
    await expect(client().tableInfo('dataderden', '47022NED/../x')).rejects.toThrow("Ongeldige tabelcode '47022NED/../x'");
    await expect(client().dimensionValues('dataderden', '47022NED', 'Wijken?')).rejects.toThrow("Ongeldige dimensienaam 'Wijken?'");
    expect(fake.requests).toEqual([]);
  });
});

describe('cells over OData v3', () => {
  it('selects exactly a gemeente and its wijken and buurten: GM1641, 8 wijken and 16 buurten', async () => {
    const { cells } = await pull(client(), 'dataderden', '47022NED', {
      topics: [MISDRIJVEN],
      filter: `SoortMisdrijf eq '0.0.0 ' and ${MAASGOUW} and Perioden eq '2019MM01'`,
    });
    const regions = cells.map((cell) => cell.dimensions.WijkenEnBuurten!);
    expect(regions).toHaveLength(25);
    expect(new Set(regions).size).toBe(25);
    expect(regions.filter((key) => key.startsWith('GM'))).toEqual(['GM1641    ']);
    expect(regions.filter((key) => key.startsWith('WK'))).toHaveLength(8);
    expect(regions.filter((key) => key.startsWith('BU'))).toHaveLength(16);
    expect(regions.every((key) => key.length === 10 && key.slice(2, 6) === '1641')).toBe(true);
    expect(cells[0]).toEqual({
      dimensions: { SoortMisdrijf: '0.0.0 ', WijkenEnBuurten: 'GM1641    ', Perioden: '2019MM01' },
      topic: MISDRIJVEN,
      value: expect.any(Number),
    });
  });

  it('follows odata.nextLink across many pages and yields every row exactly once', async () => {
    await restart(250);
    const types = ['1.1.1 ', '2.6.10'];
    const { cells, pages, progress } = await pull(client(), 'dataderden', '47022NED', {
      topics: [MISDRIJVEN],
      filter: `${eqAny('SoortMisdrijf', types)} and ${MAASGOUW}`,
    });
    expect(cells).toHaveLength(2 * 25 * 144);
    expect(new Set(cells.map(cellId)).size).toBe(7200);
    expect(pages).toBe(29);
    expect(progress.map((p) => p.page)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(progress.at(-1)).toEqual({ page: 29, rows: 7200, nextLink: null });
    expect(progress[0]!.rows).toBe(250);
    expect(progress[0]!.nextLink).toContain('$skip=250');
    const dataRequests = fake.requests.filter((path) => path.includes('/TypedDataSet'));
    expect(dataRequests).toHaveLength(29);
    expect(dataRequests.every((path) => path.includes('$format=json'))).toBe(true);
    expect(dataRequests[0]).toContain('$select=SoortMisdrijf%2CWijkenEnBuurten%2CPerioden%2CGeregistreerdeMisdrijven_1');
  });

  it('keeps a suppressed cell as null, never 0', async () => {
    fake.setCell('47022NED', { SoortMisdrijf: '1.1.1', WijkenEnBuurten: 'BU16410000', Perioden: '2019MM01' }, null);
    fake.setCell('47022NED', { SoortMisdrijf: '1.1.1', WijkenEnBuurten: 'BU16410001', Perioden: '2019MM01' }, 0);
    const { cells } = await pull(client(), 'dataderden', '47022NED', {
      topics: [MISDRIJVEN],
      filter: `SoortMisdrijf eq '1.1.1 ' and Perioden eq '2019MM01' and ${eqAny('WijkenEnBuurten', ['BU16410000', 'BU16410001'])}`,
    });
    expect(cells.map((cell) => cell.value)).toEqual([null, 0]);

    const buurten = await pull(client(), 'dataderden', '47022NED', {
      topics: [MISDRIJVEN],
      filter: `startswith(WijkenEnBuurten,'BU1641')`,
    });
    const suppressed = buurten.cells.filter((cell) => cell.value === null);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed.length).toBeLessThan(buurten.cells.length / 10);
  });

  it('yields one cell per requested topic of a row, keys of RegioS padded to 6', async () => {
    const { cells } = await pull(client(), 'dataderden', '47013NED', {
      topics: ['GeregistreerdeMisdrijven_1', 'Aangiften_2'],
      filter: `SoortMisdrijf eq '1.1.1 ' and RegioS eq 'GM1641' and ${eqAny('Perioden', ['2019JJ00', '2019MM01'])}`,
    });
    expect(cells.map((cell) => [cell.dimensions.Perioden, cell.topic])).toEqual([
      ['2019MM01', 'GeregistreerdeMisdrijven_1'],
      ['2019MM01', 'Aangiften_2'],
      ['2019JJ00', 'GeregistreerdeMisdrijven_1'],
      ['2019JJ00', 'Aangiften_2'],
    ]);
    expect(cells[0]!.dimensions).toBe(cells[1]!.dimensions);
    expect(cells[0]!.dimensions.RegioS).toBe('GM1641');
    expect(cells[3]!.value).toBeLessThanOrEqual(cells[2]!.value!);
  });

  it('reads population by age from 03759ned on the opendata service', async () => {
    const { cells } = await pull(client(), 'opendata', '03759ned', {
      topics: ['BevolkingOp1Januari_1'],
      filter: `Geslacht eq 'T001038' and ${eqAny('Leeftijd', ['10000', '70100'])} and RegioS eq 'GM1641' and Perioden eq '2023JJ00'`,
    });
    const [total, youth] = cells.map((cell) => cell.value!);
    expect(total).toBeGreaterThan(23_000);
    expect(total).toBeLessThan(24_500);
    expect(youth).toBeGreaterThan(1_450);
    expect(youth).toBeLessThan(1_750);
  });

  it('refuses unknown topics with the list of known ones', async () => {
    await expect(pull(client(), 'dataderden', '47022NED', { topics: ['GeregistreerdeMisdrijven'] })).rejects.toThrow(
      "Cellen van 47022NED (dataderden): onbekend onderwerp 'GeregistreerdeMisdrijven'; bekend: GeregistreerdeMisdrijven_1, Gemeentenaam_2, SoortRegio_3",
    );
  });

  it('passes on the service message of a refused filter, without retrying', async () => {
    const error = await failure(pull(client(), 'dataderden', '47022NED', { topics: [MISDRIJVEN], filter: "Gemeente eq 'Maasgouw'" }));
    expect(error.message).toMatch(
      /^pagina 1 van 47022NED \(dataderden\): geweigerd met HTTP 400; melding van de dienst: "Could not find a property named 'Gemeente'/,
    );
    expect(error.status).toBe(400);
    expect(error.resumeFrom).toBe(error.url);
    expect(sleeps).toEqual([]);
  });
});

describe('cells over OData v4 (datasets)', () => {
  it('reads Properties, Dimensions and MeasureCodes as metadata', async () => {
    const cbs = client();
    expect(await cbs.tableInfo('datasets', '83648NED')).toEqual({
      id: '83648NED',
      title: 'Geregistreerde criminaliteit; soort misdrijf, regio',
      modified: '2024-05-06T00:00:00+02:00',
      period: '2012 - 2023',
      catalog: 'CBS',
    });
    const properties = await cbs.dataProperties('datasets', '83648NED');
    expect(properties.map((p) => [p.key, p.type])).toEqual([
      ['SoortMisdrijf', 'Dimension'],
      ['RegioS', 'GeoDimension'],
      ['Perioden', 'TimeDimension'],
      ['M004200_2', 'Topic'],
      ['M004207_3', 'Topic'],
    ]);
    expect(resolveTopic(properties, 'M004207')).toBe('M004207_3');
    expect(properties[4]).toMatchObject({ unit: 'per 1 000 inwoners', decimals: 1 });
    const periods = await cbs.dimensionValues('datasets', '83648NED', 'Perioden');
    expect(periods.at(-1)).toEqual({ key: '2023JJ00', title: '2023', status: 'Voorlopig' });
    expect((await cbs.dimensionValues('datasets', '83648NED', 'Measure')).map((v) => v.key)).toEqual(['M004200_2', 'M004207_3']);
  });

  it('follows @odata.nextLink, maps Measure to topic and an Impossible value to null', async () => {
    await restart(100);
    const { cells, pages } = await pull(client(), 'datasets', '83648NED', {
      topics: ['M004200_2', 'M004207_3'],
      filter: `SoortMisdrijf eq 'T001161' and ${eqAny('RegioS', ['GM1641', 'GM0998', 'NL01'])}`,
    });
    expect(cells).toHaveLength(3 * 12 * 2);
    expect(new Set(cells.map(cellId)).size).toBe(72);
    expect(pages).toBe(1);
    const unknownRegionRates = cells.filter((cell) => cell.dimensions.RegioS === 'GM0998' && cell.topic === 'M004207_3');
    expect(unknownRegionRates.every((cell) => cell.value === null)).toBe(true);
    const maasgouw2019 = cells.find(
      (cell) => cell.dimensions.RegioS === 'GM1641' && cell.dimensions.Perioden === '2019JJ00' && cell.topic === 'M004200_2',
    );
    expect(maasgouw2019!.value! % 5).toBe(0);

    const all = await pull(client(), 'datasets', '83648NED', { topics: ['M004200_2'], filter: "Perioden eq '2019JJ00'" });
    expect(all.cells).toHaveLength(5 * 345);
    expect(all.pages).toBe(18);
    expect(new Set(all.cells.map(cellId)).size).toBe(5 * 345);
    expect(fake.requests.filter((path) => path.includes('/Observations')).at(-1)).toContain('$skip=1700');
  });

  it('treats a ValueAttribute other than None as not published even when a Value is sent', async () => {
    const page = {
      value: [
        {
          Id: 0,
          Measure: 'M004200_2',
          ValueAttribute: 'Confidential',
          Value: 5,
          StringValue: null,
          SoortMisdrijf: 'T001161',
          RegioS: 'GM1641',
          Perioden: '2019JJ00',
        },
        {
          Id: 1,
          Measure: 'M004200_2',
          ValueAttribute: 'None',
          Value: 0,
          StringValue: null,
          SoortMisdrijf: 'T001161',
          RegioS: 'GM1641',
          Perioden: '2020JJ00',
        },
      ],
    };
    const { cells } = await pull(client({ fetchImpl: fetchWithPage(page) }), 'datasets', '83648NED', { topics: ['M004200_2'] });
    expect(cells.map((cell) => cell.value)).toEqual([null, 0]);
  });
});

describe('retries and resuming', () => {
  const filter = `${eqAny('SoortMisdrijf', ['0.0.0 ', '1.1.1 '])} and ${MAASGOUW}`;
  const expectedRows = 2 * 25 * 144;

  it('retries HTTP 503 with growing, jittered back-off and then succeeds', async () => {
    fake.failNext(3, 'status-503');
    expect((await client().tableInfo('dataderden', '47022NED')).id).toBe('47022NED');
    expect(sleeps).toHaveLength(3);
    expect(sleeps[0]).toBeGreaterThanOrEqual(250);
    expect(sleeps[0]).toBeLessThanOrEqual(500);
    expect(sleeps[1]).toBeGreaterThanOrEqual(500);
    expect(sleeps[1]).toBeLessThanOrEqual(1000);
    expect(sleeps[2]).toBeGreaterThanOrEqual(1000);
    expect(sleeps[2]).toBeLessThanOrEqual(2000);
  });

  it.each([
    ['reset', 'a connection reset mid-body'],
    ['truncated-json', 'a body that breaks off mid-JSON'],
    ['status-500', 'HTTP 500'],
  ] as const)('survives %s (%s) during a pull without losing or doubling rows', async (how, _description) => {
    const cbs = client();
    const cells: Cell[] = [];
    let pages = 0;
    for await (const page of cbs.cells('dataderden', '47022NED', { topics: [MISDRIJVEN], filter })) {
      cells.push(...page);
      if (++pages === 2) fake.failNext(2, how);
    }
    expect(cells).toHaveLength(expectedRows);
    expect(new Set(cells.map(cellId)).size).toBe(expectedRows);
    expect(sleeps).toHaveLength(2);
  });

  it('waits at least Retry-After after HTTP 429', async () => {
    fake.failNext(1, 'status-429');
    await client().dataProperties('dataderden', '47024NED');
    expect(sleeps).toEqual([2000]);
  });

  it('gives up after the retries with resumeFrom, and a resumed pull yields exactly the remaining rows', async () => {
    const cbs = client({ retries: 2 });
    const first: Cell[] = [];
    let pages = 0;
    const error = await failure(
      (async () => {
        for await (const page of cbs.cells('dataderden', '47022NED', { topics: [MISDRIJVEN], filter })) {
          first.push(...page);
          if (++pages === 3) fake.failNext(3, 'status-503');
        }
      })(),
    );
    expect(first).toHaveLength(3000);
    expect(error.message).toMatch(/^pagina 4 van 47022NED \(dataderden\): mislukt na 3 pogingen, laatste fout: HTTP 503/);
    expect(error.resumeFrom).toContain('/dataderden/ODataFeed/odata/47022NED/TypedDataSet?');
    expect(error.resumeFrom).toContain('$skip=3000');
    expect(error.url).toBe(error.resumeFrom);
    expect(error.status).toBe(503);

    const rest = await pull(cbs, 'dataderden', '47022NED', { topics: [MISDRIJVEN], resumeFrom: error.resumeFrom! });
    expect(rest.progress[0]!.page).toBe(1);
    const all = [...first, ...rest.cells];
    expect(all).toHaveLength(expectedRows);
    expect(new Set(all.map(cellId)).size).toBe(expectedRows);
    const straight = await pull(client(), 'dataderden', '47022NED', { topics: [MISDRIJVEN], filter });
    expect(all.map(cellId)).toEqual(straight.cells.map(cellId));
  });

  it('keeps resumeFrom when a resumed pull fails on its metadata', async () => {
    const resumeFrom = `${fake.baseUrls.dataderden}/ODataFeed/odata/47022NED/TypedDataSet?$format=json&$skip=1000`;
    fake.failNext(2, 'status-503');
    const error = await failure(pull(client({ retries: 1 }), 'dataderden', '47022NED', { topics: [MISDRIJVEN], resumeFrom }));
    expect(error.message).toMatch(/^DataProperties van 47022NED \(dataderden\): mislukt na 2 pogingen/);
    expect(error.resumeFrom).toBe(resumeFrom);
  });

  it('refuses to resume from a page of another table or host', async () => {
    const other = `${fake.baseUrls.dataderden}/ODataFeed/odata/47024NED/TypedDataSet?$format=json&$skip=1000`;
    await expect(pull(client(), 'dataderden', '47022NED', { topics: [MISDRIJVEN], resumeFrom: other })).rejects.toThrow(
      `resumeFrom hoort niet bij een datapagina van 47022NED op ${new URL(fake.origin).host} (dataderden): ${other}`,
    );
  });

  it('times out a request that hangs and retries it', async () => {
    let calls = 0;
    const hanging: typeof fetch = (input, init) => {
      calls++;
      if (calls > 1) return fetch(input, init);
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    };
    const info = await client({ fetchImpl: hanging, timeoutMs: 500 }).tableInfo('dataderden', '47022NED');
    expect(info.id).toBe('47022NED');
    expect(sleeps).toHaveLength(1);
    const error = await failure(
      client({ fetchImpl: () => new Promise(() => {}), timeoutMs: 10, retries: 1 }).tableInfo('dataderden', '47022NED'),
    );
    expect(error.message).toMatch(
      /TableInfos van 47022NED \(dataderden\): mislukt na 2 pogingen, laatste fout: geen antwoord binnen 10 ms/,
    );
  });
});

describe('clear errors for wrong answers', () => {
  it('reports Atom/XML instead of JSON without retrying', async () => {
    fake.failNext(1, 'atom-xml');
    const error = await failure(client().tableInfo('dataderden', '47022NED'));
    expect(error.message).toMatch(
      /^TableInfos van 47022NED \(dataderden\): antwoord is Atom\/XML \(application\/atom\+xml.*in plaats van JSON/,
    );
    expect(sleeps).toEqual([]);
  });

  it('reports Atom/XML on a data page with the page to resume from', async () => {
    const cbs = client();
    const error = await failure(
      (async () => {
        for await (const _ of cbs.cells('dataderden', '47022NED', { topics: [MISDRIJVEN], filter: MAASGOUW })) fake.failNext(1, 'atom-xml');
      })(),
    );
    expect(error.message).toMatch(/^pagina 2 van 47022NED \(dataderden\): antwoord is Atom\/XML/);
    expect(error.resumeFrom).toContain('$skip=1000');
  });

  it('reports an injected 404 at once, without retrying', async () => {
    fake.failNext(1, 'status-404');
    const error = await failure(client().dataProperties('dataderden', '47022NED'));
    expect(error.message).toContain('niet gevonden (HTTP 404');
    expect(sleeps).toEqual([]);
  });

  it.each([
    [
      'a page without a value array',
      { 'odata.metadata': 'x', rows: [] },
      /^pagina 1 van 47022NED \(dataderden\): antwoord zonder 'value'-lijst \(velden: odata\.metadata, rows\)/,
    ],
    [
      'a row lacking a dimension',
      {
        value: [
          { SoortMisdrijf: '0.0.0 ', WijkenEnBuurten: 'GM1641    ', Perioden: '2019MM01', GeregistreerdeMisdrijven_1: 5 },
          { SoortMisdrijf: '0.0.0 ', Perioden: '2019MM02', GeregistreerdeMisdrijven_1: 5 },
        ],
      },
      /^pagina 1 van 47022NED \(dataderden\), rij 2: dimensie 'WijkenEnBuurten' ontbreekt/,
    ],
    [
      'a non-numeric value',
      { value: [{ SoortMisdrijf: '0.0.0 ', WijkenEnBuurten: 'GM1641    ', Perioden: '2019MM01', GeregistreerdeMisdrijven_1: '.' }] },
      /^pagina 1 van 47022NED \(dataderden\), rij 1: waarde van 'GeregistreerdeMisdrijven_1' is geen getal: "\."/,
    ],
    [
      'a row without the topic column',
      { value: [{ SoortMisdrijf: '0.0.0 ', WijkenEnBuurten: 'GM1641    ', Perioden: '2019MM01' }] },
      /rij 1: veld 'GeregistreerdeMisdrijven_1' ontbreekt/,
    ],
    ['a next link that is not a URL', { value: [], 'odata.nextLink': 42 }, /'odata\.nextLink' is geen URL/],
  ])('reports %s with page, row and URL', async (_, page, message) => {
    const error = await failure(pull(client({ fetchImpl: fetchWithPage(page) }), 'dataderden', '47022NED', { topics: [MISDRIJVEN] }));
    expect(error.message).toMatch(message);
    expect(error.message).toContain('/dataderden/ODataFeed/odata/47022NED/TypedDataSet?$format=json');
    expect(error.resumeFrom).toBe(error.url);
  });

  it('accepts numbers sent as strings (OData v3 Edm.Int64/Decimal)', async () => {
    const page = {
      value: [{ SoortMisdrijf: '0.0.0 ', WijkenEnBuurten: 'GM1641    ', Perioden: '2019MM01', GeregistreerdeMisdrijven_1: '61' }],
    };
    const { cells } = await pull(client({ fetchImpl: fetchWithPage(page) }), 'dataderden', '47022NED', { topics: [MISDRIJVEN] });
    expect(cells[0]!.value).toBe(61);
  });

  it('reports a v4 row with a Measure that was not asked for', async () => {
    const page = {
      value: [{ Id: 0, Measure: 'M999', ValueAttribute: 'None', Value: 1, SoortMisdrijf: 'T001161', RegioS: 'NL01', Perioden: '2019JJ00' }],
    };
    const error = await failure(pull(client({ fetchImpl: fetchWithPage(page) }), 'datasets', '83648NED', { topics: ['M004200_2'] }));
    expect(error.message).toMatch(/^pagina 1 van 83648NED \(datasets\), rij 1: onverwachte Measure 'M999'/);
  });
});
