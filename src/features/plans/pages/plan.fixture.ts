/**
 * A small plan in the shape of the Maasgouw IVP, for tests: two priorities and
 * one strategic theme, one priority judged qualitatively, a handful of
 * activities, partners with a parent, and two portfolio holders.
 */
import { keyFromName } from '../../../domain/keys.js';
import type { Plan, PlanSummary, Schedule, StoredActivity, StoredIndicator, StoredTheme } from '../../../domain/plan.js';

export const FIXTURE_PLAN_ID = '6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01';
export const THEME_IDS = {
  overlast: '0b5e6a0e-1c1d-4f6e-8c1a-000000000001',
  ondermijning: '0b5e6a0e-1c1d-4f6e-8c1a-000000000002',
  leefbaarheid: '0b5e6a0e-1c1d-4f6e-8c1a-000000000003',
} as const;

const ongoing: Schedule = { ongoing: true, startYear: null, startQuarter: null, endYear: null };
const from2019: Schedule = { ongoing: false, startYear: 2019, startQuarter: null, endYear: null };
const ongoingFrom2019: Schedule = { ...from2019, ongoing: true };

let nextId = 0;
/** Deterministic UUID-shaped ids so pages and assertions stay stable. */
function id(): string {
  nextId += 1;
  return `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`;
}

function indicator(
  themeKey: string | null,
  fields: Omit<StoredIndicator, 'id' | 'lineageId' | 'themeKey' | 'goalKey' | 'targetYear' | 'baselineYear' | 'binding' | 'ageBand'> &
    Partial<Pick<StoredIndicator, 'goalKey' | 'binding' | 'ageBand'>>,
): StoredIndicator {
  const indicatorId = id();
  return {
    id: indicatorId,
    lineageId: indicatorId,
    themeKey,
    goalKey: null,
    baselineYear: 2017,
    targetYear: 2022,
    binding: null,
    ageBand: null,
    ...fields,
  };
}

function activity(fields: Partial<StoredActivity> & Pick<StoredActivity, 'name' | 'leadKeys' | 'partnerKeys'>): StoredActivity {
  return {
    id: id(),
    key: keyFromName(fields.name),
    description: `Omschrijving van ${fields.name.toLowerCase()}.`,
    groupLabel: null,
    quantity: null,
    cadence: null,
    schedule: ongoing,
    ...fields,
  };
}

const overlast: StoredTheme = {
  id: THEME_IDS.overlast,
  key: 'prioriteit-1',
  kind: 'priority',
  number: 1,
  paragraph: '5.1',
  name: 'Overlast, geweld op het snijvlak van Zorg & Veiligheid',
  outsideCatalogueReason: null,
  catalogueThemeCodes: ['1.1', '1.3'],
  summary: 'Overlast door personen met verward gedrag vraagt om zorg en veiligheid samen.',
  approachLines: [
    { title: 'Casusaanpak', description: 'Per persoon en huishouden een integrale aanpak.' },
    { title: 'Ketensamenwerking', description: 'Zorg- en veiligheidspartners stemmen regelmatig af.' },
  ],
  goal: 'Minder overlast van personen met verward gedrag.',
  qualitativeAssessment: null,
  previousPlanNote: 'Was strategisch thema, wordt prioriteit.',
  indicators: [
    indicator('prioriteit-1', {
      key: 'overlast-buurtbewoners',
      name: 'Inwoners die veel overlast ervaren van buurtbewoners',
      source: 'Veiligheidsmonitor',
      unit: 'percentage',
      seriesCode: null,
      baselineValue: 3.5,
      targetComparison: 'at_most',
      targetValue: 3,
    }),
    indicator('prioriteit-1', {
      key: 'verward-gedrag',
      name: 'Incidenten overlast personen met verward gedrag',
      source: 'Politie',
      unit: 'count',
      seriesCode: 'E33',
      baselineValue: 70,
      targetComparison: 'at_most',
      targetValue: 50,
    }),
  ],
  workstreams: [
    {
      id: id(),
      key: 'casusaanpak',
      name: 'Casusaanpak',
      activities: [
        activity({
          name: 'Integrale persoons- en systeemgerichte aanpak',
          leadKeys: ['burgemeester', 'wethouder-zorg'],
          partnerKeys: ['oov', 'sociaal-domein', 'politie', 'veiligheidshuis'],
        }),
        activity({
          name: 'Crisisinterventie en opvang',
          leadKeys: ['burgemeester', 'wethouder-zorg'],
          partnerKeys: ['oov', 'politie'],
          schedule: from2019,
        }),
      ],
    },
    {
      id: id(),
      key: 'overige-interventies',
      name: 'Overige interventies',
      activities: [
        activity({
          name: 'Buurtbemiddeling',
          leadKeys: ['wethouder-zorg'],
          partnerKeys: ['oov', 'sociaal-domein', 'mer'],
          quantity: { value: 20, unit: 'casussen per jaar' },
        }),
      ],
    },
  ],
};

