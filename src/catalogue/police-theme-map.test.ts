import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../project-root.js';
import { CATALOGUE_EDITIONS } from './kernbeleid-veiligheid.js';
import { POLICE_THEME_LINKS, policeFiguresOf, themesOfPoliceFigure } from './police-theme-map.js';

/** The police's own code lists, as the CBS tables 47022NED and 47024NED give them (test/fake-cbs/fixtures/politie-codes.json). */
const codeLists = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fake-cbs', 'fixtures', 'politie-codes.json'), 'utf8')) as Record<
  'SoortMisdrijf' | 'Overlast',
  { rows: [string, string, ...unknown[]][] }
>;
const codesOf = (list: 'SoortMisdrijf' | 'Overlast') => codeLists[list].rows.map((row) => row[0].trim()).filter((code) => code !== '0.0.0');
const themeCodes = new Set(CATALOGUE_EDITIONS.flatMap((edition) => edition.themes.map((theme) => theme.code)));

describe('POLICE_THEME_LINKS', () => {
  it('places every kind of crime of the police list, and only those, or says why it is left out', () => {
    const linked = POLICE_THEME_LINKS.filter((link) => link.source === 'misdrijven').map((link) => link.code);
    expect([...linked].sort()).toEqual([...codesOf('SoortMisdrijf')].sort());
  });

  it('places every kind of nuisance of the police list, and only those', () => {
    const linked = POLICE_THEME_LINKS.filter((link) => link.source === 'overlast').map((link) => link.code);
    expect([...linked].sort()).toEqual([...codesOf('Overlast')].sort());
  });

  it('names each code once, only themes of the catalogue, and a reason exactly when it names none', () => {
    const keys = POLICE_THEME_LINKS.map((link) => `${link.source}:${link.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const link of POLICE_THEME_LINKS) {
      for (const theme of link.themes) expect(themeCodes.has(theme), `${link.code} -> ${theme}`).toBe(true);
      expect(new Set(link.themes).size, link.code).toBe(link.themes.length);
      expect(link.leftOut === null, link.code).toBe(link.themes.length > 0);
    }
  });

  it('gives the themes an analysis looks for first their own figures', () => {
    expect(policeFiguresOf('2.1').map((link) => link.code)).toEqual(['1.4.7', '2.5.1', '2.5.2']);
    expect(policeFiguresOf('3.1').map((link) => link.code)).toEqual(['E35']);
    expect(policeFiguresOf('4.1').map((link) => link.code)).toEqual(['1.3.1', '3.5.2', '3.5.5']);
    expect(policeFiguresOf('5.2').map((link) => link.code)).toEqual(['1.6.3', '2.6.4', '3.1.1', '3.1.2', '3.1.3', '3.2.2', '3.9.2']);
    expect(themesOfPoliceFigure('misdrijven', '1.1.1 ')).toEqual(['1.3']);
    expect(themesOfPoliceFigure('overlast', 'E33   ')).toEqual(['1.1']);
    expect(themesOfPoliceFigure('misdrijven', '9.9.9')).toBeUndefined();
  });

  it('leaves out the figures that no theme is about, each with its reason', () => {
    const leftOut = POLICE_THEME_LINKS.filter((link) => link.leftOut !== null);
    expect(leftOut.map((link) => link.code)).toEqual([
      '2.6.1',
      '2.6.2',
      '2.6.3',
      '2.6.5',
      '2.6.7',
      '2.6.10',
      '2.6.11',
      '2.6.12',
      '2.6.13',
      '2.6.14',
      '2.7.2',
      '3.3.2',
      '3.3.5',
      '3.4.2',
      '3.7.2',
      '3.7.3',
    ]);
  });
});
