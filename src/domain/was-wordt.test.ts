import { describe, expect, it } from 'vitest';
import { CATALOGUE_THEMES } from '../catalogue/kernbeleid-veiligheid.js';
import { CHANGE_IN_WORDS, type WasWordtTheme, wasWordt } from './was-wordt.js';

const theme = (key: string, kind: WasWordtTheme['kind'], codes: string[], note: string | null = null): WasWordtTheme => ({
  key,
  name: key,
  kind,
  catalogueThemeCodes: codes,
  previousPlanNote: note,
});
const order = CATALOGUE_THEMES.map((entry) => entry.code);

describe('wasWordt', () => {
  // The previous plan (2015-2018) as the Maasgouw plan sums it up, shortened: youth was a priority and is strategic now,
  // nuisance on the boundary of care and safety became a priority.
  const previous = [
    theme('jeugd', 'priority', ['3.1', '3.2']),
    theme('inbraak', 'priority', ['1.3']),
    theme('overlast', 'strategic', ['1.1']),
    theme('verkeer', 'strategic', ['4.1']),
    theme('eigen-thema', 'strategic', []),
  ];
  const next = [
    theme('prioriteit-1', 'priority', ['1.1', '1.3'], 'Nieuwe prioriteit.'),
    theme('prioriteit-3', 'priority', ['1.3']),
    theme('strategisch-2', 'strategic', ['3.1', '3.2', '3.3'], 'Was een prioriteit.'),
    theme('strategisch-7', 'strategic', ['5.1']),
    theme('nieuw-eigen-thema', 'priority', []),
  ];
  const rows = wasWordt(previous, next, order);
  const row = (code: string) => rows.find((entry) => entry.code === code);

  it('says per catalogue theme what it was and what it becomes', () => {
    expect(row('1.1')).toMatchObject({ was: 'strategic', wordt: 'priority', change: 'became_priority', notes: ['Nieuwe prioriteit.'] });
    expect(row('1.3')).toMatchObject({
      was: 'priority',
      wordt: 'priority',
      change: 'still_priority',
      nextThemes: ['prioriteit-1', 'prioriteit-3'],
    });
    expect(row('3.1')).toMatchObject({ was: 'priority', wordt: 'strategic', change: 'became_strategic', notes: ['Was een prioriteit.'] });
    expect(row('3.3')).toMatchObject({ was: null, wordt: 'strategic', change: 'new' });
    expect(row('4.1')).toMatchObject({ was: 'strategic', wordt: null, change: 'dropped', previousThemes: ['verkeer'], nextThemes: [] });
    expect(row('5.1')?.change).toBe('new');
  });

  it('follows themes outside the catalogue by key, after the catalogue in its order', () => {
    expect(rows.map((entry) => entry.code)).toEqual(['1.1', '1.3', '3.1', '3.2', '3.3', '4.1', '5.1', 'eigen-thema', 'nieuw-eigen-thema']);
    expect(row('eigen-thema')).toMatchObject({ outsideCatalogue: true, change: 'dropped' });
    expect(row('nieuw-eigen-thema')).toMatchObject({ outsideCatalogue: true, change: 'new', wordt: 'priority' });
  });

  it('puts every change in words', () => {
    expect(rows.map((entry) => CHANGE_IN_WORDS[entry.change])).toEqual([
      'wordt prioriteit',
      'blijft prioriteit',
      'wordt strategisch thema',
      'wordt strategisch thema',
      'nieuw',
      'vervalt',
      'nieuw',
      'vervalt',
      'nieuw',
    ]);
  });

  it('gives nothing for two empty plans, and all new against no predecessor', () => {
    expect(wasWordt([], [])).toEqual([]);
    expect(wasWordt([], next, order).every((entry) => entry.change === 'new')).toBe(true);
  });
});
