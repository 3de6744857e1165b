/**
 * The Maasgouw example with a life behind it, for the tests of the pages of
 * what changed: revision 1 (decided 1 June 2020, applied) changes
 * "Buurtbemiddeling", adds "Voorlichting over babbeltrucs" and ends the
 * indicator "overlast-buurtbewoners"; revision 2 (decided 1 March 2021) stays
 * open with one change to "Wet aanpak woonoverlast".
 */
import { SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { toContent } from '../src/features/plans/plan-document.mapper.js';
import { findElementDocument } from '../src/features/plans/plan-element-documents.js';
import type { createServices } from '../src/server.js';

type Services = ReturnType<typeof createServices>;

export const REVISED = {
  firstReason: 'Meer buurtbemiddeling na de evaluatie van 2019',
  secondReason: 'Bijstelling na de raadsvergadering',
  added: 'Voorlichting over babbeltrucs',
  endedIndicator: 'overlast-buurtbewoners',
} as const;

/** Imports the example (published when asked) and gives it the two revisions above; returns the plan's id. */
export async function revisedExample(services: Services, options: { published?: boolean } = {}): Promise<string> {
  const planId = (await services.plans.importPlan(SYSTEM, await readExampleDocument())).id;
  if (options.published) await services.plans.setPublished(SYSTEM, planId, true);
  const version = async () => (await services.plans.getWorkingCopy(SYSTEM, planId)).version;
  const exact = async () => ({ expected: await version(), match: 'exact' as const });
  await services.planLifecycle.openRevision(
    SYSTEM,
    planId,
    { reason: REVISED.firstReason, decidedOn: '2020-06-01', decidedBy: 'executive' },
    await version(),
  );
  const working = toContent(await services.plans.getWorkingCopy(SYSTEM, planId));
  const buurtbemiddeling = findElementDocument(working, 'activity', 'buurtbemiddeling')!;
  await services.planEditing.updateElement(
    SYSTEM,
    planId,
    'activity',
    'buurtbemiddeling',
    { ...buurtbemiddeling, hoeveelheid: { waarde: 30, eenheid: 'zaken per jaar' } },
    await exact(),
  );
  await services.planEditing.addElement(
    SYSTEM,
    planId,
    'activity',
    {
      naam: REVISED.added,
      omschrijving: 'Bijeenkomsten voor ouderen in de kernen.',
      cluster: null,
      hoeveelheid: null,
      frequentie: null,
      trekkers: ['burgemeester'],
      partners: [],
      planning: { doorlopend: false, vanafJaar: 2020, vanafKwartaal: 3, totJaar: 2021 },
      onderdeel: 'overige-interventies',
    },
    await exact(),
  );
  await services.planEditing.removeElement(SYSTEM, planId, 'indicator', REVISED.endedIndicator, await exact());
  await services.planLifecycle.applyRevision(SYSTEM, planId, await version());
  await services.planLifecycle.openRevision(
    SYSTEM,
    planId,
    { reason: REVISED.secondReason, decidedOn: '2021-03-01', decidedBy: 'council' },
    await version(),
  );
  const wet = findElementDocument(toContent(await services.plans.getWorkingCopy(SYSTEM, planId)), 'activity', 'wet-aanpak-woonoverlast')!;
  await services.planEditing.updateElement(
    SYSTEM,
    planId,
    'activity',
    'wet-aanpak-woonoverlast',
    { ...wet, frequentie: 'elk kwartaal' },
    await exact(),
  );
  return planId;
}
