/**
 * Kernbeleid Veiligheid (VNG, edition 2017): the reference frame of five safety
 * fields (veiligheidsvelden) and 22 safety themes (veiligheidsthema's) that every
 * Dutch integral safety plan is measured against.
 */

export interface SafetyField {
  number: number;
  name: string;
}

export interface CatalogueTheme {
  code: string;
  fieldNumber: number;
  name: string;
  note: string | null;
}

export const CATALOGUE_EDITION = '2017';

export const SAFETY_FIELDS: readonly SafetyField[] = [
  { number: 1, name: 'Veilige woon- en leefomgeving' },
  { number: 2, name: 'Bedrijvigheid en veiligheid' },
  { number: 3, name: 'Jeugd en veiligheid' },
  { number: 4, name: 'Fysieke veiligheid' },
  { number: 5, name: 'Integriteit en veiligheid' },
];

export const CATALOGUE_THEMES: readonly CatalogueTheme[] = [
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

const CODES = new Set(CATALOGUE_THEMES.map((theme) => theme.code));

export function isCatalogueThemeCode(code: string): boolean {
  return CODES.has(code);
}
