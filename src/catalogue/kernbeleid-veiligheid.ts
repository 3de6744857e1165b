/**
 * Kernbeleid Veiligheid (VNG): the reference frame of safety fields
 * (veiligheidsvelden) and safety themes (veiligheidsthema's) that every Dutch
 * integral safety plan is measured against. It comes in editions: a plan names
 * the edition it was written against, and its coverage is read against that one.
 *
 * - 2017: five fields, 22 themes (the edition of the Maasgouw plan).
 * - 2022: the same fields and themes, and besides them cross-cutting themes
 *   (domeinoverstijgende thema's) that belong to no single field; VNG chose
 *   digitised crime, care and safety, and the information position.
 */

export interface SafetyField {
  number: number;
  name: string;
}

export interface CatalogueTheme {
  code: string;
  /** The field the theme belongs to; null for a cross-cutting theme (domeinoverstijgend). */
  fieldNumber: number | null;
  name: string;
  note: string | null;
}

/** The edition a new plan is written against unless the coordinator picks another. */
export const CURRENT_EDITION = '2022';

export const SAFETY_FIELDS: readonly SafetyField[] = [
  { number: 1, name: 'Veilige woon- en leefomgeving' },
  { number: 2, name: 'Bedrijvigheid en veiligheid' },
  { number: 3, name: 'Jeugd en veiligheid' },
  { number: 4, name: 'Fysieke veiligheid' },
  { number: 5, name: 'Integriteit en veiligheid' },
];

/** The 22 themes of the 2017 edition (also what migration 0002 once wrote). */
export const CATALOGUE_THEMES: readonly (CatalogueTheme & { fieldNumber: number })[] = [
  { code: '1.1', fieldNumber: 1, name: 'Sociale kwaliteit', note: 'onder meer overlast van personen met verward gedrag' },
  { code: '1.2', fieldNumber: 1, name: 'Fysieke kwaliteit', note: null },
  { code: '1.3', fieldNumber: 1, name: "Objectieve veiligheid/veelvoorkomende en 'high impact'-criminaliteit", note: null },
  { code: '1.4', fieldNumber: 1, name: 'Subjectieve veiligheid', note: null },
  { code: '2.1', fieldNumber: 2, name: 'Veilig winkelgebied', note: null },
  { code: '2.2', fieldNumber: 2, name: 'Veilige bedrijventerreinen', note: null },
  { code: '2.3', fieldNumber: 2, name: 'Veilig uitgaan', note: null },
  { code: '2.4', fieldNumber: 2, name: 'Veilige evenementen', note: null },
  { code: '2.5', fieldNumber: 2, name: 'Veilig toerisme', note: null },
  { code: '3.1', fieldNumber: 3, name: 'Jeugdoverlast', note: null },
  { code: '3.2', fieldNumber: 3, name: 'Jeugdcriminaliteit/individuele probleemjongeren', note: null },
  { code: '3.3', fieldNumber: 3, name: 'Jeugd, alcohol en drugs', note: null },
  { code: '3.4', fieldNumber: 3, name: 'Veilig in en om de school', note: null },
  { code: '4.1', fieldNumber: 4, name: 'Verkeersveiligheid', note: null },
  { code: '4.2', fieldNumber: 4, name: 'Brandveiligheid', note: null },
  { code: '4.3', fieldNumber: 4, name: 'Externe veiligheid', note: null },
  { code: '4.4', fieldNumber: 4, name: 'Rampenbestrijding en crisisbeheersing', note: null },
  { code: '5.1', fieldNumber: 5, name: 'Polarisatie en radicalisering', note: null },
  { code: '5.2', fieldNumber: 5, name: 'Georganiseerde/ondermijnende criminaliteit', note: null },
  { code: '5.3', fieldNumber: 5, name: 'Veilige Publieke Taak', note: null },
  { code: '5.4', fieldNumber: 5, name: 'Informatieveiligheid', note: null },
  { code: '5.5', fieldNumber: 5, name: 'Ambtelijke en bestuurlijke integriteit', note: null },
];

export interface CatalogueEdition {
  code: string;
  name: string;
  fields: readonly SafetyField[];
  themes: readonly CatalogueTheme[];
}

export const CATALOGUE_EDITIONS: readonly CatalogueEdition[] = [
  { code: '2017', name: 'Kernbeleid Veiligheid, editie 2017', fields: SAFETY_FIELDS, themes: CATALOGUE_THEMES },
  {
    code: '2022',
    name: 'Kernbeleid Veiligheid, editie 2022',
    fields: SAFETY_FIELDS,
    themes: [
      ...CATALOGUE_THEMES,
      { code: 'D.1', fieldNumber: null, name: 'Gedigitaliseerde criminaliteit', note: 'domeinoverstijgend thema' },
      { code: 'D.2', fieldNumber: null, name: 'Zorg en veiligheid', note: 'domeinoverstijgend thema' },
      { code: 'D.3', fieldNumber: null, name: 'Informatiepositie', note: 'domeinoverstijgend thema' },
    ],
  },
];

/** The edition with this code, or undefined when Koers does not know it. */
export function catalogueEdition(code: string): CatalogueEdition | undefined {
  return CATALOGUE_EDITIONS.find((edition) => edition.code === code);
}

/** A catalogue theme code of the given edition. */
export function isCatalogueThemeCode(code: string, edition: string): boolean {
  return catalogueEdition(edition)?.themes.some((theme) => theme.code === code) ?? false;
}

/** A theme of any edition, by code (codes mean the same theme in every edition that has them). */
export function findCatalogueTheme(code: string, edition?: string): CatalogueTheme | undefined {
  const editions = edition ? [catalogueEdition(edition)] : CATALOGUE_EDITIONS;
  for (const candidate of editions) {
    const theme = candidate?.themes.find((item) => item.code === code);
    if (theme) return theme;
  }
  return undefined;
}
