import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PROGRESS_STATUSES,
  expectedOccurrences,
  NOT_REPORTED,
  progressStatuses,
  proposedAssessment,
  rollUp,
  UnknownProgressStatusError,
} from './progress.js';

describe('progress statuses', () => {
  it('has the six built-in statuses with stable keys', () => {
    expect(BUILT_IN_PROGRESS_STATUSES.map((status) => status.key)).toEqual([
      'niet-gestart',
      'loopt',
      'vertraagd',
      'afgerond',
      'doorlopend',
      'gestopt',
    ]);
  });

  it('takes a status of the municipality with the meaning of a built-in one, and refuses a key used twice', () => {
    const statuses = progressStatuses([{ key: 'on-hold', label: 'On hold', meaning: 'delayed' }]);
    expect(statuses.get('on-hold')?.meaning).toBe('delayed');
    expect(() => progressStatuses([{ key: 'loopt', label: 'Loopt ook', meaning: 'running' }])).toThrow('bestaat al');
    expect(() => progressStatuses([{ key: NOT_REPORTED, label: 'x', meaning: 'running' }])).toThrow('bestaat al');
  });
});

describe('rolling progress up', () => {
  it('counts each activity once by status, in the order of the statuses, with shares of the weight', () => {
    const rolled = rollUp([{ statusKey: 'afgerond' }, { statusKey: 'loopt' }, { statusKey: 'loopt' }, { statusKey: null }]);
    expect(rolled.byStatus).toEqual([
      { key: 'loopt', weight: 2, count: 2, share: 0.5 },
      { key: 'afgerond', weight: 1, count: 1, share: 0.25 },
      { key: NOT_REPORTED, weight: 1, count: 1, share: 0.25 },
    ]);
    expect(rolled).toMatchObject({ totalWeight: 4, counted: 4, stopped: 0, quantities: null });
  });

  it('weighs where weights are set', () => {
    const rolled = rollUp([
      { statusKey: 'vertraagd', weight: 3 },
      { statusKey: 'afgerond', weight: 1 },
    ]);
    expect(rolled.byStatus.map((entry) => [entry.key, entry.share])).toEqual([
      ['vertraagd', 0.75],
      ['afgerond', 0.25],
    ]);
    expect(rolled.totalWeight).toBe(4);
  });

  it('leaves stopped activities out, also a status of the municipality that means stopped', () => {
    const statuses = progressStatuses([{ key: 'geschrapt', label: 'Geschrapt', meaning: 'stopped' }]);
    const rolled = rollUp(
      [{ statusKey: 'gestopt', planned: 10, realised: 0 }, { statusKey: 'geschrapt' }, { statusKey: 'loopt', planned: 4, realised: 3 }],
      statuses,
    );
    expect(rolled.byStatus).toEqual([{ key: 'loopt', weight: 1, count: 1, share: 1 }]);
    expect(rolled).toMatchObject({ counted: 1, stopped: 2, quantities: { planned: 4, realised: 3, activities: 1 } });
  });

  it('sums quantities only over activities with a planned number, a missing realisation as 0', () => {
    const rolled = rollUp([
      { statusKey: 'loopt', planned: 20, realised: 14 },
      { statusKey: 'loopt', planned: 12, realised: null },
      { statusKey: 'loopt', planned: null, realised: 5 },
    ]);
    expect(rolled.quantities).toEqual({ planned: 32, realised: 14, activities: 2 });
  });

  it('gives an empty roll-up for no activities', () => {
    expect(rollUp([])).toEqual({ byStatus: [], totalWeight: 0, counted: 0, stopped: 0, quantities: null });
  });

  it('refuses an unknown status and a weight that is not positive', () => {
    expect(() => rollUp([{ statusKey: 'bijna' }])).toThrow(UnknownProgressStatusError);
    for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => rollUp([{ statusKey: 'loopt', weight }])).toThrow('gewicht');
  });
});

describe('expected occurrences of a recurring activity', () => {
  const start = '2019-01-01';
  it('spreads the times a year evenly over the months from the start, the reference day included', () => {
    expect(expectedOccurrences(4, start, '2019-01-01')).toBe(0);
    expect(expectedOccurrences(4, start, '2019-03-30')).toBe(0);
    expect(expectedOccurrences(4, start, '2019-03-31')).toBe(1);
    expect(expectedOccurrences(4, start, '2019-06-30')).toBe(2);
    expect(expectedOccurrences(4, start, '2019-12-31')).toBe(4);
    expect(expectedOccurrences(1, start, '2019-12-30')).toBe(0);
    expect(expectedOccurrences(1, start, '2019-12-31')).toBe(1);
    expect(expectedOccurrences(52 / 6, start, '2019-12-31')).toBe(8);
    expect(expectedOccurrences(12, '2020-01-01', '2020-02-29')).toBe(2);
    expect(expectedOccurrences(2, '2019-07-01', '2019-12-31')).toBe(1);
  });
  it('expects nothing before the start or of an activity without a frequency', () => {
    expect(expectedOccurrences(4, start, '2018-06-01')).toBe(0);
    expect(expectedOccurrences(0, start, '2020-01-01')).toBe(0);
  });
});

describe('the assessment the roll-up proposes', () => {
  const propose = (activities: Parameters<typeof rollUp>[0]) => proposedAssessment(rollUp(activities));
  it('proposes behaald when everything that counts is done or ongoing', () => {
    expect(propose([{ statusKey: 'afgerond' }, { statusKey: 'doorlopend' }, { statusKey: 'gestopt' }])).toBe('met');
  });
  it('proposes op koers, aandacht and uit koers by the share of the weight delayed', () => {
    const running = (n: number) => Array.from({ length: n }, () => ({ statusKey: 'loopt' }));
    expect(propose([...running(9), { statusKey: 'vertraagd' }])).toBe('on_course');
    expect(propose([...running(2), { statusKey: 'vertraagd' }])).toBe('attention');
    expect(propose([...running(1), { statusKey: 'vertraagd' }])).toBe('off_course');
    expect(
      propose([
        { statusKey: 'loopt', weight: 1 },
        { statusKey: 'vertraagd', weight: 0.5 },
      ]),
    ).toBe('attention');
  });
  it('lowers the proposal one step when less than half of the planned number is realised', () => {
    expect(propose([{ statusKey: 'loopt', planned: 20, realised: 9 }])).toBe('attention');
    expect(propose([{ statusKey: 'loopt', planned: 20, realised: 10 }])).toBe('on_course');
    expect(propose([{ statusKey: 'vertraagd', planned: 20, realised: 0 }])).toBe('off_course');
  });
  it('proposes nothing when no activity counts or most of the weight is not reported', () => {
    expect(propose([{ statusKey: 'gestopt' }])).toBeNull();
    expect(propose([{ statusKey: null }, { statusKey: null }, { statusKey: 'loopt' }])).toBeNull();
    expect(propose([{ statusKey: null }, { statusKey: 'loopt' }])).toBe('on_course');
  });
});
