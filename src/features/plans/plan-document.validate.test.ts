import { describe, expect, it } from 'vitest';
import type { PlanDocument } from './plan-document.schema.js';
import { validatePlanDocument } from './plan-document.validate.js';

/** The smallest valid plan: one theme judged qualitatively, one activity. */
function minimalDocument(): PlanDocument {
  return {
    formaat: 'koers-plan',
    versie: 1,
    plan: {
      titel: 'Veiligheidsplan 2024-2027',
      ondertitel: null,
      gemeenten: [{ code: 'GM0001', naam: 'Proefdorp' }],
      periode: { van: 2024, tot: 2027 },
      status: 'concept',
      vastgesteldOp: null,
      kernbeleidEditie: '2017',
      samenvatting: 'Een proefplan.',
      begroting: null,
      doelstellingen: [{ sleutel: 'veilig', titel: 'Veilig', omschrijving: 'Veiliger worden.' }],
      rodeDraden: [],
      veldbeelden: [],
      trekkers: [{ sleutel: 'burgemeester', naam: 'Burgemeester' }],
      partners: [
        { sleutel: 'politie', naam: 'Politie', soort: 'extern', kernpartner: true, onderdeelVan: null, omschrijving: null },
        { sleutel: 'basisteam', naam: 'Basisteam', soort: 'extern', kernpartner: false, onderdeelVan: 'politie', omschrijving: null },
      ],
      indicatoren: [
        {
          sleutel: 'misdrijven',
          naam: 'Misdrijven per 1.000 inwoners',
          bron: 'politie',
          eenheid: 'per-1000-inwoners',
          reeks: '0.0.0',
          strategischeDoelstelling: 'veilig',
          nulmeting: { waarde: 30.5, jaar: 2023 },
          streefwaarde: { vergelijking: 'hoogstens', waarde: 28, jaar: 2027 },
          koppeling: null,
        },
      ],
      themas: [
        {
          sleutel: 'prioriteit-1',
          soort: 'prioriteit',
          nummer: 1,
          paragraaf: '5.1',
          naam: 'Ondermijning',
          kernbeleidThemas: ['5.2'],
          samenvatting: 'Samen barrières opwerpen.',
          hoofdlijnen: [],
          doelstelling: 'Minder ruimte voor criminaliteit.',
          kwalitatieveBeoordeling: 'Aan de hand van het ondermijningsbeeld.',
          wasWordt: null,
          indicatoren: [],
          onderdelen: [
            {
              naam: 'Informatiepositie',
              activiteiten: [
                {
                  naam: 'Casusoverleg',
                  omschrijving: 'Gevallen samen bespreken.',
                  cluster: null,
                  hoeveelheid: null,
                  frequentie: 'maandelijks',
                  trekkers: ['burgemeester'],
                  partners: ['politie'],
                  planning: { doorlopend: true, vanafJaar: null, vanafKwartaal: null, totJaar: null },
                },
              ],
            },
          ],
        },
      ],
      overleggen: [{ naam: 'Driehoek', frequentie: 'per kwartaal', omschrijving: 'Burgemeester, OM en politie.', partners: ['politie'] }],
      verantwoording: [],
      kaders: [],
    },
  };
}

function problemsOf(document: unknown) {
  const check = validatePlanDocument(document);
  return check.ok ? [] : check.problems;
}

const theme = (document: PlanDocument) => document.plan.themas[0]!;
const activity = (document: PlanDocument) => theme(document).onderdelen[0]!.activiteiten[0]!;

