/**
 * Every string of the web interface, by key. Dutch (plain language) is the
 * default; the English catalogue (messages.en.ts) must have exactly the same
 * keys, which the `Messages` type enforces. Texts with figures take a function
 * so word order stays natural in each language.
 */
import type { FrameworkLevel, IndicatorUnit, PartnerKind, PlanStatus, ThemeKind } from '../features/plans/plan.types.js';
import { en } from './messages.en.js';

export const nl = {
  layout: {
    /** The html lang attribute of pages in this catalogue's language. */
    lang: 'nl',
    productName: 'Koers',
    productTagline: 'Integraal veiligheidsbeleid van plan tot verantwoording',
    skipLink: 'Direct naar de inhoud',
    breadcrumbLabel: 'Kruimelpad',
    footerText: 'Koers is open-sourcesoftware (EUPL-1.2) voor het integraal veiligheidsbeleid van gemeenten.',
    footerLabel: 'Over Koers',
    titleSeparator: ' - ',
  },
  common: {
    plans: 'Plannen',
    none: 'geen',
    yes: 'ja',
    no: 'nee',
    listSeparator: ', ',
    inYear: (value: string, year: number) => `${value} in ${year}`,
  },
  planStatus: {
    draft: 'Concept',
    adopted: 'Vastgesteld',
    closed: 'Afgesloten',
  } satisfies Record<PlanStatus, string>,
  themeKind: {
    priority: 'Prioriteit',
    strategic: 'Strategisch thema',
  } satisfies Record<ThemeKind, string>,
  themeKindPlural: {
    priority: 'Prioriteiten',
    strategic: "Strategische thema's",
  } satisfies Record<ThemeKind, string>,
  unit: {
    count: 'aantal',
    per_1000_inhabitants: 'per 1.000 inwoners',
    percentage: 'percentage',
    grade: 'rapportcijfer',
  } satisfies Record<IndicatorUnit, string>,
  partnerKind: {
    department: 'gemeentelijke afdeling',
    shared_service: 'samenwerkingsverband',
    external: 'externe partner',
  } satisfies Record<PartnerKind, string>,
  planNav: {
    label: 'Onderdelen van het plan',
    overview: 'Overzicht',
    coverage: 'Dekking Kernbeleid Veiligheid',
    implementation: 'Uitvoeringsplan',
    partners: 'Partners',
    indicators: 'Indicatoren',
  },
  planList: {
    title: 'Integrale veiligheidsplannen',
    intro: "Kies een plan om de doelen, thema's, activiteiten en indicatoren te bekijken.",
    caption: 'Alle plannen',
    columnTitle: 'Plan',
    columnMunicipalities: 'Gemeente',
    columnPeriod: 'Periode',
    columnStatus: 'Status',
    columnAdoptedOn: 'Vastgesteld op',
    empty: 'Er zijn nog geen plannen.',
    notAdopted: 'nog niet vastgesteld',
  },
  overview: {
    facts: 'Gegevens van het plan',
    municipalities: 'Gemeente',
    period: 'Periode',
    adoptedOn: 'Vastgesteld op',
    status: 'Status',
    catalogueEdition: 'Kernbeleid Veiligheid, editie',
    goals: 'Strategische doelstellingen',
    principles: 'Rode draden',
    principlesIntro: "Zo werken we aan alle thema's.",
    planIndicators: 'Indicatoren voor het hele plan',
    planIndicatorsCaption: 'Indicatoren voor het hele plan, met nulmeting en streefwaarde',
    themesIntro: {
      priority: "Op deze thema's zetten we extra in.",
      strategic: "Op deze thema's houden we vast wat er is en zetten we de aanpak voort.",
    } satisfies Record<ThemeKind, string>,
    catalogueCodes: 'Kernbeleid Veiligheid',
    meetings: 'Overleggen',
    meetingsCaption: 'Vaste overleggen over het veiligheidsbeleid',
    meetingName: 'Overleg',
    meetingCadence: 'Hoe vaak',
    meetingPartners: 'Met',
    meetingDescription: 'Waarover',
    accountability: 'Verantwoording',
    accountabilityCaption: 'Momenten waarop over het plan verantwoording wordt afgelegd',
    accountabilityName: 'Wat',
    accountabilityTiming: 'Wanneer',
    accountabilityAudience: 'Aan wie',
    accountabilityDescription: 'Inhoud',
    budget: 'Begroting',
    noIndicators: 'Dit plan heeft geen indicatoren voor het hele plan.',
    fieldContexts: 'Uitgangssituatie per veiligheidsveld',
    fieldContextsCaption: 'Het veiligheidsbeeld bij het opstellen van het plan, per veld van Kernbeleid Veiligheid',
    fieldContextField: 'Veiligheidsveld',
    fieldContextSummary: 'Beeld',
    frameworks: 'Kaders',
    frameworksCaption: 'Beleid en kaders waarop het plan aansluit',
    frameworkName: 'Kader',
    frameworkLevel: 'Niveau',
    frameworkDescription: 'Wat het betekent voor het plan',
    frameworkLevels: { local: 'lokaal', regional: 'regionaal', national: 'landelijk' } satisfies Record<FrameworkLevel, string>,
  },
  indicatorTable: {
    name: 'Indicator',
    source: 'Bron',
    unit: 'Eenheid',
    baseline: 'Nulmeting',
    target: 'Streefwaarde',
    seriesCode: 'Reekscode',
    scope: 'Geldt voor',
    scopePlan: 'Hele plan',
    targetInYear: (target: string, year: number) => `${target} in ${year}`,
  },
  coverage: {
    title: 'Dekking Kernbeleid Veiligheid',
    intro: (edition: string) =>
      `Het Kernbeleid Veiligheid (editie ${edition}) deelt het veiligheidsterrein in vijf velden en 22 thema's. Hieronder staat per thema welke prioriteit of welk strategisch thema van het plan het behandelt.`,
    count: (covered: number, total: number) => `${covered} van de ${total} thema's gedekt`,
    fieldHeading: (number: number, name: string) => `Veld ${number}: ${name}`,
    caption: (number: number, name: string) => `Thema's van veld ${number} (${name}) en de plan-thema's die ze behandelen`,
    columnCode: 'Code',
    columnTheme: 'Veiligheidsthema',
    notCovered: 'Niet gedekt',
  },
  theme: {
    kindAndNumber: (kind: string, number: number) => `${kind} ${number}`,
    paragraph: (paragraph: string) => `paragraaf ${paragraph}`,
    catalogueThemes: "Veiligheidsthema's uit het Kernbeleid Veiligheid",
    approach: 'Hoofdlijnen van de aanpak',
    goal: (year: number) => `Doelstelling ${year}`,
    previousPlan: 'Ten opzichte van het vorige plan',
    indicators: 'Indicatoren',
    indicatorsCaption: (name: string) => `Indicatoren van ${name}`,
    qualitative: 'Voor dit thema zijn geen meetbare indicatoren. Het wordt kwalitatief beoordeeld, in woorden.',
    qualitativeHow: 'Zo wordt het beoordeeld:',
    activities: 'Activiteiten',
    noActivities: 'Bij dit thema staan nog geen activiteiten.',
    workstreamCaption: (name: string) => `Onderdeel ${name}`,
  },
  activity: {
    theme: 'Thema',
    workstream: 'Onderdeel',
    name: 'Activiteit',
    leads: 'Bestuurlijk trekker',
    partners: 'Partners',
    schedule: 'Planning',
    quantity: 'Omvang',
    cadence: 'Frequentie',
    group: 'Onderdeel van',
  },
  implementation: {
    title: 'Uitvoeringsplan',
    intro: 'Alle activiteiten van het plan. Kies hieronder wat u wilt zien.',
    filterHeading: 'Activiteiten filteren',
    filterTheme: 'Thema',
    filterLead: 'Bestuurlijk trekker',
    filterPartner: 'Partner',
    filterSchedule: 'Planning',
    filterAll: 'Alle',
    filterAllThemes: "Alle thema's",
    filterAllLeads: 'Alle trekkers',
    filterAllPartners: 'Alle partners',
    filterAllSchedules: 'Elke planning',
    submit: 'Filter toepassen',
    reset: 'Filters wissen',
    resultHeading: 'Activiteiten',
    count: (shown: number, total: number) => `${shown} van ${total} activiteiten`,
    caption: 'Activiteiten van het uitvoeringsplan',
    nothingFound: 'Geen activiteiten gevonden die aan alle gekozen filters voldoen. Kies minder of andere filters.',
    invalidFilter: 'Ongeldig filter',
    invalidValue: (label: string, value: string) => `“${value}” is geen bekende keuze voor ${label.toLowerCase()} in dit plan.`,
  },
  partners: {
    title: 'Partners',
    intro: 'Organisaties en afdelingen die aan het plan meewerken, met de activiteiten waarin ze meedoen.',
    groups: {
      core: 'Kernpartners',
      external: 'Andere externe partners',
      sharedService: 'Samenwerkingsverbanden',
      department: 'Gemeentelijke afdelingen',
    },
    index: 'Alle partners',
    partOf: 'Onderdeel van',
    parts: 'Onderdelen',
    meetings: 'Neemt deel aan',
    activitiesCaption: (name: string) => `Activiteiten waarin ${name} meedoet`,
    noActivities: 'Doet niet mee aan activiteiten van het uitvoeringsplan.',
    activityCount: (count: number) => (count === 1 ? '1 activiteit' : `${count} activiteiten`),
  },
  indicators: {
    title: 'Indicatoren',
    intro: 'Alle meetbare indicatoren van het plan, met nulmeting en streefwaarde.',
    caption: 'Alle indicatoren van het plan',
    empty: 'Dit plan heeft geen indicatoren.',
  },
  errors: {
    notFoundTitle: 'Pagina niet gevonden',
    notFoundDetail: 'Deze pagina bestaat niet (meer). Controleer het adres of ga naar het overzicht van plannen.',
    notFoundThing: (what: string) => `${what} niet gevonden`,
    notFoundThingDetail: (what: string) => `${what} bestaat niet (meer). Controleer het adres of ga naar het overzicht van plannen.`,
    badRequestTitle: 'Verzoek niet goed',
    serverErrorTitle: 'Er ging iets mis',
    serverErrorDetail: 'Er ging iets mis bij het maken van deze pagina. Probeer het later opnieuw.',
    code: (status: number) => `Foutcode ${status}`,
    backHome: 'Naar het overzicht van plannen',
  },
};

export type Messages = typeof nl;

export type Locale = 'nl' | 'en';
export const DEFAULT_LOCALE: Locale = 'nl';

const catalogues: Record<Locale, Messages> = { nl, en };

export { en };

export function messagesFor(locale: Locale = DEFAULT_LOCALE): Messages {
  return catalogues[locale];
}
