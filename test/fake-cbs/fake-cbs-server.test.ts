/**
 * The fake CBS server itself: real shapes, the filter subset, stable paging,
 * plausible synthetic values that add up to the real national figures, re-issues
 * and bulk mode. Requests go to the local server only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CbsClient, type Cell, eqAny, regionsOfMunicipality } from '../../src/opendata/cbs-client.js';
import { type FakeCbs, startFakeCbs } from './fake-cbs-server.js';

let fake: FakeCbs;
let cbs: CbsClient;

beforeAll(async () => {
  fake = await startFakeCbs();
  cbs = new CbsClient({ baseUrls: fake.baseUrls });
});
afterAll(() => fake.close());

const feed = (table: string, query: string) => `/dataderden/ODataFeed/odata/${table}/TypedDataSet?${query}`;

async function get(path: string): Promise<{ status: number; type: string; body: any; text: string }> {
  const response = await fetch(`${fake.origin}${path}`);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, type: response.headers.get('content-type') ?? '', body, text };
}

async function cells(service: 'dataderden' | 'opendata', table: string, topic: string, filter: string): Promise<Cell[]> {
  const all: Cell[] = [];
  for await (const page of cbs.cells(service, table, { topics: [topic], filter })) all.push(...page);
  return all;
}

function sumBy(list: Cell[], key: (cell: Cell) => string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const cell of list) sums[key(cell)] = (sums[key(cell)] ?? 0) + (cell.value ?? 0);
  return sums;
}

describe('shapes', () => {
  it('answers Atom XML without $format=json, with a next link when there are more rows', async () => {
    const metadata = await get('/dataderden/ODataApi/odata/47022NED/TableInfos');
    expect(metadata.type).toMatch(/^application\/atom\+xml/);
    expect(metadata.text).toContain('<d:Identifier>47022NED</d:Identifier>');
    const data = await get(feed('47022NED', `$top=2&$filter=${encodeURIComponent("WijkenEnBuurten eq 'GM1641    '")}`));
    expect(data.text).toContain('<d:WijkenEnBuurten>GM1641    </d:WijkenEnBuurten>');
    expect(data.text.match(/<entry>/g)).toHaveLength(2);
    expect(data.text).not.toContain('rel="next"');
    const paged = await startFakeCbs({ pageSize: 3 });
    const page = await fetch(`${paged.origin}${feed('47022NED', '')}`).then((response) => response.text());
    expect(page).toContain('rel="next"');
    await paged.close();
  });

  it('serves TypedDataSet rows with ID, padded keys and all columns, the next link after the values', async () => {
    const page = await get(feed('47022NED', '$format=json&$top=1'));
    expect(Object.keys(page.body)).toEqual(['odata.metadata', 'value']);
    expect(page.body.value).toEqual([
      {
        ID: 0,
        SoortMisdrijf: '0.0.0 ',
        WijkenEnBuurten: 'NL00      ',
        Perioden: '2012MM01',
        GeregistreerdeMisdrijven_1: expect.any(Number),
        Gemeentenaam_2: 'Nederland',
        SoortRegio_3: 'Land',
      },
    ]);
    const more = await get(feed('47022NED', '$format=json&$select=ID,Perioden&$top=10001'));
    expect(more.body.value).toHaveLength(10_000);
    expect(Object.keys(more.body)).toEqual(['odata.metadata', 'value', 'odata.nextLink']);
    expect(more.body['odata.nextLink']).toBe(
      `${fake.baseUrls.dataderden}/ODataFeed/odata/47022NED/TypedDataSet?$format=json&$select=ID%2CPerioden&$skip=10000&$top=1`,
    );
    const last = await get(new URL(more.body['odata.nextLink']).pathname + new URL(more.body['odata.nextLink']).search);
    expect(last.body.value).toEqual([{ ID: 10_000, Perioden: '2017MM05' }]);
    expect(last.body['odata.nextLink']).toBeUndefined();
  });

  it('serves the v4 service document, codes and observations', async () => {
    const root = await get('/datasets/odata/v1/CBS/83648NED');
    expect(root.body.value.map((entity: { name: string }) => entity.name)).toContain('RegioSCodes');
    const regions = await get('/datasets/odata/v1/CBS/83648NED/RegioSCodes');
    expect(regions.body.value[0]).toMatchObject({ Identifier: 'NL01', Title: 'Nederland' });
    const observations = await get(
      `/datasets/odata/v1/CBS/83648NED/Observations?$filter=${encodeURIComponent("RegioS eq 'GM1641' and Perioden eq '2019JJ00'")}`,
    );
    expect(observations.body.value[0]).toEqual({
      Id: expect.any(Number),
      Measure: 'M004200_2',
      ValueAttribute: 'None',
      Value: expect.any(Number),
      StringValue: null,
      SoortMisdrijf: 'T001161',
      RegioS: 'GM1641',
      Perioden: '2019JJ00',
    });
  });

  it('answers OData errors for unknown tables, properties and options', async () => {
    expect((await get('/dataderden/ODataApi/odata/47022NED/Onbekend?$format=json')).status).toBe(404);
    expect((await get('/opendata/ODataApi/odata/47022NED/TableInfos?$format=json')).status).toBe(404);
    const property = await get(feed('47022NED', `$format=json&$filter=${encodeURIComponent("Regio eq 'x'")}`));
    expect(property.status).toBe(400);
    expect(property.body['odata.error'].message.value).toBe(
      "Could not find a property named 'Regio' on type 'Cbs.OData.WebAPI.TypedDataSet'.",
    );
    expect((await get(feed('47022NED', '$format=json&$orderby=Perioden'))).status).toBe(400);
    expect((await get(feed('47022NED', `$format=json&$filter=${encodeURIComponent("(Perioden eq '2019MM01'")}`))).status).toBe(400);
    expect((await get(`/datasets/odata/v1/CBS/99999NED/Observations`)).body.error.code).toBe('NotFound');
  });

  it('logs every request and fails only the next requests it was told to', async () => {
    const before = fake.requests.length;
    fake.failNext(2, 'status-500');
    expect((await get('/opendata/ODataApi/odata/83474NED/TableInfos?$format=json')).status).toBe(500);
    expect((await get('/opendata/ODataApi/odata/83474NED/TableInfos?$format=json')).status).toBe(500);
    expect((await get('/opendata/ODataApi/odata/83474NED/TableInfos?$format=json')).status).toBe(200);
    expect(fake.requests.slice(before)).toEqual(Array(3).fill('/opendata/ODataApi/odata/83474NED/TableInfos?$format=json'));
  });
});

describe('filters and paging', () => {
  const count = async (filter: string) => {
    const page = await get(feed('47022NED', `$format=json&$select=ID&$filter=${encodeURIComponent(filter)}`));
    expect(page.status, page.text).toBe(200);
    return page.body.value.length as number;
  };

  it('supports eq, ne, and, or, not, parentheses, substring, startswith, trim and comparisons', async () => {
    const month = "Perioden eq '2019MM01'";
    expect(await count(`${month} and ((SoortMisdrijf eq '0.0.0 ')) and ((substring(WijkenEnBuurten,2,4) eq '1641'))`)).toBe(25);
    expect(await count(`${month} and SoortMisdrijf eq '0.0.0 ' and startswith(WijkenEnBuurten,'GM')`)).toBe(343);
    const regions = await cbs.dimensionValues('dataderden', '47022NED', 'WijkenEnBuurten');
    expect(
      await count(
        `${month} and SoortMisdrijf eq '0.0.0 ' and startswith(WijkenEnBuurten,'GM') eq false and not startswith(WijkenEnBuurten,'BU')`,
      ),
    ).toBe(regions.filter((region) => region.key.startsWith('NL') || region.key.startsWith('WK')).length);
    expect(await count(`${month} and SoortMisdrijf eq '0.0.0 ' and trim(WijkenEnBuurten) eq 'GM1641'`)).toBe(1);
    expect(await count(`${month} and SoortMisdrijf eq '0.0.0 ' and WijkenEnBuurten eq 'GM1641'`)).toBe(0);
    expect(await count(`Perioden ge '2023MM10' and SoortMisdrijf ne '0.0.0 ' and WijkenEnBuurten eq 'GM1641    '`)).toBe(3 * 58);
    expect(await count(`'GM1641    ' eq WijkenEnBuurten and SoortMisdrijf eq '2.6.10' and substring(Perioden,0,4) eq '2019'`)).toBe(12);
  });

  it('pages a filter that spans dimensions the same at any page size', async () => {
    const filter = `${regionsOfMunicipality('WijkenEnBuurten', 'GM1641')} and ((SoortMisdrijf eq '1.1.1 ' and Perioden eq '2019MM01') or (SoortMisdrijf eq '0.0.0 ' and substring(Perioden,0,4) eq '2020'))`;
    const whole = await cells('dataderden', '47022NED', 'GeregistreerdeMisdrijven_1', filter);
    expect(whole).toHaveLength(25 + 25 * 12);
    const small = await startFakeCbs({ pageSize: 7 });
    const client = new CbsClient({ baseUrls: small.baseUrls });
    const paged: Cell[] = [];
    for await (const page of client.cells('dataderden', '47022NED', { topics: ['GeregistreerdeMisdrijven_1'], filter }))
      paged.push(...page);
    await small.close();
    expect(paged).toEqual(whole);
  });

  it('gives the same page twice (stable paging)', async () => {
    const path = feed('47013NED', `$format=json&$skip=123456&$top=50&$filter=${encodeURIComponent("startswith(RegioS,'GM')")}`);
    const [first, second] = [await get(path), await get(path)];
    expect(first.body.value).toHaveLength(50);
    expect(second.body).toEqual(first.body);
  });

  it('pages out the Maasgouw cube of 47022NED (212,400 rows) quickly', async () => {
    const started = performance.now();
    const all = await cells('dataderden', '47022NED', 'GeregistreerdeMisdrijven_1', regionsOfMunicipality('WijkenEnBuurten', 'GM1641'));
    const elapsed = performance.now() - started;
    expect(all).toHaveLength(212_400);
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('synthetic values', () => {
  it('adds the national NL00 months of 47022NED up to the real yearly figures', async () => {
    const types = ['0.0.0 ', '1.1.1 ', '1.2.3 ', '1.2.1 '];
    const list = await cells(
      'dataderden',
      '47022NED',
      'GeregistreerdeMisdrijven_1',
      `WijkenEnBuurten eq 'NL00      ' and ${eqAny('SoortMisdrijf', types)} and ${eqAny(
        'Perioden',
        [2015, 2016, 2017].flatMap((year) => Array.from({ length: 12 }, (_, m) => `${year}MM${String(m + 1).padStart(2, '0')}`)),
      )}`,
    );
    const sums = sumBy(list, (cell) => `${cell.dimensions.SoortMisdrijf!.trim()} ${cell.dimensions.Perioden!.slice(0, 4)}`);
    expect(sums).toEqual({
      '0.0.0 2015': 961_208,
      '0.0.0 2016': 914_207,
      '0.0.0 2017': 816_603,
      '1.1.1 2015': 64_676,
      '1.1.1 2016': 55_495,
      '1.1.1 2017': 49_209,
      '1.2.3 2015': 123_438,
      '1.2.3 2016': 110_864,
      '1.2.3 2017': 91_582,
      '1.2.1 2015': 82_098,
      '1.2.1 2016': 77_412,
      '1.2.1 2017': 63_759,
    });
    const yearly = await cells(
      'dataderden',
      '47018NED',
      'GeregistreerdeMisdrijven_1',
      "WijkenEnBuurten eq 'NL00      ' and SoortMisdrijf eq '0.0.0 ' and Perioden eq '2015JJ00'",
    );
    expect(yearly[0]!.value).toBe(961_208);
    const nuisance = await cells(
      'dataderden',
      '47024NED',
      'GeregistreerdeOverlast_1',
      "WijkenEnBuurten eq 'NL00      ' and Overlast eq 'E35   ' and startswith(Perioden,'2019')",
    );
    expect(nuisance.reduce((sum, cell) => sum + cell.value!, 0)).toBe(76_546);
  });

  it('gives Maasgouw plausible monthly counts, the total being the sum of the types', async () => {
    const list = await cells('dataderden', '47022NED', 'GeregistreerdeMisdrijven_1', "WijkenEnBuurten eq 'GM1641    '");
    const series = (code: string) => list.filter((cell) => cell.dimensions.SoortMisdrijf === code).map((cell) => cell.value!);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(series('1.1.1 '))).toBeGreaterThan(3);
    expect(mean(series('1.1.1 '))).toBeLessThan(7);
    expect(mean(series('0.0.0 '))).toBeGreaterThan(55);
    expect(mean(series('0.0.0 '))).toBeLessThan(65);
    const byMonth = sumBy(
      list.filter((cell) => cell.dimensions.SoortMisdrijf !== '0.0.0 '),
      (cell) => cell.dimensions.Perioden!,
    );
    expect(series('0.0.0 ')).toEqual(Object.values(byMonth));
    const yearly = await cells(
      'dataderden',
      '47018NED',
      'GeregistreerdeMisdrijven_1',
      "WijkenEnBuurten eq 'GM1641    ' and SoortMisdrijf eq '0.0.0 ' and Perioden eq '2019JJ00'",
    );
    expect(yearly[0]!.value).toBe(
      Object.entries(byMonth).reduce((sum, [period, value]) => sum + (period.startsWith('2019') ? value : 0), 0),
    );
  });

  it('re-issues a table: new Modified and changed cells', async () => {
    const filter = "WijkenEnBuurten eq 'GM1641    ' and SoortMisdrijf eq '1.1.1 ' and Perioden eq '2018MM07'";
    const [before] = await cells('dataderden', '47022NED', 'GeregistreerdeMisdrijven_1', filter);
    fake.reissue('47022NED', {
      modified: '2024-06-30T02:00:00',
      changes: [{ dims: { SoortMisdrijf: '1.1.1', WijkenEnBuurten: 'GM1641', Perioden: '2018MM07' }, value: before!.value! + 10 }],
    });
    expect((await cbs.tableInfo('dataderden', '47022NED')).modified).toBe('2024-06-30T02:00:00');
    const [after] = await cells('dataderden', '47022NED', 'GeregistreerdeMisdrijven_1', filter);
    expect(after!.value).toBe(before!.value! + 10);
    fake.reissue('83648NED', {
      modified: '2024-07-01T00:00:00+02:00',
      changes: [{ dims: { SoortMisdrijf: 'T001161', RegioS: 'GM1641', Perioden: '2019JJ00', Measure: 'M004207_3' }, value: null }],
    });
    expect((await cbs.tableInfo('datasets', '83648NED')).modified).toBe('2024-07-01T00:00:00+02:00');
    const v4: Cell[] = [];
    for await (const page of cbs.cells('datasets', '83648NED', {
      topics: ['M004207_3'],
      filter: "SoortMisdrijf eq 'T001161' and RegioS eq 'GM1641' and Perioden eq '2019JJ00'",
    }))
      v4.push(...page);
    expect(v4.map((cell) => cell.value)).toEqual([null]);
    expect(() => fake.setCell('47022NED', { SoortMisdrijf: '9.9.9', WijkenEnBuurten: 'GM1641', Perioden: '2018MM07' }, 1)).toThrow(
      "code '9.9.9' bestaat niet",
    );
  });
});

describe('bulk mode', () => {
  it('serves a synthetic national table of exactly the asked number of rows', async () => {
    const bulk = await startFakeCbs({ bulk: { table: 'BULK47022', rows: 123_457 } });
    const client = new CbsClient({ baseUrls: bulk.baseUrls });
    let rows = 0;
    let pages = 0;
    const regions = new Set<string>();
    for await (const page of client.cells('dataderden', 'BULK47022', { topics: ['GeregistreerdeMisdrijven_1'] })) {
      pages++;
      rows += page.length;
      for (const cell of page) regions.add(cell.dimensions.WijkenEnBuurten!);
    }
    expect(rows).toBe(123_457);
    expect(pages).toBe(13);
    const keys = await client.dimensionValues('dataderden', 'BULK47022', 'WijkenEnBuurten');
    expect(keys).toHaveLength(Math.ceil(123_457 / (59 * 144)));
    expect(regions.size).toBe(keys.length);
    await bulk.close();
  });
});