describe('validating a plan document', () => {
  it('accepts a complete, consistent document', () => {
    expect(problemsOf(minimalDocument())).toEqual([]);
  });

  it('names the JSON path of a value of the wrong type, in Dutch', () => {
    const document = minimalDocument() as unknown as { plan: { periode: { van: unknown } } };
    document.plan.periode.van = 'twintig';
    expect(problemsOf(document)).toEqual([{ path: '$.plan.periode.van', message: 'moet een getal zijn, niet een tekst' }]);
  });

  it('refuses something that is not a plan document at all', () => {
    expect(problemsOf('hallo').length).toBeGreaterThan(0);
    expect(problemsOf({ formaat: 'iets-anders', versie: 1, plan: {} }).map((problem) => problem.path)).toContain('$.formaat');
  });

  it('refuses a reference to a partner or lead the plan does not list', () => {
    const document = minimalDocument();
    activity(document).partners.push('brandweer');
    activity(document).trekkers = ['wethouder'];
    expect(problemsOf(document)).toEqual([
      {
        path: '$.plan.themas[0].onderdelen[0].activiteiten[0].trekkers[0]',
        message: 'trekker "wethouder" staat niet in de lijst trekkers van het plan',
      },
      {
        path: '$.plan.themas[0].onderdelen[0].activiteiten[0].partners[1]',
        message: 'partner "brandweer" staat niet in de lijst partners van het plan',
      },
    ]);
  });

  it('refuses the same key twice, naming where it came first', () => {
    const document = minimalDocument();
    document.plan.partners[1]!.sleutel = 'politie';
    document.plan.partners[1]!.onderdeelVan = null;
    expect(problemsOf(document)).toEqual([
      { path: '$.plan.partners[1].sleutel', message: 'partner "politie" komt al voor bij $.plan.partners[0]' },
    ]);
  });

  it('refuses a partner that is part of itself through its parents', () => {
    const document = minimalDocument();
    document.plan.partners[0]!.onderdeelVan = 'basisteam';
    expect(problemsOf(document).map((problem) => problem.path)).toEqual([
      '$.plan.partners[0].onderdeelVan',
      '$.plan.partners[1].onderdeelVan',
    ]);
  });

  it('requires a theme without indicators to say how it is judged qualitatively', () => {
    const document = minimalDocument();
    theme(document).kwalitatieveBeoordeling = null;
    expect(problemsOf(document)).toEqual([
      {
        path: '$.plan.themas[0].kwalitatieveBeoordeling',
        message: 'een thema zonder indicatoren zegt hoe het kwalitatief beoordeeld wordt',
      },
    ]);
  });

  it('refuses a code that is not in the Kernbeleid Veiligheid catalogue', () => {
    const document = minimalDocument();
    theme(document).kernbeleidThemas = ['5.9'];
    expect(problemsOf(document)[0]).toMatchObject({ path: '$.plan.themas[0].kernbeleidThemas[0]' });
  });

  it('refuses a target year outside the plan period and before the baseline', () => {
    const document = minimalDocument();
    document.plan.indicatoren[0]!.streefwaarde.jaar = 2020;
    expect(problemsOf(document).map((problem) => problem.message)).toEqual([
      'het streefjaar 2020 ligt voor het jaar van de nulmeting 2023',
      'het streefjaar 2020 ligt buiten de planperiode 2024-2027',
    ]);
  });

  it('refuses a percentage above 100 and a grade above 10', () => {
    const document = minimalDocument();
    Object.assign(document.plan.indicatoren[0]!, { eenheid: 'percentage', nulmeting: { waarde: 130, jaar: 2023 } });
    expect(problemsOf(document)).toEqual([
      { path: '$.plan.indicatoren[0].nulmeting.waarde', message: '130 kan niet: een percentage ligt tussen 0 en 100' },
    ]);
    Object.assign(document.plan.indicatoren[0]!, {
      eenheid: 'rapportcijfer',
      nulmeting: { waarde: 7.5, jaar: 2023 },
      streefwaarde: { vergelijking: 'tenminste', waarde: 11, jaar: 2027 },
    });
    expect(problemsOf(document)).toEqual([
      { path: '$.plan.indicatoren[0].streefwaarde.waarde', message: '11 kan niet: een rapportcijfer ligt tussen 1 en 10' },
    ]);
  });

  it('accepts rates per 10.000 inhabitants and per 1.000 or 10.000 youths of an age band', () => {
    const document = minimalDocument();
    const indicator = document.plan.indicatoren[0]!;
    const binding = (scale: number) => ({
      teller: { dienst: 'opendata' as const, tabel: '47022NED', onderwerp: 'Misdrijven', dimensies: { SoortMisdrijf: ['0.0.0'] } },
      noemer: { dienst: 'opendata' as const, tabel: '03759ned', onderwerp: 'Bevolking', dimensies: { Leeftijd: ['10000'] } },
      schaal: scale,
    });
    document.plan.indicatoren.push(
      { ...indicator, sleutel: 'per-10000', eenheid: 'per-10000-inwoners', koppeling: binding(10000) },
      { ...indicator, sleutel: 'jongeren-1000', eenheid: 'per-1000-jongeren', leeftijden: { van: 12, totEnMet: 23 } },
      {
        ...indicator,
        sleutel: 'jongeren-10000',
        eenheid: 'per-10000-jongeren',
        leeftijden: { van: 12, totEnMet: 17 },
        koppeling: binding(10000),
      },
    );
    expect(problemsOf(document)).toEqual([]);
  });

  it('asks the ages of a rate per youths, and a scale and denominator that fit the unit', () => {
    const document = minimalDocument();
    const indicator = document.plan.indicatoren[0]!;
    const series = { dienst: 'opendata' as const, tabel: '03759ned', onderwerp: 'Bevolking', dimensies: { Leeftijd: ['10000'] } };
    document.plan.indicatoren.push(
      { ...indicator, sleutel: 'zonder-leeftijden', eenheid: 'per-10000-jongeren' },
      { ...indicator, sleutel: 'leeftijden-bij-inwoners', leeftijden: { van: 12, totEnMet: 17 } },
      { ...indicator, sleutel: 'omgekeerd', eenheid: 'per-1000-jongeren', leeftijden: { van: 17, totEnMet: 12 } },
      {
        ...indicator,
        sleutel: 'verkeerde-schaal',
        eenheid: 'per-10000-inwoners',
        koppeling: { teller: series, noemer: series, schaal: 1000 },
      },
      { ...indicator, sleutel: 'aantal-gedeeld', eenheid: 'aantal', koppeling: { teller: series, noemer: series, schaal: 1000 } },
    );
    expect(problemsOf(document)).toEqual([
      {
        path: '$.plan.indicatoren[1].leeftijden',
        message: 'een cijfer per-10000-jongeren noemt de leeftijden van de jongeren, zoals { "van": 12, "totEnMet": 17 }',
      },
      {
        path: '$.plan.indicatoren[2].leeftijden',
        message: 'alleen een cijfer per 1.000 of 10.000 jongeren heeft leeftijden; laat dit weg bij eenheid per-1000-inwoners',
      },
      { path: '$.plan.indicatoren[3].leeftijden.totEnMet', message: 'de leeftijd tot en met 12 ligt onder de leeftijd vanaf 17' },
      { path: '$.plan.indicatoren[4].koppeling.schaal', message: 'bij eenheid per-10000-inwoners hoort schaal 10000, niet 1000' },
      { path: '$.plan.indicatoren[5].koppeling.noemer', message: 'een aantal wordt niet gedeeld: laat noemer en schaal leeg (null)' },
    ]);
  });

  it('ties a plan-wide indicator to a known strategic goal, and a theme indicator to none', () => {
    const document = minimalDocument();
    document.plan.indicatoren[0]!.strategischeDoelstelling = 'onbekend';
    theme(document).indicatoren.push({ ...document.plan.indicatoren[0]!, sleutel: 'ander', strategischeDoelstelling: 'veilig' });
    expect(problemsOf(document).map((problem) => problem.path)).toEqual([
      '$.plan.indicatoren[0].strategischeDoelstelling',
      '$.plan.themas[0].indicatoren[0].strategischeDoelstelling',
    ]);
  });

  it('requires an adoption date for an adopted plan and none for a draft', () => {
    const adopted = minimalDocument();
    adopted.plan.status = 'vastgesteld';
    expect(problemsOf(adopted).map((problem) => problem.path)).toEqual(['$.plan.vastgesteldOp']);
    const draft = minimalDocument();
    draft.plan.vastgesteldOp = '2024-02-01';
    expect(problemsOf(draft).map((problem) => problem.path)).toEqual(['$.plan.vastgesteldOp']);
  });

  it('requires a start year for work that is not ongoing, and a start year before the end year', () => {
    const document = minimalDocument();
    activity(document).planning = { doorlopend: false, vanafJaar: null, vanafKwartaal: 3, totJaar: null };
    expect(problemsOf(document).map((problem) => problem.path)).toEqual([
      '$.plan.themas[0].onderdelen[0].activiteiten[0].planning.vanafJaar',
      '$.plan.themas[0].onderdelen[0].activiteiten[0].planning.vanafKwartaal',
    ]);
    activity(document).planning = { doorlopend: false, vanafJaar: 2026, vanafKwartaal: null, totJaar: 2025 };
    expect(problemsOf(document).map((problem) => problem.path)).toEqual([
      '$.plan.themas[0].onderdelen[0].activiteiten[0].planning.totJaar',
    ]);
  });

  it('lists shape problems and reference problems of one document together', () => {
    const document = minimalDocument() as unknown as Record<string, any>;
    document.plan.titel = '';
    document.plan.themas[0].onderdelen[0].activiteiten[0].partners = ['niemand'];
    expect(problemsOf(document).map((problem) => problem.path)).toEqual([
      '$.plan.titel',
      '$.plan.themas[0].onderdelen[0].activiteiten[0].partners[0]',
    ]);
  });
});
