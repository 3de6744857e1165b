/**
 * Was/wordt of a plan and the plan it was copied from: a theme that becomes
 * a priority, one that is dropped and a new one are said per catalogue theme
 * with the note the coordinator wrote; a plan without a predecessor shows
 * what it says itself about the plan before it. The same table is a section
 * of the plan's documents: the progress report and the safety analysis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { analysisOutline } from '../src/features/analysis/analysis-outline.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { toContent } from '../src/features/plans/plan-document.mapper.js';
import { findElementDocument } from '../src/features/plans/plan-element-documents.js';
import { reportOutline } from '../src/features/reports/render/report-outline.js';
import { defaultTexts } from '../src/features/reports/report-texts.js';
import { createServices } from '../src/server.js';
import { messagesFor } from '../src/web/messages.js';
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

describe("was/wordt in the plan's documents", () => {
  const tableOf = (blocks: ReturnType<typeof reportOutline>['blocks'], caption: string) =>
    blocks.find((block) => block.kind === 'table' && block.caption === caption);

  it('is a section of the progress report of a plan with a predecessor, kept in its model', async () => {
    const model = await services.reports.model(SYSTEM, nextId, 2023);
    expect(model.wasWordt?.predecessor).toEqual({ title: 'Integraal Veiligheidsplan 2019-2022', periodStart: 2019, periodEnd: 2022 });
    expect(model.wasWordt?.lines).toHaveLength(22);
    expect(model.wasWordt?.lines.find((line) => line.code === '3.1')).toEqual({
      code: '3.1',
      name: 'Jeugdoverlast',
      outsideCatalogue: false,
      was: 'strategic',
      wordt: 'priority',
      change: 'became_priority',
      notes: ['Weer een prioriteit: de overlast van jongeren nam toe.'],
    });
    const { blocks } = reportOutline({ model, texts: defaultTexts(model), version: null });
    const headingAt = blocks.findIndex((block) => block.kind === 'heading' && block.id === 'was-wordt');
    expect(blocks[headingAt]).toMatchObject({ level: 2, text: 'Was/wordt' });
    expect(blocks[headingAt + 1]).toEqual({
      kind: 'paragraph',
      text: 'Per thema van Kernbeleid Veiligheid wat het was in Integraal Veiligheidsplan 2019-2022 en wat het wordt in Integraal Veiligheidsplan 2023-2026.',
    });
    const table = tableOf(blocks, 'Was/wordt per thema van Kernbeleid Veiligheid');
    expect(table?.kind === 'table' && table.columns.map((column) => column.label)).toEqual([
      'Thema',
      'Was',
      'Wordt',
      'Wat verandert',
      'Toelichting',
    ]);
    expect(table?.kind === 'table' && table.rows).toEqual(
      expect.arrayContaining([
        [
          '3.1 Jeugdoverlast',
          'strategisch thema',
          'prioriteit',
          'wordt prioriteit',
          'Weer een prioriteit: de overlast van jongeren nam toe.',
        ],
        ['4.1 Verkeersveiligheid', 'strategisch thema', 'niet in het plan', 'vervalt', 'Geen toelichting.'],
      ]),
    );
  });

  it('is a section of the safety analysis of a plan with a predecessor, and one sentence without one', async () => {
    const m = messagesFor('nl');
    const next = await services.analysis.analysis(SYSTEM, nextId, { from: 2016, to: 2022 });
    expect(next.wasWordt.predecessor?.id).toBe(planId);
    const blocks = analysisOutline(m, next).blocks;
    expect(blocks.some((block) => block.kind === 'heading' && block.id === 'was-wordt')).toBe(true);
    const table = tableOf(blocks, 'Was/wordt per thema van Kernbeleid Veiligheid');
    expect(table?.kind === 'table' && table.rows.find((row) => row[0] === '3.1 Jeugdoverlast')?.[3]).toBe('wordt prioriteit');

    const first = await services.analysis.analysis(SYSTEM, planId, { from: 2016, to: 2022 });
    expect(first.wasWordt).toMatchObject({ predecessor: null, rows: [] });
    const without = analysisOutline(m, first).blocks;
    const at = without.findIndex((block) => block.kind === 'heading' && block.id === 'was-wordt');
    expect(without[at + 1]).toEqual({ kind: 'paragraph', text: 'Dit plan heeft in Koers geen vorig plan, dus er is geen was/wordt.' });
    expect(tableOf(without, 'Was/wordt per thema van Kernbeleid Veiligheid')).toBeUndefined();
  });
});