const ondermijning: StoredTheme = {
  id: THEME_IDS.ondermijning,
  key: 'prioriteit-2',
  kind: 'priority',
  number: 2,
  paragraph: '5.2',
  name: 'Georganiseerde, ondermijnende criminaliteit',
  outsideCatalogueReason: null,
  catalogueThemeCodes: ['5.2'],
  summary: 'Ondermijning is grotendeels onzichtbaar; de informatiepositie is de basis.',
  approachLines: [{ title: 'Bestuurlijke aanpak', description: 'Inzet van bestuurlijke instrumenten met het RIEC.' }],
  goal: 'Een sterkere informatiepositie en weerbaarheid tegen ondermijning.',
  qualitativeAssessment: 'Beoordeeld aan de hand van de ondermijningsbeelden van het RIEC.',
  previousPlanNote: null,
  indicators: [],
  workstreams: [
    {
      id: id(),
      key: 'basisinstrumentarium',
      name: 'Basisinstrumentarium',
      activities: [
        activity({
          name: 'Casusbespreking en -aanpak',
          leadKeys: ['burgemeester'],
          partnerKeys: ['oov', 'mer', 'riec', 'politie'],
        }),
        activity({
          name: 'Integrale handhaving met het Flexteam',
          groupLabel: 'Handhaving',
          leadKeys: ['burgemeester'],
          partnerKeys: ['oov', 'mer', 'basisteam'],
          schedule: from2019,
        }),
      ],
    },
  ],
};

const leefbaarheid: StoredTheme = {
  id: THEME_IDS.leefbaarheid,
  key: 'strategisch-1',
  kind: 'strategic',
  number: 1,
  paragraph: '6.1',
  name: 'Leefbaarheid en sociale veiligheid',
  outsideCatalogueReason: null,
  catalogueThemeCodes: ['1.2', '1.4'],
  summary: 'De openbare ruimte schoon, heel en veilig houden, samen met bewoners.',
  approachLines: [],
  goal: 'Het veiligheidsgevoel blijft minstens op het huidige niveau.',
  qualitativeAssessment: null,
  previousPlanNote: null,
  indicators: [
    indicator('strategisch-1', {
      key: 'meldingen-openbare-ruimte',
      name: 'Meldingen over de openbare ruimte',
      source: 'Politie',
      unit: 'count',
      seriesCode: null,
      baselineValue: 1250,
      targetComparison: 'at_most',
      targetValue: 1000,
    }),
  ],
  workstreams: [
    {
      id: id(),
      key: 'werken-aan-sociale-veiligheid',
      name: 'Werken aan sociale veiligheid',
      activities: [
        activity({
          name: 'Schouwen openbare ruimte',
          leadKeys: ['wethouder-ruimte'],
          partnerKeys: ['oov', 'mer'],
          cadence: 'elke kern 1x per jaar',
          schedule: ongoingFrom2019,
        }),
      ],
    },
  ],
};

