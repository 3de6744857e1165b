/**
 * Was/wordt of a plan and the plan it was copied from: a theme that becomes
 * a priority, one that is dropped and a new one are said per catalogue theme
 * with the note the coordinator wrote; a plan without a predecessor shows
 * what it says itself about the plan before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { toContent } from '../src/features/plans/plan-document.mapper.js';
import { findElementDocument } from '../src/features/plans/plan-element-documents.js';
import { createServices } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

let handle: DatabaseHandle;
let services: ReturnType<typeof createServices>;
let planId: string;
let nextId: string;

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle);
  planId = (await loadExampleIfEmpty(services.plans))!.id;
  nextId = await services.planLifecycle.startPlan(SYSTEM, {
    municipalityCode: 'GM1641',
    title: 'Integraal Veiligheidsplan 2023-2026',
    summary: 'Het vervolg.',
    periodStart: 2023,
    periodEnd: 2026,
    start: { kind: 'copy', planId },
  });
  const exact = async () => ({ expected: (await services.plans.getWorkingCopy(SYSTEM, nextId)).version, match: 'exact' as const });
  // Youth becomes a priority again, with a note; traffic safety is dropped.
  const youth = findElementDocument(toContent(await services.plans.getWorkingCopy(SYSTEM, nextId)), 'theme', 'strategisch-2')!;
  await services.planEditing.updateElement(
    SYSTEM,
    nextId,
    'theme',
    'strategisch-2',
    { ...youth, soort: 'prioriteit', nummer: 4, wasWordt: 'Weer een prioriteit: de overlast van jongeren nam toe.' },
    await exact(),
  );
  await services.planEditing.removeElement(SYSTEM, nextId, 'theme', 'strategisch-5', await exact());
}, 60_000);
afterAll(() => handle.close());

describe('was/wordt', () => {
  it('says per catalogue theme what it was and what it becomes, with the note', async () => {
    const view = await services.wasWordt.wasWordt(SYSTEM, nextId);
    expect(view.predecessor?.id).toBe(planId);
    const row = (code: string) => view.rows.find((entry) => entry.code === code);
    expect(row('3.1')).toMatchObject({
      was: 'strategic',
      wordt: 'priority',
      change: 'became_priority',
      notes: ['Weer een prioriteit: de overlast van jongeren nam toe.'],
    });
    expect(row('4.1')).toMatchObject({ was: 'strategic', wordt: null, change: 'dropped' });
    expect(row('5.2')).toMatchObject({ change: 'still_priority' });
    expect(view.rows).toHaveLength(22);
  });

  it('shows it as a page, and without a predecessor what the plan itself says', async () => {
    const app = createApp(services);
    // The next plan is a concept: read by a council member of the municipality.
    const userId = await services.auth.createUser({
      name: 'Raadslid',
      email: 'raad@maasgouw.example',
      password: null,
      isAdministrator: false,
    });
    await new AccountRepository(handle.db).grantRole(userId, 'GM1641', 'lezer');
    const session = (await services.auth.openSession(userId, '127.0.0.1')).sessionToken;
    const next = await (
      await app.request(`/plannen/${nextId}/was-wordt`, { headers: { Cookie: `__Host-koers-sessie=${session}` } })
    ).text();
    expect(next).toContain('wordt prioriteit');
    expect(next).toContain('4.1 Verkeersveiligheid');
    expect(next).toContain('vervalt');
    const first = await app.request(`/plannen/${planId}/was-wordt`);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('Dit plan heeft in Koers geen vorig plan.');
    expect(html).toContain('Was in het veiligheidsbeleid 2015-2018 een prioriteit');
  });
});
