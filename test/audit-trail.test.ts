/** `koers audit verify` as an administrator runs it, on a data folder of its own. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { progressBar, progressLine } from '../src/cli/audit.js';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { AuditRepository } from '../src/features/audit/audit.repository.js';
import { runKoers } from './koers-command.js';

const folder = mkdtempSync(join(tmpdir(), 'koers-audit-'));
const dataDir = join(folder, 'data');
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOAD_EXAMPLE: 'false' };

const koers = (...args: string[]) => runKoers(env, ...args);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('koers audit verify', () => {
  it('reports an intact trail with its number of events, then names the first tampered event and exits with 1', async () => {
    const handle = await createDatabase({ engine: 'pglite', dataDir });
    try {
      await migrateToLatest(handle.db);
      const audit = new AuditRepository(handle.db);
      for (const name of ['een', 'twee', 'drie']) {
        await audit.record({
          actor: { id: null, label: 'systeem' },
          action: 'plan.imported',
          objectType: 'plan',
          objectId: name,
          municipalityId: null,
          before: null,
          after: { naam: name },
          ip: null,
        });
      }
    } finally {
      await handle.close();
    }

    const intact = await koers('audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toBe('Audittrail in orde: 3 gebeurtenissen\n');
    expect(intact.stderr).toBe('3/3 gebeurtenissen gecontroleerd\n');

    const tampered = await createDatabase({ engine: 'pglite', dataDir });
    try {
      await tampered.db.transaction().execute(async (trx) => {
        await sql`alter table audit_event disable trigger audit_event_no_update`.execute(trx);
        await sql`update audit_event set after = '{"naam":"vervalst"}' where sequence = 2`.execute(trx);
        await sql`alter table audit_event enable trigger audit_event_no_update`.execute(trx);
      });
    } finally {
      await tampered.close();
    }

    const broken = await koers('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('Audittrail beschadigd: gebeurtenis 2: de hash klopt niet met de inhoud (gewijzigd?)');
    // Two databases opened and two commands started: 10 s alone, 30 to over 60 s beside the rest of the suite on 2 cores.
  }, 180_000);
});

describe('progressBar', () => {
  it('fills in proportion to the events checked and shows the counts', () => {
    expect(progressBar(1200, 5000, 10)).toBe('[##........] 1200/5000');
    expect(progressBar(5000, 5000, 10)).toBe('[##########] 5000/5000');
    expect(progressBar(0, 0, 4)).toBe('[####] 0/0');
  });
});

describe('progressLine', () => {
  const fakeStream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
  };

  it('redraws the bar in place on a terminal and ends the line when done', () => {
    const { written, stream } = fakeStream(true);
    const progress = progressLine(stream);
    progress.update(1000, 2100);
    progress.update(2100, 2100);
    progress.finish();
    expect(written).toEqual([`\r${progressBar(1000, 2100)}`, `\r${progressBar(2100, 2100)}`, '\n']);
  });

  it('writes only one final line when the output is not a terminal', () => {
    const { written, stream } = fakeStream(false);
    const progress = progressLine(stream);
    progress.update(1000, 2100);
    progress.update(2100, 2100);
    progress.finish();
    expect(written).toEqual(['2100/2100 gebeurtenissen gecontroleerd\n']);
  });
});
