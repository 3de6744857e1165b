/** The texts of the safety analysis page, Dutch and English with the same keys; messages.ts hangs them under `analysis`. */
export const analysisNl = {
  title: 'Veiligheidsanalyse',
  intro: (municipality: string, from: number, to: number) =>
    `De cijfers van de politie over ${municipality} van ${from} tot en met ${to}, per veld en thema van Kernbeleid Veiligheid, met hun trend, en wat het plan op elk thema doet.`,
  notPulled: 'De cijfers van de politie zijn nog niet opgehaald. Dat gebeurt met “Vernieuw cijfers” op de monitor.',
  method: 'Zo is de trend bepaald',
  inPlan: 'In het plan',
  notInPlan: 'Het plan heeft geen thema dat dit thema dekt.',
  planThemes: (names: string) => `Thema’s: ${names}.`,
  indicators: (text: string) => `Indicatoren: ${text}.`,
  activities: (total: number, done: number, behind: number, notReported: number) =>
    `Activiteiten in de laatste periode: ${total}, waarvan ${done} afgerond, ${behind} achter en ${notReported} zonder melding.`,
  kind: 'Soort',
  perThousand: (year: number) => `Per 1.000 inwoners, ${year}`,
  trend: 'Trend',
  caption: (theme: string) => `Politiecijfers bij ${theme}, per jaar`,
  noFigures: 'Geen cijfers van de politie bij dit thema.',
  missing: 'Wat ontbreekt',
  rising: (change: string, low: string, high: string) => `stijgt ${change} per jaar (95%: ${low} tot ${high})`,
  falling: (change: string, low: string, high: string) => `daalt ${change} per jaar (95%: ${low} tot ${high})`,
  noClearChange: (change: string, low: string, high: string) => `geen duidelijke verandering (${change} per jaar, 95%: ${low} tot ${high})`,
  tooFewYears: (n: number) => `te weinig jaren voor een trend (${n} van de 5)`,
  noCounts: 'geen meldingen',
  populationMissing: (years: string) => `Het inwonertal ontbreekt over ${years}: voor die jaren is er geen cijfer per 1.000 inwoners.`,
  crossCutting: 'Domeinoverstijgende thema’s',
};

export const analysisEn: typeof analysisNl = {
  title: 'Safety analysis',
  intro: (municipality, from, to) =>
    `The police figures of ${municipality} from ${from} to ${to}, per field and theme of Kernbeleid Veiligheid, with their trend, and what the plan does on each theme.`,
  notPulled: 'The police figures have not been fetched yet. “Refresh figures” on the monitor does that.',
  method: 'How the trend is determined',
  inPlan: 'In the plan',
  notInPlan: 'The plan has no theme that covers this theme.',
  planThemes: (names) => `Themes: ${names}.`,
  indicators: (text) => `Indicators: ${text}.`,
  activities: (total, done, behind, notReported) =>
    `Activities in the latest period: ${total}, of which ${done} done, ${behind} behind and ${notReported} not reported.`,
  kind: 'Kind',
  perThousand: (year) => `Per 1,000 inhabitants, ${year}`,
  trend: 'Trend',
  caption: (theme) => `Police figures for ${theme}, per year`,
  noFigures: 'No police figures for this theme.',
  missing: 'What is missing',
  rising: (change, low, high) => `rises ${change} a year (95%: ${low} to ${high})`,
  falling: (change, low, high) => `falls ${change} a year (95%: ${low} to ${high})`,
  noClearChange: (change, low, high) => `no clear change (${change} a year, 95%: ${low} to ${high})`,
  tooFewYears: (n) => `too few years for a trend (${n} of 5)`,
  noCounts: 'no reports',
  populationMissing: (years) => `The population is missing for ${years}: no figure per 1,000 inhabitants for those years.`,
  crossCutting: 'Cross-cutting themes',
};
