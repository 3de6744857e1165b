import { describe, expect, it } from 'vitest';
import { PlanDocument } from '../src/features/plans/plan-document.schema.js';
import { validatePlanDocument } from '../src/features/plans/plan-document.validate.js';
import raw from './maasgouw-2019-2022.plan.json' with { type: 'json' };

const doc = PlanDocument.parse(raw);
const plan = doc.plan;

const theme = (key: string) => {
  const found = plan.themas.find((t) => t.sleutel === key);
  if (!found) throw new Error(`no theme ${key}`);
  return found;
};

const activity = (themeKey: string, workstream: string, name: string) => {
  const found = theme(themeKey)
    .onderdelen.find((o) => o.naam === workstream)
    ?.activiteiten.find((a) => a.naam === name);
  if (!found) throw new Error(`no activity ${themeKey} / ${workstream} / ${name}`);
  return found;
};

const ongoing = { doorlopend: true, vanafJaar: null, vanafKwartaal: null, totJaar: null };
const from = (year: number) => ({ doorlopend: false, vanafJaar: year, vanafKwartaal: null, totJaar: null });

describe('the example plan IVP Maasgouw 2019-2022', () => {
  it('parses as a plan document and passes the cross-reference validator', () => {
    const check = validatePlanDocument(raw);
    expect(check.ok ? [] : check.problems).toEqual([]);
  });

  it('describes the plan adopted by the council of Maasgouw on 29 January 2019', () => {
    expect(plan.titel).toBe('Integraal Veiligheidsplan 2019-2022');
    expect(plan.ondertitel).toBe('de basis verstevigd, burgers en ondernemers in positie');
    expect(plan.gemeenten).toEqual([{ code: 'GM1641', naam: 'Maasgouw' }]);
    expect(plan.periode).toEqual({ van: 2019, tot: 2022 });
    expect(plan.status).toBe('vastgesteld');
    expect(plan.vastgesteldOp).toBe('2019-01-29');
    expect(plan.kernbeleidEditie).toBe('2017');
  });

  it('has the three strategic goals and the six working principles in plan order', () => {
    expect(plan.doelstellingen.map((d) => [d.sleutel, d.titel])).toEqual([
      ['nog-veiliger', 'Een nog veiliger Maasgouw'],
      ['basis-verstevigd', 'De basis verstevigd'],
      ['burgers-ondernemers-in-positie', 'Burgers en ondernemers in positie'],
    ]);
    expect(plan.rodeDraden.map((r) => r.naam)).toEqual([
      'Coördinatie',
      'Informatie-gestuurd',
      'Integraal werken met het accent op preventie',
      'Consequente oriëntatie op rol maatschappelijke partners',
      'Verbinding zorg en veiligheid',
      'Innovatief',
    ]);
  });

  it('summarises each of the five safety fields once', () => {
    expect(plan.veldbeelden.map((v) => v.veld)).toEqual([1, 2, 3, 4, 5]);
    expect(plan.veldbeelden[0]?.samenvatting).toContain('7,3');
    expect(plan.veldbeelden[0]?.samenvatting).toContain('7,5');
  });

  it('lists the 13 themes in plan order with kind, number, paragraph and name', () => {
    expect(plan.themas.map((t) => [t.sleutel, t.soort, t.nummer, t.paragraaf, t.naam])).toEqual([
      ['prioriteit-1', 'prioriteit', 1, '5.1', 'Overlast, geweld op het snijvlak van Zorg & Veiligheid'],
      ['prioriteit-2', 'prioriteit', 2, '5.2', 'Georganiseerde, ondermijnende criminaliteit'],
      ['prioriteit-3', 'prioriteit', 3, '5.3', 'Woninginbraak en andere vermogenscriminaliteit'],
      ['strategisch-1', 'strategisch', 1, '6.1', 'Leefbaarheid en sociale veiligheid'],
      ['strategisch-2', 'strategisch', 2, '6.2', 'Jeugd en veiligheid'],
      ['strategisch-3', 'strategisch', 3, '6.3', 'Veilig winkelgebied en veilige bedrijventerreinen'],
      ['strategisch-4', 'strategisch', 4, '6.4', 'Veilig uitgaan, evenementen en recreatie'],
      ['strategisch-5', 'strategisch', 5, '6.5', 'Verkeersveiligheid'],
      ['strategisch-6', 'strategisch', 6, '6.6', 'Brandveiligheid, externe veiligheid en crisisbeheersing'],
      ['strategisch-7', 'strategisch', 7, '6.7', 'Polarisatie en radicalisering'],
      ['strategisch-8', 'strategisch', 8, '6.8', 'Informatieveiligheid'],
      ['strategisch-9', 'strategisch', 9, '6.9', 'Veilige Publieke Taak'],
      ['strategisch-10', 'strategisch', 10, '6.10', 'Ambtelijke en bestuurlijke integriteit'],
    ]);
  });

  it.each([
    ['prioriteit-1', ['1.1', '1.3']],
    ['prioriteit-2', ['5.2']],
    ['prioriteit-3', ['1.3']],
    ['strategisch-1', ['1.2', '1.4']],
    ['strategisch-2', ['3.1', '3.2', '3.3', '3.4']],
    ['strategisch-6', ['4.2', '4.3', '4.4']],
    ['strategisch-10', ['5.5']],
  ])('maps theme %s onto Kernbeleid Veiligheid themes %j', (key, codes) => {
    expect(theme(key).kernbeleidThemas).toEqual(codes);
  });

  it('notes what changed against the 2015-2018 policy only for the new priority and the former youth priority', () => {
    expect(plan.themas.filter((t) => t.wasWordt !== null).map((t) => t.sleutel)).toEqual(['prioriteit-1', 'strategisch-2']);
    expect(theme('prioriteit-1').wasWordt).toContain('Huiselijk geweld');
    expect(theme('prioriteit-1').wasWordt).toContain('(Zware) overlast/woonoverlast');
  });

  describe('indicators', () => {
    type Row = [scope: string, key: string, bron: string, eenheid: string, reeks: string | null, nul: number, cmp: string, streef: number];
    const rows: Row[] = [
      ['plan', 'misdrijven-per-1000-inwoners', 'Politie/Wsjg.nl', 'per-1000-inwoners', '0.0.0', 30.5, 'hoogstens', 28],
      ['plan', 'rapportcijfer-veiligheid-buurt', 'Veiligheidsmonitor', 'rapportcijfer', null, 7.5, 'tenminste', 7.5],
      ['prioriteit-1', 'overlast-buurtbewoners', 'Veiligheidsmonitor', 'percentage', null, 3.5, 'hoogstens', 3],
      ['prioriteit-1', 'overlast-verward-gedrag', 'politie', 'aantal', 'E33', 70, 'hoogstens', 50],
      ['prioriteit-3', 'woninginbraken', 'politie', 'aantal', '1.1.1', 65, 'hoogstens', 50],
      ['prioriteit-3', 'diefstal-motorvoertuigen', 'politie', 'aantal', '1.2.1+1.2.2', 86, 'hoogstens', 70],
      ['prioriteit-3', 'diefstal-brom-snor-fiets', 'politie', 'aantal', '1.2.3', 27, 'hoogstens', 25],
      ['strategisch-2', 'overlast-jeugd', 'politie', 'aantal', 'E35', 50, 'hoogstens', 50],
      ['strategisch-2', 'overlast-rondhangende-jongeren', 'Veiligheidsmonitor', 'percentage', null, 10.5, 'hoogstens', 10],
      ['strategisch-3', 'bedrijfscriminaliteit', 'politie', 'aantal', null, 26, 'hoogstens', 26],
    ];
    const all = [
      ...plan.indicatoren.map((i) => ({ scope: 'plan', i })),
      ...plan.themas.flatMap((t) => t.indicatoren.map((i) => ({ scope: t.sleutel, i }))),
    ];

    it('holds exactly the ten indicators of the seed tables, in plan order', () => {
      expect(all.map(({ scope, i }) => [scope, i.sleutel])).toEqual(rows.map(([scope, key]) => [scope, key]));
    });

    it.each(rows)(
      '%s indicator %s has source %s, unit %s, series %s, baseline %d in 2017 and target %s %d in 2022',
      (scope, key, bron, eenheid, reeks, nul, cmp, streef) => {
        const found = all.find((x) => x.scope === scope && x.i.sleutel === key)?.i;
        expect(found).toMatchObject({
          bron,
          eenheid,
          reeks,
          nulmeting: { waarde: nul, jaar: 2017 },
          streefwaarde: { vergelijking: cmp, waarde: streef, jaar: 2022 },
        });
      },
    );

    it('ties the two plan-wide indicators to the goal of a safer Maasgouw and theme indicators to no goal', () => {
      expect(plan.indicatoren.map((i) => i.strategischeDoelstelling)).toEqual(['nog-veiliger', 'nog-veiliger']);
      expect(plan.themas.flatMap((t) => t.indicatoren.map((i) => i.strategischeDoelstelling)).every((g) => g === null)).toBe(true);
    });

    it('judges organised crime qualitatively through the RIEC instead of with indicators', () => {
      expect(theme('prioriteit-2').indicatoren).toEqual([]);
      expect(theme('prioriteit-2').kwalitatieveBeoordeling).toMatch(/RIEC/);
    });

    it('gives every theme without indicators a qualitative assessment and themes with indicators none', () => {
      for (const t of plan.themas) {
        if (t.indicatoren.length === 0) expect(t.kwalitatieveBeoordeling, t.sleutel).toMatch(/kwalitatief/);
        else expect(t.kwalitatieveBeoordeling, t.sleutel).toBeNull();
      }
      expect(theme('strategisch-6').kwalitatieveBeoordeling).toMatch(/regionale kaders/);
    });
  });

  describe('implementation plan (Bijlage 2)', () => {
    // Counted by hand from Bijlage 2: every "o" bullet is one activity.
    const counts: [string, number[], number][] = [
      ['prioriteit-1', [3, 2, 2, 4], 11],
      ['prioriteit-2', [6, 1, 1, 2], 10],
      ['prioriteit-3', [2, 3, 2, 1], 8],
      ['strategisch-1', [1, 1], 2],
      ['strategisch-2', [2, 2, 1, 1, 2], 8],
      ['strategisch-3', [3, 2], 5],
      ['strategisch-4', [2, 2, 2], 6],
      ['strategisch-5', [1, 3, 2], 6],
      ['strategisch-6', [9, 4, 4], 17],
      ['strategisch-7', [2, 1, 1], 4],
      ['strategisch-8', [2, 2], 4],
      ['strategisch-9', [3, 1, 1], 5],
      ['strategisch-10', [5, 2], 7],
    ];

    it.each(counts)('theme %s has workstreams with %j activities, %d in all', (key, perWorkstream, total) => {
      const t = theme(key);
      expect(t.onderdelen.map((o) => o.activiteiten.length)).toEqual(perWorkstream);
      expect(perWorkstream.reduce((a, b) => a + b, 0)).toBe(total);
    });

    it('has 40 workstreams and 93 activities in total', () => {
      expect(plan.themas.flatMap((t) => t.onderdelen)).toHaveLength(40);
      expect(plan.themas.flatMap((t) => t.onderdelen.flatMap((o) => o.activiteiten))).toHaveLength(93);
    });

    it('names the workstreams of the first priority in plan order', () => {
      expect(theme('prioriteit-1').onderdelen.map((o) => o.naam)).toEqual([
        'Casusaanpak',
        'Overige interventies',
        'Effectiviteit van de keten',
        'Thematische aanpak',
      ]);
    });

    it('records neighbourhood mediation with its lead, partners, schedule and about 20 cases a year', () => {
      expect(activity('prioriteit-1', 'Overige interventies', 'Buurtbemiddeling')).toMatchObject({
        trekkers: ['wethouder-zorg-welzijn'],
        partners: ['oov', 'zorg-sociaal-domein', 'mer', 'uitvoerder'],
        planning: ongoing,
        hoeveelheid: { waarde: 20, eenheid: 'casussen per jaar' },
        frequentie: null,
      });
    });

    it('records the integral person- and system-oriented approach with both leads and eight partners', () => {
      expect(activity('prioriteit-1', 'Casusaanpak', 'Integrale persoons- en systeemgerichte aanpak')).toMatchObject({
        trekkers: ['burgemeester', 'wethouder-zorg-welzijn'],
        partners: ['oov', 'zorg-sociaal-domein', 'mer', 'politie', 'openbaar-ministerie', 'zorgaanbieders', 'veiligheidshuis', 'cjg'],
        planning: ongoing,
        hoeveelheid: null,
      });
    });

    it('records the care and safety meeting as four-monthly from 2019 on', () => {
      expect(activity('prioriteit-1', 'Effectiviteit van de keten', 'Viermaandelijks zorg en veiligheidsoverleg')).toMatchObject({
        trekkers: ['burgemeester', 'wethouder-zorg-welzijn'],
        partners: ['oov', 'zorg-sociaal-domein', 'politie', 'mer', 'veiligheidshuis'],
        planning: from(2019),
        frequentie: 'viermaandelijks',
      });
    });

    it('records the information sessions on organised crime with the mayor and the alderman for economy', () => {
      expect(
        activity(
          'prioriteit-2',
          'Maatschappelijke weerbaarheid',
          'Voorlichting aan ondernemers en/of bewoners over ondermijnende criminaliteit',
        ),
      ).toMatchObject({
        trekkers: ['burgemeester', 'wethouder-ez'],
        partners: ['oov', 'ez', 'politie', 'openbaar-ministerie', 'andere-regionale-partners', 'ondernemersorganisaties'],
        planning: from(2019),
      });
    });

    it('keeps the schedule cell "2019 e.v." for the exploration of other neighbourhood watch forms, without a quarter', () => {
      expect(activity('prioriteit-3', 'Burgerparticipatie', 'Andere vormen van buurtpreventie/burgerparticipatie')).toMatchObject({
        trekkers: ['burgemeester'],
        partners: ['oov', 'ruimte', 'wijkbeheer', 'dorpencoordinatie'],
        planning: from(2019),
      });
    });

    it('records the inspection of public space once a year per village, ongoing and from 2019 on', () => {
      expect(activity('strategisch-1', 'Werken aan sociale veiligheid', 'Schouwen openbare ruimte')).toMatchObject({
        trekkers: ['wethouder-openbare-ruimte'],
        partners: ['oov', 'fysiek-domein', 'mer', 'kernenregie'],
        planning: { doorlopend: true, vanafJaar: 2019, vanafKwartaal: null, totJaar: null },
        frequentie: 'elke kern 1x per jaar',
      });
    });

    it('records the youth prevention meeting as six-weekly under the corrected workstream name Groepsaanpak', () => {
      expect(activity('strategisch-2', 'Groepsaanpak', 'Preventie-overleg jeugd')).toMatchObject({
        trekkers: ['burgemeester', 'wethouder-zorg-welzijn'],
        partners: ['zorg-sociaal-domein', 'oov', 'politie', 'menswel'],
        planning: ongoing,
        frequentie: 'zeswekelijks',
      });
    });

    it('plans the support survey for a safe-business label on industrial estates from 2020 on', () => {
      expect(activity('strategisch-3', 'veilige bedrijventerreinen', 'Verkenning draagvlak KVO-b')).toMatchObject({
        trekkers: ['burgemeester', 'wethouder-ez'],
        partners: ['oov', 'ez', 'ondernemers', 'politie', 'brandweer', 'mkb'],
        planning: from(2020),
      });
    });

    it('records supervision on and around the Maasplassen four times a year', () => {
      expect(activity('strategisch-4', 'Veilige recreatie', 'Toezicht op en rond de Maasplassen')).toMatchObject({
        trekkers: ['burgemeester'],
        partners: ['oov', 'mer', 'politie'],
        planning: ongoing,
        frequentie: '4x per jaar',
      });
    });

    it('groups fire-safety activities under the sub-headings of the cell', () => {
      const fire = theme('strategisch-6').onderdelen[0];
      expect(fire?.naam).toBe('brandveiligheid');
      expect(fire?.activiteiten.map((a) => a.cluster)).toEqual([
        ...Array(6).fill('Risicobeheersing'),
        ...Array(3).fill('Incidentbestrijding'),
      ]);
      expect(activity('strategisch-6', 'brandveiligheid', 'Werving vrijwilligers')).toMatchObject({
        trekkers: ['burgemeester'],
        partners: expect.arrayContaining(['veiligheidsregio', 'mer-omgevingsdienst', 'woningcorporaties']),
        planning: ongoing,
      });
    });

    it('lets a row with empty lead and partner cells inherit the merged cells of the row above', () => {
      expect(activity('strategisch-8', 'Tests, benchmarks', 'ENSIA (Eenduidige Normatiek Single Information Audit)')).toMatchObject({
        trekkers: ['burgemeester'],
        partners: ['kennis-toetspartners'],
        planning: ongoing,
      });
      expect(activity('strategisch-8', 'Kernbestanddelen aanpak', 'Investeren in houding en gedrag medewerkers')).toMatchObject({
        trekkers: ['burgemeester'],
        partners: ['ciso-fg-po', 'ict', 'alle-gemeentelijke-afdelingen', 'mer'],
        planning: from(2019),
      });
    });

    it('leaves partners empty where the seed names none, for the administrative integrity workstream', () => {
      const bestuurlijk = theme('strategisch-10').onderdelen.find((o) => o.naam === 'bestuurlijk');
      expect(bestuurlijk?.activiteiten.map((a) => [a.naam, a.trekkers, a.partners])).toEqual([
        ['Gedragscode onderhouden', ['burgemeester'], []],
        ['Integriteitsonderzoeken bij aanstelling bestuurders', ['burgemeester'], []],
      ]);
    });

    it('gives every activity a description and at least one lead', () => {
      for (const a of plan.themas.flatMap((t) => t.onderdelen.flatMap((o) => o.activiteiten))) {
        expect(a.omschrijving.length, a.naam).toBeGreaterThan(0);
        expect(a.trekkers.length, a.naam).toBeGreaterThan(0);
      }
    });
  });

  describe('organisation', () => {
    it('marks exactly police, public prosecution and the safety region as core partners', () => {
      expect(plan.partners.filter((p) => p.kernpartner).map((p) => [p.sleutel, p.naam])).toEqual([
        ['politie', 'Politie'],
        ['openbaar-ministerie', 'Openbaar Ministerie (arrondissement Limburg)'],
        ['veiligheidsregio', 'Veiligheidsregio Limburg-Noord'],
      ]);
    });

    it('places the parts of police, safety region and MER under their organisation', () => {
      const parent = (key: string) => plan.partners.find((p) => p.sleutel === key)?.onderdeelVan;
      expect(parent('basisteam-echt')).toBe('politie');
      expect(parent('eenheid-limburg')).toBe('politie');
      expect(parent('brandweer')).toBe('veiligheidsregio');
      expect(parent('mer-omgevingsdienst')).toBe('mer');
      expect(parent('mer-sociaal-domein')).toBe('mer');
      const mer = plan.partners.filter((p) => p.sleutel === 'mer' || p.onderdeelVan === 'mer');
      expect(mer.map((p) => p.soort)).toEqual(['samenwerkingsverband', 'samenwerkingsverband', 'samenwerkingsverband']);
    });

    it('knows the eight leads of Bijlage 2 with abbreviations written out', () => {
      expect(plan.trekkers.map((t) => [t.sleutel, t.naam])).toEqual([
        ['burgemeester', 'Burgemeester'],
        ['wethouder-zorg-welzijn', 'Wethouder Zorg & Welzijn'],
        ['wethouder-ez', 'Wethouder EZ'],
        ['wethouder-ruimtelijke-ontwikkeling-beheer-omgeving', 'Wethouder Ruimtelijke ontwikkeling en beheer, Omgeving'],
        ['wethouder-openbare-ruimte', 'Wethouder Openbare ruimte'],
        ['wethouder-ruimte-verkeer', 'Wethouder Ruimte/Verkeer'],
        ['wethouder-milieu-omgeving', 'Wethouder Milieu, Omgeving'],
        ['wethouder-zorg-welzijn-onderwijs', 'Wethouder Zorg & Welzijn, Onderwijs'],
      ]);
    });

    it('has the eight coordination meetings with their cadence', () => {
      expect(plan.overleggen.map((o) => [o.naam, o.frequentie])).toEqual([
        ['Overleg burgemeester en beleidsmedewerker OOV', 'wekelijks'],
        ['Bestuurlijke afstemming basisteam', 'maandelijks'],
        ['Bestuurlijke afstemming eenheid Limburg', 'eenmaal per kwartaal'],
        ['Driehoek', 'periodiek'],
        ['Zorg- en veiligheidsoverleg', 'viermaandelijks'],
        ['Afstemmingsoverleg casuïstiek bemoeizorg', 'tweemaandelijks'],
        ['Preventie-overleg jeugd', 'zeswekelijks'],
        ['Horeca-overleg', 'halfjaarlijks'],
      ]);
    });

    it('reports to the council yearly in the second quarter and in the annual accounts', () => {
      expect(plan.verantwoording.filter((v) => v.ontvanger === 'gemeenteraad').map((v) => [v.naam, v.moment])).toEqual([
        ['Voortgangsrapportage IVP', 'jaarlijks, tweede kwartaal'],
        ['Jaarverslag', 'jaarlijks, bij het jaarverslag van de begroting'],
      ]);
    });

    it('refers to local, regional and national frameworks, including the coalition agreement and the national safety agenda', () => {
      const levels = (level: string) => plan.kaders.filter((k) => k.niveau === level).map((k) => k.naam);
      expect(levels('lokaal')).toContain("Coalitieakkoord 'Samen op weg naar een duurzaam Maasgouw'");
      expect(levels('regionaal')).toContain('Beleidsplan politie-eenheid Limburg');
      expect(levels('regionaal')).toContain('Regionaal Beleidsplan Veiligheidsregio Limburg-Noord');
      expect(levels('landelijk')).toContain('Veiligheidsagenda 2019-2022');
    });
  });
});
