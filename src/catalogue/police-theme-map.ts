/**
 * Which Kernbeleid Veiligheid themes a police figure says something about:
 * every kind of crime of CBS table 47022NED (SoortMisdrijf, by its trimmed
 * code) and every kind of nuisance of 47024NED (Overlast), mapped to the
 * catalogue themes it belongs to, or left out with the reason. A safety
 * analysis groups the police series by theme with this table; it is data, to
 * be read and changed by people who know the field, and its test holds it
 * against the police's own code lists.
 *
 * Theme codes are those of the 2017 edition; a code of the 2022 edition's
 * cross-cutting themes (D.1 gedigitaliseerde criminaliteit) is listed too
 * where it applies, and a plan of the 2017 edition simply has no such theme.
 */

export interface PoliceThemeLink {
  /** Trimmed code: "1.1.1" for a crime type, "E35" for a nuisance type. */
  code: string;
  source: 'misdrijven' | 'overlast';
  /** The catalogue themes, most specific first; empty when the figure is left out. */
  themes: readonly string[];
  /** Why a figure is left out; null when it belongs to one or more themes. */
  leftOut: string | null;
}

const crime = (code: string, ...themes: string[]): PoliceThemeLink => ({ code, source: 'misdrijven', themes, leftOut: null });
const nuisance = (code: string, ...themes: string[]): PoliceThemeLink => ({ code, source: 'overlast', themes, leftOut: null });
const outside = (code: string, reason: string): PoliceThemeLink => ({ code, source: 'misdrijven', themes: [], leftOut: reason });

const ENVIRONMENT = 'milieudelict: hoort bij het omgevingsbeleid, niet bij een thema van Kernbeleid Veiligheid';

export const POLICE_THEME_LINKS: readonly PoliceThemeLink[] = [
  // High impact crime and common crime (1.3).
  crime('1.1.1', '1.3'),
  crime('1.1.2', '1.3'),
  crime('1.2.1', '1.3'),
  crime('1.2.2', '1.3'),
  crime('1.2.3', '1.3'),
  crime('1.2.4', '1.3'),
  crime('1.2.5', '1.3'),
  crime('1.3.1', '4.1'),
  crime('1.4.1', '1.3'),
  crime('1.4.2', '1.3'),
  crime('1.4.3', '1.3', '2.3'),
  crime('1.4.4', '1.3'),
  crime('1.4.5', '1.3'),
  crime('1.4.6', '1.3'),
  crime('1.4.7', '1.3', '2.1'),
  crime('1.5.2', '1.3', '2.5'),
  crime('1.6.1', '4.2'),
  crime('1.6.2', '1.3'),
  crime('1.6.3', '5.2'),
  // Quality of the neighbourhood (1.1 social, 1.2 physical).
  crime('2.1.1', '1.1', '3.3'),
  crime('2.2.1', '1.2'),
  crime('2.4.1', '1.1'),
  crime('2.4.2', '1.1'),
  // Businesses and shops (2.1, 2.2).
  crime('2.5.1', '2.2', '2.1'),
  crime('2.5.2', '2.1'),
  // Environmental offences: only those with a safety side.
  outside('2.6.1', ENVIRONMENT),
  outside('2.6.2', ENVIRONMENT),
  outside('2.6.3', ENVIRONMENT),
  crime('2.6.4', '1.2', '5.2'),
  outside('2.6.5', ENVIRONMENT),
  outside('2.6.7', ENVIRONMENT),
  crime('2.6.8', '4.3'),
  crime('2.6.9', '4.3', '1.1'),
  outside('2.6.10', ENVIRONMENT),
  outside('2.6.11', ENVIRONMENT),
  outside('2.6.12', ENVIRONMENT),
  outside('2.6.13', ENVIRONMENT),
  outside('2.6.14', ENVIRONMENT),
  outside('2.7.2', 'overtredingen van bijzondere wetten in het algemeen: geen eigen thema'),
  crime('2.7.3', '1.1'),
  // Organised crime and undermining (5.2).
  crime('3.1.1', '5.2', '3.3'),
  crime('3.1.2', '5.2'),
  crime('3.1.3', '5.2'),
  crime('3.2.1', '1.3', 'D.1'),
  crime('3.2.2', '5.2'),
  outside('3.3.2', 'luchtvaart: geen taak van de gemeente'),
  outside('3.3.5', 'luchtvaart: geen taak van de gemeente'),
  outside('3.4.2', 'scheepvaart: geen taak van de gemeente'),
  crime('3.5.2', '4.1'),
  crime('3.5.5', '4.1'),
  crime('3.6.4', '1.1'),
  crime('3.7.1', '5.1'),
  outside('3.7.2', 'vreemdelingentoezicht: een taak van het Rijk'),
  outside('3.7.3', 'een restgroep zonder eigen thema'),
  crime('3.7.4', '1.3', 'D.1'),
  crime('3.9.1', '1.3'),
  crime('3.9.2', '5.2'),
  crime('3.9.3', '1.3'),
  // Nuisance reported to the police.
  nuisance('E33', '1.1'),
  nuisance('E35', '3.1'),
  nuisance('E38', '3.3', '1.1'),
  nuisance('E41', '1.1'),
  nuisance('F010', '2.3', '1.1'),
  nuisance('M061', '2.3'),
  nuisance('M062', '2.4'),
  nuisance('M22', '1.1'),
];

/** The police figures of a catalogue theme, by source and trimmed code. */
export function policeFiguresOf(themeCode: string): PoliceThemeLink[] {
  return POLICE_THEME_LINKS.filter((link) => link.themes.includes(themeCode));
}

/** The catalogue themes of a police figure; undefined for a code the table does not know. */
export function themesOfPoliceFigure(source: PoliceThemeLink['source'], code: string): readonly string[] | undefined {
  return POLICE_THEME_LINKS.find((link) => link.source === source && link.code === code.trim())?.themes;
}
