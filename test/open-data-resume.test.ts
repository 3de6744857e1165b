/**
 * A pull that breaks off after the client's retries resumes from the failed
 * page and keeps every page staged before it, on both engines: on a
 * PostgreSQL server the staging COPY is committed up to the failure, not
 * aborted (rows lost there would be missing, or on a re-import recorded as
 * removed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { OpenDataRepository } from '../src/features/monitoring/open-data.repository.js';
import { importTable, type TablePull } from '../src/features/monitoring/open-data-import.js';
import { CbsClient } from '../src/opendata/cbs-client.js';
import { type FakeCbs, startFakeCbs } from './fake-cbs/fake-cbs-server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

/** Maasgouw (GM1641, 8 wijken, 16 buurten) in 47022NED: 59 crime types, 144 months. */
const MAASGOUW_ROWS = 25 * 59 * 144;
const PULL: TablePull = {
  service: 'dataderden',
  table: '47022NED',
  topics: ['GeregistreerdeMisdrijven'],
  municipalities: ['GM1641'],
  codes: null,
};

describe.each(ENGINES)('a resumed open-data pull on %s', (engine) => {
  let fake: FakeCbs;
  let handle: DatabaseHandle;
  let repository: OpenDataRepository;
  let client: CbsClient;

  beforeAll(async () => {
    fake = await startFakeCbs({ pageSize: 10_000 });
    handle = await createTestDatabase(engine);
    repository = new OpenDataRepository(handle);
    client = new CbsClient({ baseUrls: fake.baseUrls, sleep: async () => {}, retries: 1 });
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
    await fake?.close();
  });

  /** Imports Maasgouw; page 6 fails twice (the first try and the one retry), so the pull resumes there. */
  const importBreakingOff = () => {
    let pages = 0;
    return importTable(client, repository, PULL, 'test', (event) => {
      if (event.page !== pages) {
        pages = event.page;
        if (pages === 5) fake.failNext(2, 'status-503');
      }
    });
  };

  const dataRequests = () => fake.requests.filter((request) => request.includes('/TypedDataSet')).length;

  it('keeps the pages before the failure on a first import', async () => {
    const before = dataRequests();
    const result = await importBreakingOff();
    expect(dataRequests() - before).toBe(Math.ceil(MAASGOUW_ROWS / 10_000) + 2);
    expect(result).toMatchObject({ rowsReceived: MAASGOUW_ROWS, rowsNew: MAASGOUW_ROWS, rowsChanged: 0, rowsRemoved: 0 });
    expect(await repository.countObservations(result.tableId)).toBe(MAASGOUW_ROWS);
  }, 60_000);

  it('records no cells as removed when a re-import resumes', async () => {
    fake.reissue('47022NED', {
      modified: '2024-03-31T02:00:00',
      changes: [{ dims: { SoortMisdrijf: '0.0.0', WijkenEnBuurten: 'GM1641', Perioden: '2023MM09' }, value: 4242 }],
    });
    const result = await importBreakingOff();
    expect(result).toMatchObject({ rowsReceived: MAASGOUW_ROWS, rowsNew: 0, rowsChanged: 1, rowsRemoved: 0 });
    expect(await repository.countObservations(result.tableId)).toBe(MAASGOUW_ROWS);
  }, 60_000);

  it('names the real page when a resumed pull breaks off again', async () => {
    fake.reissue('47022NED', { modified: '2024-04-30T02:00:00' });
    let pages = 0;
    const attempt = importTable(client, repository, PULL, 'test', (event) => {
      if (event.page === pages) return;
      pages = event.page;
      // Page 6 fails once (its try and its retry): the pull resumes there. Then page 8 fails on every resume.
      if (pages === 5) fake.failNext(2, 'status-503', 'data');
      if (pages === 7) fake.failNext(6, 'status-503', 'data');
    });
    await expect(attempt).rejects.toThrow(/^pagina 8 van 47022NED \(dataderden\): mislukt na 2 pogingen/);
    const table = await repository.findTable('dataderden', '47022NED');
    const failed = await repository.lastImport(table!.id, { kind: 'municipalities', codes: ['GM1641'], categories: null }, 'failed');
    expect(failed?.error).toMatch(/^pagina 8 van 47022NED \(dataderden\)/);
  }, 60_000);
});
