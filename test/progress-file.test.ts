/**
 * Progress to and from a file on both engines: a partner downloads the sheet
 * of its own activities (CSV and Excel), fills it in and reads it back, by the
 * activities' stable keys; a bad file is refused whole with every row, column
 * and reason and writes nothing; through the page and the API.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ValidationError } from '../src/domain/errors.js';
import type { Plan } from '../src/domain/plan.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import type { Actor } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { ProgressService } from '../src/features/progress/progress.service.js';
import { ReportingRoundService } from '../src/features/progress/reporting-rounds.service.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe.each(ENGINES)('progress by file on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let progress: ProgressService;
  let rounds: ReportingRoundService;
  let plan: Plan;
  let police: Actor;
  let policeId: string;
  let coordinator: Actor;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    progress = new ProgressService(services.uow, services.plans, { today: () => '2020-01-15' });
    rounds = new ReportingRoundService(services.uow, services.plans, progress);
    plan = (await loadExampleIfEmpty(services.plans)) as Plan;
    const accounts = new AccountRepository(handle.db);
    policeId = await services.auth.createUser({
      name: 'Politie',
      email: 'politie@maasgouw.example',
      password: null,
      isAdministrator: false,
    });
    await accounts.grantRole(policeId, 'GM1641', 'partner', { partnerKey: 'politie', portfolioHolderKey: null });
    police = { ...((await accounts.loadActor(policeId)) as Actor), ip: '192.0.2.9' };
    const coordinatorId = await services.auth.createUser({
      name: 'OOV',
      email: 'oov@maasgouw.example',
      password: null,
      isAdministrator: false,
    });
    await accounts.grantRole(coordinatorId, 'GM1641', 'coordinator');
    coordinator = (await accounts.loadActor(coordinatorId)) as Actor;
    await rounds.openRound(coordinator, plan.id, '2019', '2020-01-31');
  }, 120_000);
  afterAll(() => handle?.close());

  const entries = () => handle.db.selectFrom('progressEntry').selectAll().where('supersededAt', 'is', null).orderBy('enteredAt').execute();

  it('gives a partner the sheet of its own activities, and reads it back filled in, by key', async () => {
    const { body, fileName } = await progress.exportFile(police, plan.id, '2019', 'csv', true);
    expect(fileName).toMatch(/^voortgang-2019-.*\.csv$/);
    const lines = (body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('activiteit;naam;thema;status;toelichting;peildatum;gerealiseerd;keren');
    const keys = lines.slice(1).map((line) => line.split(';')[0]);
    expect(keys).toContain('burgernet');
    expect(keys).not.toContain('buurtbemiddeling');
    // The partner fills in two rows and leaves the rest empty.
    const filled = lines.map((line) => {
      if (line.startsWith('burgernet;')) return line.replace(/;;;;;$/, ';doorlopend;"Loopt; in alle kernen";31-12-2019;;');
      if (line.startsWith('toezicht-op-en-rond-de-maasplassen;'))
        return line.replace(/;;;;;$/, ';afgerond;Vier keer gecontroleerd;2019-12-31;;4');
      return line;
    });
    const result = await progress.importFile(police, plan.id, '2019', {
      name: 'voortgang.csv',
      bytes: encode(`${filled.join('\r\n')}\r\n`),
    });
    expect(result).toEqual({ reported: 2, unchanged: 0 });
    // Both rows commit together: sorted by status.
    const stored = (await entries()).sort((a, b) => a.statusKey.localeCompare(b.statusKey));
    expect(stored.map((entry) => [entry.statusKey, entry.note, entry.asOf, entry.occurrences, entry.enteredVia, entry.enteredFor])).toEqual(
      [
        ['afgerond', 'Vier keer gecontroleerd', '2019-12-31', 4, 'file', 'politie'],
        ['doorlopend', 'Loopt; in alle kernen', '2019-12-31', null, 'file', 'politie'],
      ],
    );
    // The same file again changes nothing.
    expect(await progress.importFile(police, plan.id, '2019', { name: 'voortgang.csv', bytes: encode(filled.join('\r\n')) })).toEqual({
      reported: 0,
      unchanged: 2,
    });
  });

  it('reads an Excel workbook the same way, and the downloaded one back unchanged', async () => {
    const { body } = await progress.exportFile(police, plan.id, '2019', 'xlsx', true);
    expect(await progress.importFile(police, plan.id, '2019', { name: 'voortgang.xlsx', bytes: body as Uint8Array })).toEqual({
      reported: 0,
      unchanged: 2,
    });
    const sheet = [
      ['activiteit', 'status', 'toelichting'],
      ['burgernet', 'vertraagd', 'Twee kernen nog niet aangesloten'],
    ].map((row) => row.map((value) => ({ value, type: String })));
    const workbook = new Uint8Array(await writeXlsxFile([{ sheet: 'Voortgang', data: sheet }]).toBuffer());
    const read = await progress
      .importFile(police, plan.id, '2019', { name: 'ingevuld.xlsx', bytes: workbook })
      .catch((error: ValidationError) => error.problems);
    expect(read).toEqual({ reported: 1, unchanged: 0 });
    expect((await entries()).find((entry) => entry.note === 'Twee kernen nog niet aangesloten')?.statusKey).toBe('vertraagd');
  });

  it('refuses a bad file whole, with every row, column and reason, and writes nothing', async () => {
    const before = await handle.db.selectFrom('progressEntry').select('id').execute();
    const file = [
      'activiteit;status;toelichting;peildatum;gerealiseerd;keren',
      'burgernet;half-klaar;;;;',
      'bestaat-niet;loopt;;;;',
      'gerichte-controles-op-strategische-locaties;loopt;;morgen;;',
      'buurtbemiddeling;loopt;;;;',
      'burgemeester-bestaat;;;;;',
      'gerichte-controles-op-strategische-locaties;loopt;;;;',
      'toezicht-op-en-rond-de-maasplassen;loopt;;;;twee',
    ].join('\n');
    const error = await progress
      .importFile(police, plan.id, '2019', { name: 'fout.csv', bytes: encode(file) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems;
    expect(problems.map((problem) => problem.path)).toEqual([
      'rij 2, kolom status',
      'rij 3, kolom activiteit',
      'rij 4, kolom peildatum',
      'rij 7, kolom activiteit',
      'rij 8, kolom keren',
    ]);
    expect(problems[0]?.message).toContain("'half-klaar' is geen status van dit plan");
    expect(await handle.db.selectFrom('progressEntry').select('id').execute()).toEqual(before);
    // A row about an activity the police takes no part in refuses the file too.
    const foreign = await progress
      .importFile(police, plan.id, '2019', { name: 'ander.csv', bytes: encode('activiteit;status\nbuurtbemiddeling;loopt\n') })
      .catch((caught: unknown) => caught);
    expect((foreign as ValidationError).problems).toEqual([
      { path: 'rij 2, kolom activiteit', message: 'Rij 2: u mag de voortgang van buurtbemiddeling niet melden' },
    ]);
    for (const bytes of [new Uint8Array(), encode('naam;thema\nx;y\n'), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]) {
      await expect(progress.importFile(police, plan.id, '2019', { name: 'x.xlsx', bytes })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await handle.db.selectFrom('progressEntry').select('id').execute()).toEqual(before);
  });

  it('takes the file from the page and the API, and refuses one larger than 5 MB before reading it', async () => {
    const app = createApp(services);
    const cookie = `__Host-koers-sessie=${(await services.auth.openSession(policeId, '127.0.0.1')).sessionToken}`;
    const page = await (await app.request(`/plannen/${plan.id}/voortgang?periode=2019`, { headers: { Cookie: cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append(
      'bestand',
      new File(['activiteit;status;toelichting\nburgernet;loopt;Weer op schema\n'], 'voortgang.csv', { type: 'text/csv' }),
    );
    const posted = await app.request(`/plannen/${plan.id}/voortgang/2019/bestand`, {
      method: 'POST',
      headers: { Cookie: cookie },
      body: form,
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('Location')).toContain('gedaan=ingelezen');
    const download = await app.request(`/plannen/${plan.id}/voortgang/2019/bestand.xlsx?alleen=mijn`, { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toContain('spreadsheetml');
    const token = (await services.auth.createApiToken(policeId, 'test')).token;
    const api = new FormData();
    api.append('bestand', new File(['activiteit;status\nburgernet;doorlopend\n'], 'voortgang.csv'));
    const answer = await app.request(`/api/v1/plannen/${plan.id}/voortgang/2019/bestand`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: api,
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ gemeld: 1, ongewijzigd: 0 });
    const large = new FormData();
    large.append('bestand', new File([new Uint8Array(6 * 1024 * 1024)], 'groot.csv'));
    const tooLarge = await app.request(`/api/v1/plannen/${plan.id}/voortgang/2019/bestand`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: large,
    });
    expect(tooLarge.status).toBe(413);
  });
});