export const fixturePlan: Plan = {
  id: FIXTURE_PLAN_ID,
  createdAt: '2024-01-01T00:00:00.000Z',
  published: true,
  title: 'Integraal Veiligheidsplan 2019-2022',
  subtitle: 'de basis verstevigd, burgers en ondernemers in positie',
  municipalities: [{ code: 'GM1641', name: 'Maasgouw' }],
  periodStart: 2019,
  periodEnd: 2022,
  version: 1,
  predecessorId: null,
  status: 'adopted',
  adoptedOn: '2019-01-29',
  adoptions: [{ municipalityCode: 'GM1641', adoptedOn: '2019-01-29', body: 'council' }],
  catalogueEdition: '2017',
  catalogueExclusions: [],
  summary: 'Het veiligheidsbeleid van de gemeente voor vier jaar.',
  budgetNote: 'Bestaande activiteiten worden betaald uit de programmabegroting.',
  goals: [
    { key: 'veiliger', title: 'Een nog veiliger gemeente', description: 'Minder criminaliteit en overlast.' },
    { key: 'basis', title: 'De basis verstevigd', description: 'Sterke samenwerking in de keten.' },
    { key: 'positie', title: 'Burgers en ondernemers in positie', description: 'Inwoners doen mee aan veiligheid.' },
  ],
  principles: [
    { key: 'coordinatie', name: 'Coördinatie', description: 'Eén regisseur houdt overzicht.' },
    { key: 'informatiegestuurd-werken', name: 'Informatiegestuurd werken', description: 'Keuzes op basis van cijfers en signalen.' },
  ],
  fieldContexts: [{ fieldNumber: 1, summary: 'Het rapportcijfer voor de buurt steeg van 7,3 naar 7,5.' }],
  portfolioHolders: [
    { id: id(), key: 'burgemeester', name: 'Burgemeester' },
    { id: id(), key: 'wethouder-zorg', name: 'Wethouder Zorg & Welzijn' },
    { id: id(), key: 'wethouder-ruimte', name: 'Wethouder Openbare ruimte' },
  ],
  partners: [
    { id: id(), key: 'oov', name: 'OOV', kind: 'department', isCore: false, parentKey: null, description: 'Openbare orde en veiligheid.' },
    { id: id(), key: 'sociaal-domein', name: 'Sociaal Domein', kind: 'department', isCore: false, parentKey: null, description: null },
    {
      id: id(),
      key: 'mer',
      name: 'Servicecentrum MER',
      kind: 'shared_service',
      isCore: true,
      parentKey: null,
      description: 'Gedeeld servicecentrum van drie gemeenten.',
    },
    { id: id(), key: 'politie', name: 'Politie', kind: 'external', isCore: true, parentKey: null, description: 'Politie-eenheid Limburg.' },
    {
      id: id(),
      key: 'basisteam',
      name: 'Basisteam Roerstreek en Midden-Limburg',
      kind: 'external',
      isCore: false,
      parentKey: 'politie',
      description: null,
    },
    {
      id: id(),
      key: 'riec',
      name: 'RIEC Limburg',
      kind: 'shared_service',
      isCore: false,
      parentKey: null,
      description: 'Regionaal Informatie- en Expertisecentrum.',
    },
    {
      id: id(),
      key: 'veiligheidshuis',
      name: 'Veiligheidshuis Midden-Limburg',
      kind: 'external',
      isCore: false,
      parentKey: null,
      description: null,
    },
    { id: id(), key: 'halt', name: 'Halt', kind: 'external', isCore: false, parentKey: null, description: null },
  ],
  indicators: [
    indicator(null, {
      key: 'misdrijven',
      name: 'Totaal misdrijven per 1.000 inwoners',
      source: 'Politie / waarstaatjegemeente.nl',
      unit: 'per_1000_inhabitants',
      seriesCode: null,
      goalKey: 'veiliger',
      baselineValue: 30.5,
      targetComparison: 'at_most',
      targetValue: 28,
    }),
    indicator(null, {
      key: 'rapportcijfer-buurt',
      name: 'Rapportcijfer veiligheid van de buurt',
      source: 'Veiligheidsmonitor',
      unit: 'grade',
      seriesCode: null,
      goalKey: 'veiliger',
      baselineValue: 7.5,
      targetComparison: 'at_least',
      targetValue: 7.5,
    }),
  ],
  themes: [overlast, ondermijning, leefbaarheid],
  meetings: [
    {
      key: 'driehoeksoverleg',
      name: 'Driehoeksoverleg',
      cadence: 'elk kwartaal',
      description: 'Burgemeester, politie en OM.',
      partnerKeys: ['politie'],
    },
    {
      key: 'zorg-en-veiligheidsoverleg',
      name: 'Zorg- en veiligheidsoverleg',
      cadence: 'elke vier maanden',
      description: 'Balans tussen zorg en veiligheid.',
      partnerKeys: ['oov', 'sociaal-domein', 'mer'],
    },
  ],
  accountability: [
    {
      key: 'voortgangsrapportage',
      name: 'Voortgangsrapportage',
      timing: 'jaarlijks, tweede kwartaal',
      audience: 'gemeenteraad',
      description: 'Voortgang op thema’s en indicatoren.',
    },
  ],
  frameworks: [
    {
      key: 'beleidsplan-politie-eenheid',
      name: 'Beleidsplan politie-eenheid',
      level: 'regional',
      description: 'Bepaalt mede de inzet van de politie.',
    },
  ],
};

export const fixtureSummary: PlanSummary = {
  id: fixturePlan.id,
  title: fixturePlan.title,
  municipalities: fixturePlan.municipalities,
  periodStart: fixturePlan.periodStart,
  periodEnd: fixturePlan.periodEnd,
  status: fixturePlan.status,
  adoptedOn: fixturePlan.adoptedOn,
  published: fixturePlan.published,
};
