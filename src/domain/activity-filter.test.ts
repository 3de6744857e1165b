import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../features/plans/pages/plan.fixture.js';
import { activitiesOfPartner, allActivities, listActivities, scheduleOptions, unknownFilterConditions } from './activity-filter.js';

const names = (rows: { activity: { name: string } }[]) => rows.map((row) => row.activity.name);

describe('listActivities', () => {
  it('returns every activity in plan order when the filter is empty', () => {
    const rows = listActivities(fixturePlan, {});
    expect(rows).toHaveLength(6);
    expect(names(rows)[0]).toBe('Integrale persoons- en systeemgerichte aanpak');
    expect(names(rows)[5]).toBe('Schouwen openbare ruimte');
  });

  it('carries the theme and workstream of each activity', () => {
    const [row] = listActivities(fixturePlan, { themeKey: 'prioriteit-2' });
    expect(row?.theme.key).toBe('prioriteit-2');
    expect(row?.workstream.name).toBe('Basisinstrumentarium');
  });

  it('keeps only the activities of one theme', () => {
    expect(names(listActivities(fixturePlan, { themeKey: 'prioriteit-2' }))).toEqual([
      'Casusbespreking en -aanpak',
      'Integrale handhaving met het Flexteam',
    ]);
  });

  it('keeps the activities one of whose leads is the given portfolio holder', () => {
    expect(names(listActivities(fixturePlan, { leadKey: 'wethouder-zorg' }))).toEqual([
      'Integrale persoons- en systeemgerichte aanpak',
      'Crisisinterventie en opvang',
      'Buurtbemiddeling',
    ]);
  });

  it('keeps the activities a partner takes part in', () => {
    expect(names(listActivities(fixturePlan, { partnerKey: 'politie' }))).toHaveLength(3);
  });

  it('matches the planning by its label', () => {
    expect(names(listActivities(fixturePlan, { schedule: '2019 e.v.' }))).toEqual([
      'Crisisinterventie en opvang',
      'Integrale handhaving met het Flexteam',
    ]);
  });

  it('applies all conditions together', () => {
    expect(names(listActivities(fixturePlan, { partnerKey: 'politie', schedule: '2019 e.v.' }))).toEqual(['Crisisinterventie en opvang']);
    expect(listActivities(fixturePlan, { themeKey: 'strategisch-1', partnerKey: 'politie' })).toEqual([]);
  });
});

describe('searching and filtering on progress', () => {
  it('finds activities by words in their name, theme, workstream or the names of their partners, in any case and without accents', () => {
    expect(names(listActivities(fixturePlan, { text: 'BUURT' }))).toEqual(['Buurtbemiddeling']);
    expect(names(listActivities(fixturePlan, { text: 'flexteam handhaving' }))).toEqual(['Integrale handhaving met het Flexteam']);
    expect(names(listActivities(fixturePlan, { text: 'politie' }))).toEqual(names(listActivities(fixturePlan, { partnerKey: 'politie' })));
    expect(listActivities(fixturePlan, { text: 'politie buurtbemiddeling-bestaat-niet' })).toEqual([]);
  });

  it('keeps the activities whose current report has the status, and none without the reports', () => {
    const progress = new Map([
      ['buurtbemiddeling', 'vertraagd'],
      ['schouwen-openbare-ruimte', 'loopt'],
    ]);
    expect(names(listActivities(fixturePlan, { progress: 'vertraagd' }, progress))).toEqual(['Buurtbemiddeling']);
    expect(listActivities(fixturePlan, { progress: 'vertraagd' })).toEqual([]);
    expect(names(listActivities(fixturePlan, { progress: 'loopt', themeKey: 'prioriteit-1' }, progress))).toEqual([]);
  });
});

describe('activitiesOfPartner', () => {
  it('lists the activities a partner takes part in, and none for a partner without any', () => {
    expect(names(activitiesOfPartner(fixturePlan, 'mer'))).toEqual([
      'Buurtbemiddeling',
      'Casusbespreking en -aanpak',
      'Integrale handhaving met het Flexteam',
      'Schouwen openbare ruimte',
    ]);
    expect(activitiesOfPartner(fixturePlan, 'halt')).toEqual([]);
  });
});

describe('scheduleOptions', () => {
  it('lists each planning label once, ongoing work first', () => {
    expect(scheduleOptions(fixturePlan)).toEqual(['doorlopend', 'doorlopend/2019 e.v.', '2019 e.v.']);
  });
});

describe('unknownFilterConditions', () => {
  it('names each condition whose value the plan does not have', () => {
    expect(unknownFilterConditions(fixturePlan, { themeKey: 'prioriteit-9', partnerKey: 'politie', schedule: '2030 e.v.' })).toEqual([
      'themeKey',
      'schedule',
    ]);
    expect(unknownFilterConditions(fixturePlan, {})).toEqual([]);
  });
});

describe('allActivities', () => {
  it('flattens themes and workstreams without losing an activity', () => {
    expect(allActivities(fixturePlan)).toHaveLength(6);
  });
});
