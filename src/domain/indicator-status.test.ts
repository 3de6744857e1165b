import { describe, expect, it } from 'vitest';
import {
  type Baseline,
  currentStatus,
  expectedOnPath,
  JUDGEMENTS,
  type Projection,
  pathLine,
  projectedStatus,
  projectTo,
  statusByYear,
  statusOf,
  type Target,
  targetHolds,
} from './indicator-status.js';

// The indicators of the example plan Maasgouw 2019-2022.
const crimes = { baseline: { value: 30.5, year: 2017 }, target: { comparison: 'at_most', value: 28, year: 2022 } } as const;
const burglaries = { baseline: { value: 65, year: 2017 }, target: { comparison: 'at_most', value: 50, year: 2022 } } as const;
const reportMark = { baseline: { value: 7.5, year: 2017 }, target: { comparison: 'at_least', value: 7.5, year: 2022 } } as const;
const youthNuisance = { baseline: { value: 50, year: 2017 }, target: { comparison: 'at_most', value: 50, year: 2022 } } as const;
const percentage = { baseline: { value: 3.5, year: 2017 }, target: { comparison: 'at_most', value: 3, year: 2022 } } as const;
// An at_least target that asks for improvement: 7.3 in 2017 to at least 7.8 in 2022, 0.1 a year.
const rising = { baseline: { value: 7.3, year: 2017 }, target: { comparison: 'at_least', value: 7.8, year: 2022 } } as const;

type Indicator = { baseline: Baseline; target: Target };
const status = ({ baseline, target }: Indicator, year: number, value: number) => statusOf(baseline, target, { year, value });

describe('JUDGEMENTS', () => {
  it('lists the four judgements from best to worst, without no_data', () => {
    expect(JUDGEMENTS).toEqual(['met', 'on_course', 'attention', 'off_course']);
  });
});

describe('targetHolds', () => {
  it('holds an at_most target for a value below or equal to the target value', () => {
    expect(targetHolds(burglaries.target, 49)).toBe(true);
    expect(targetHolds(burglaries.target, 50)).toBe(true);
    expect(targetHolds(burglaries.target, 51)).toBe(false);
  });

  it('holds an at_least target for a value above or equal to the target value', () => {
    expect(targetHolds(reportMark.target, 7.6)).toBe(true);
    expect(targetHolds(reportMark.target, 7.5)).toBe(true);
    expect(targetHolds(reportMark.target, 7.4)).toBe(false);
  });

  it('treats a value that differs from the target only by float noise as equal', () => {
    const computed = 651 * (1000 / 23_250); // 28.000000000000004
    expect(computed).not.toBe(28);
    expect(targetHolds(crimes.target, computed)).toBe(true);
    expect(targetHolds(reportMark.target, 7.5 - 1e-12)).toBe(true);
  });

  it('does not treat a value beyond the tolerance as equal', () => {
    expect(targetHolds(crimes.target, 28 + 1e-6)).toBe(false);
    expect(targetHolds(reportMark.target, 7.5 - 1e-6)).toBe(false);
  });
});

describe('expectedOnPath', () => {
  it('runs in a straight line from the baseline to the target', () => {
    expect(expectedOnPath(burglaries.baseline, burglaries.target, 2018)).toBe(62);
    expect(expectedOnPath(burglaries.baseline, burglaries.target, 2020)).toBe(56);
    expect(expectedOnPath(crimes.baseline, crimes.target, 2019)).toBeCloseTo(29.5, 12);
    expect(expectedOnPath(rising.baseline, rising.target, 2018)).toBeCloseTo(7.4, 12);
  });

  it('gives the baseline value in the baseline year and the target value in the target year', () => {
    expect(expectedOnPath(crimes.baseline, crimes.target, 2017)).toBe(30.5);
    expect(expectedOnPath(crimes.baseline, crimes.target, 2022)).toBe(28);
  });

  it('gives the baseline value for years before the baseline year', () => {
    expect(expectedOnPath(burglaries.baseline, burglaries.target, 2015)).toBe(65);
  });

  it('gives the target value for years after the target year', () => {
    expect(expectedOnPath(burglaries.baseline, burglaries.target, 2025)).toBe(50);
  });

  it('gives the target value in every year when target and baseline share a year', () => {
    const baseline = { value: 10, year: 2020 };
    const target = { comparison: 'at_most', value: 8, year: 2020 } as const;
    expect(expectedOnPath(baseline, target, 2019)).toBe(8);
    expect(expectedOnPath(baseline, target, 2020)).toBe(8);
    expect(expectedOnPath(baseline, target, 2021)).toBe(8);
  });

  it('is flat for a level-holding target', () => {
    expect(expectedOnPath(youthNuisance.baseline, youthNuisance.target, 2019)).toBe(50);
  });

  it('rejects a target year before the baseline year', () => {
    const target = { comparison: 'at_most', value: 8, year: 2016 } as const;
    expect(() => expectedOnPath(crimes.baseline, target, 2017)).toThrow('het streefjaar 2016 ligt voor het jaar van de nulmeting 2017');
  });
});

describe('statusOf', () => {
  it('reports no_data without a measurement', () => {
    expect(statusOf(crimes.baseline, crimes.target, null)).toBe('no_data');
  });

  describe('for total crimes per 1,000 inhabitants (30.5 in 2017 to at most 28 in 2022)', () => {
    it('calls the target met at exactly the target value, also before the target year', () => {
      expect(status(crimes, 2022, 28)).toBe('met');
      expect(status(crimes, 2019, 28)).toBe('met');
      expect(status(crimes, 2020, 26.1)).toBe('met');
    });

    it('calls a value exactly on the path on course', () => {
      expect(status(crimes, 2019, 29.5)).toBe('on_course');
      expect(status(crimes, 2021, 28.5)).toBe('on_course');
    });

    it('calls a value better than the path on course', () => {
      expect(status(crimes, 2019, 29.1)).toBe('on_course');
    });

    it('calls a value worse than the path but better than the baseline attention', () => {
      expect(status(crimes, 2019, 29.6)).toBe('attention');
      expect(status(crimes, 2022, 30.4)).toBe('attention');
    });

    it('calls a value exactly at the baseline off course after the baseline year', () => {
      expect(status(crimes, 2019, 30.5)).toBe('off_course');
    });

    it('calls a value worse than the baseline off course', () => {
      expect(status(crimes, 2020, 32.1)).toBe('off_course');
    });

    it('calls the baseline itself on course in the baseline year, where the path starts', () => {
      expect(status(crimes, 2017, 30.5)).toBe('on_course');
    });

    it('compares a rate computed from a count and a population as equal to the baseline', () => {
      const computed = 30.5 + 4e-15;
      expect(computed).not.toBe(30.5);
      expect(status(crimes, 2017, computed)).toBe('on_course');
      expect(status(crimes, 2019, computed)).toBe('off_course');
    });

    it('compares a rate computed from a count and a population as equal to the target', () => {
      expect(status(crimes, 2022, 651 * (1000 / 23_250))).toBe('met');
    });

    it('compares a rate that differs from the path only by float noise as on the path', () => {
      expect(status(crimes, 2018, 0.1 * 3 * 100)).toBe('on_course'); // 30.000000000000004 against a path of 30
    });
  });

  describe('for woninginbraken (65 in 2017 to at most 50 in 2022)', () => {
    it('follows the path of three fewer burglaries a year', () => {
      expect(status(burglaries, 2018, 62)).toBe('on_course');
      expect(status(burglaries, 2018, 63)).toBe('attention');
      expect(status(burglaries, 2020, 56)).toBe('on_course');
      expect(status(burglaries, 2020, 57)).toBe('attention');
      expect(status(burglaries, 2020, 65)).toBe('off_course');
      expect(status(burglaries, 2020, 50)).toBe('met');
    });

    it('judges a year before the baseline against the baseline value', () => {
      expect(status(burglaries, 2015, 60)).toBe('on_course');
      expect(status(burglaries, 2015, 65)).toBe('on_course');
      expect(status(burglaries, 2015, 66)).toBe('off_course');
    });

    it('judges a year after the target against the target value', () => {
      expect(status(burglaries, 2024, 50)).toBe('met');
      expect(status(burglaries, 2024, 52)).toBe('attention');
      expect(status(burglaries, 2024, 65)).toBe('off_course');
    });
  });

  describe('for the rapportcijfer (7.5 in 2017 to at least 7.5 in 2022)', () => {
    it('calls a level-holding at_least target met while the value stays at or above the baseline', () => {
      expect(status(reportMark, 2019, 7.5)).toBe('met');
      expect(status(reportMark, 2019, 7.8)).toBe('met');
    });

    it('calls a level-holding at_least target off course as soon as the value drops', () => {
      expect(status(reportMark, 2019, 7.4)).toBe('off_course');
    });
  });

  describe('for meldingen overlast jeugd (50 to at most 50)', () => {
    it('calls a level-holding target met while the value stays at the baseline', () => {
      expect(status(youthNuisance, 2019, 50)).toBe('met');
    });

    it('calls a level-holding target met when the value falls below the baseline', () => {
      expect(status(youthNuisance, 2019, 41)).toBe('met');
    });

    it('calls a level-holding target off course when the value rises above the baseline', () => {
      expect(status(youthNuisance, 2019, 51)).toBe('off_course');
    });
  });

  describe('for a percentage (3.5 in 2017 to at most 3 in 2022)', () => {
    it('follows the path of 0.1 percentage point a year', () => {
      expect(status(percentage, 2020, 3.2)).toBe('on_course');
      expect(status(percentage, 2020, 3.3)).toBe('attention');
      expect(status(percentage, 2020, 3.5)).toBe('off_course');
      expect(status(percentage, 2020, 3)).toBe('met');
    });

    it('compares a percentage computed from a count as equal to the baseline', () => {
      const computed = (7 / 200) * 100; // 3.5000000000000004
      expect(status(percentage, 2017, computed)).toBe('on_course');
      expect(status(percentage, 2020, computed)).toBe('off_course');
    });
  });

  describe('for an at_least target that asks for improvement (7.3 in 2017 to at least 7.8 in 2022)', () => {
    it('calls a value on or above the path on course', () => {
      expect(status(rising, 2019, 7.5)).toBe('on_course');
      expect(status(rising, 2019, 7.6)).toBe('on_course');
      expect(status(rising, 2018, 7.4)).toBe('on_course');
    });

    it('calls a value below the path but above the baseline attention', () => {
      expect(status(rising, 2019, 7.4)).toBe('attention');
    });

    it('calls a value at or below the baseline off course', () => {
      expect(status(rising, 2019, 7.3)).toBe('off_course');
      expect(status(rising, 2019, 7.1)).toBe('off_course');
    });

    it('calls a value at or above the target met', () => {
      expect(status(rising, 2019, 7.8)).toBe('met');
      expect(status(rising, 2022, 7.9)).toBe('met');
    });
  });

  describe('for a target worse than the baseline', () => {
    const allowsGrowth = { baseline: { value: 30, year: 2017 }, target: { comparison: 'at_most', value: 35, year: 2022 } } as const;
    const allowsDecline = { baseline: { value: 7.5, year: 2017 }, target: { comparison: 'at_least', value: 7, year: 2022 } } as const;

    it('calls every value within the target met, even above the baseline', () => {
      expect(status(allowsGrowth, 2019, 34)).toBe('met');
      expect(status(allowsGrowth, 2019, 35)).toBe('met');
      expect(status(allowsDecline, 2019, 7.1)).toBe('met');
    });

    it('calls a value beyond the target off course', () => {
      expect(status(allowsGrowth, 2019, 36)).toBe('off_course');
      expect(status(allowsDecline, 2019, 6.9)).toBe('off_course');
    });
  });

  describe('for a target in the baseline year', () => {
    const sameYear = { baseline: { value: 10, year: 2020 }, target: { comparison: 'at_most', value: 8, year: 2020 } } as const;

    it('calls a value between target and baseline attention, as the path is the target', () => {
      expect(status(sameYear, 2020, 9)).toBe('attention');
      expect(status(sameYear, 2020, 8)).toBe('met');
      expect(status(sameYear, 2020, 10)).toBe('off_course');
    });
  });
});

describe('statusByYear', () => {
  it('gives the status of every measurement, sorted by year', () => {
    const values = [
      { year: 2020, value: 57 },
      { year: 2018, value: 62 },
      { year: 2022, value: 49 },
      { year: 2019, value: 66 },
    ];
    expect(statusByYear(burglaries.baseline, burglaries.target, values)).toEqual([
      { year: 2018, value: 62, status: 'on_course' },
      { year: 2019, value: 66, status: 'off_course' },
      { year: 2020, value: 57, status: 'attention' },
      { year: 2022, value: 49, status: 'met' },
    ]);
  });

  it('gives an empty list without measurements', () => {
    expect(statusByYear(burglaries.baseline, burglaries.target, [])).toEqual([]);
  });

  it('does not reorder the caller’s array', () => {
    const values = [
      { year: 2020, value: 57 },
      { year: 2018, value: 62 },
    ];
    statusByYear(burglaries.baseline, burglaries.target, values);
    expect(values.map((value) => value.year)).toEqual([2020, 2018]);
  });

  it('rejects a year that occurs twice', () => {
    const values = [
      { year: 2019, value: 60 },
      { year: 2020, value: 57 },
      { year: 2019, value: 61 },
    ];
    expect(() => statusByYear(burglaries.baseline, burglaries.target, values)).toThrow(
      'het jaar 2019 komt meer dan eens voor in de meetwaarden',
    );
  });
});

describe('currentStatus', () => {
  it('uses the latest year, whatever the order of the input', () => {
    const values = [
      { year: 2021, value: 28.4 },
      { year: 2018, value: 31 },
      { year: 2019, value: 29.4 },
    ];
    expect(currentStatus(crimes.baseline, crimes.target, values)).toEqual({ status: 'on_course', year: 2021, value: 28.4 });
  });

  it('reports no_data without year and value when there are no measurements', () => {
    expect(currentStatus(crimes.baseline, crimes.target, [])).toEqual({ status: 'no_data', year: null, value: null });
  });

  it('rejects a year that occurs twice', () => {
    const values = [
      { year: 2021, value: 28.4 },
      { year: 2021, value: 28.5 },
    ];
    expect(() => currentStatus(crimes.baseline, crimes.target, values)).toThrow(Error);
  });
});

describe('projectTo', () => {
  it('returns null without measurements', () => {
    expect(projectTo([], 2022)).toBeNull();
  });

  it('draws a flat, unreliable line through a single measurement', () => {
    expect(projectTo([{ year: 2019, value: 29 }], 2022)).toEqual({
      slope: 0,
      intercept: 29,
      targetYear: 2022,
      projectedValue: 29,
      pointsUsed: 1,
      reliable: false,
      line: [
        { year: 2019, value: 29 },
        { year: 2020, value: 29 },
        { year: 2021, value: 29 },
        { year: 2022, value: 29 },
      ],
    });
  });

  it('draws the line through two measurements exactly, but calls it unreliable', () => {
    const projection = projectTo(
      [
        { year: 2020, value: 56 },
        { year: 2018, value: 60 },
      ],
      2022,
    );
    expect(projection?.slope).toBeCloseTo(-2, 12);
    expect(projection?.projectedValue).toBeCloseTo(52, 9);
    expect(projection?.pointsUsed).toBe(2);
    expect(projection?.reliable).toBe(false);
    expect(projection?.line.map((point) => point.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
    expect(projection?.line.map((point) => point.value)).toEqual([60, 58, 56, 54, 52].map((value) => expect.closeTo(value, 9)));
  });

  it('fits three points by least squares and calls the line reliable', () => {
    // Mean year 2020, mean value 13; Σ(dx·dy) = 3 + 0 + 4 = 7; Σdx² = 2; slope 3.5; intercept 13 - 3.5·2020 = -7057.
    const projection = projectTo(
      [
        { year: 2019, value: 10 },
        { year: 2020, value: 12 },
        { year: 2021, value: 17 },
      ],
      2023,
    );
    expect(projection?.slope).toBeCloseTo(3.5, 12);
    expect(projection?.intercept).toBeCloseTo(-7057, 9);
    expect(projection?.projectedValue).toBeCloseTo(23.5, 9);
    expect(projection?.pointsUsed).toBe(3);
    expect(projection?.reliable).toBe(true);
  });

  it('fits four unsorted crime rates against hand-computed numbers', () => {
    // Years 2017-2020 centred on 2018.5: dx = -1.5, -0.5, 0.5, 1.5; mean value 28.725;
    // Σ(dx·dy) = -5.55, Σdx² = 5, so slope -1.11, intercept 28.725 + 1.11·2018.5 = 2269.26,
    // and the value in 2022 is 28.725 - 1.11·3.5 = 24.84.
    const projection = projectTo(
      [
        { year: 2019, value: 28.4 },
        { year: 2017, value: 30.5 },
        { year: 2020, value: 27 },
        { year: 2018, value: 29 },
      ],
      2022,
    );
    expect(projection?.slope).toBeCloseTo(-1.11, 12);
    expect(projection?.intercept).toBeCloseTo(2269.26, 8);
    expect(projection?.projectedValue).toBeCloseTo(24.84, 9);
    expect(projection?.pointsUsed).toBe(4);
    expect(projection?.reliable).toBe(true);
    expect(projection?.line.map((point) => point.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
    expect(projection?.line[0]?.value).toBeCloseTo(28.725 + 1.11 * 1.5, 9);
    expect(projection?.line[5]?.value).toBeCloseTo(24.84, 9);
  });

  it('keeps the line consistent with slope and intercept', () => {
    const projection = projectTo(
      [
        { year: 2015, value: 80 },
        { year: 2017, value: 65 },
        { year: 2018, value: 61 },
      ],
      2022,
    );
    for (const point of projection?.line ?? []) {
      expect(point.value).toBeCloseTo((projection?.intercept ?? 0) + (projection?.slope ?? 0) * point.year, 6);
    }
  });

  it('stops the line at a target year inside the measured years', () => {
    const projection = projectTo(
      [
        { year: 2018, value: 10 },
        { year: 2019, value: 11 },
        { year: 2020, value: 12 },
        { year: 2021, value: 13 },
      ],
      2019,
    );
    expect(projection?.line).toEqual([
      { year: 2018, value: expect.closeTo(10, 9) },
      { year: 2019, value: expect.closeTo(11, 9) },
    ]);
    expect(projection?.pointsUsed).toBe(4);
  });

  it('runs the line from the target year to the first known year when the target year comes first', () => {
    const projection = projectTo([{ year: 2020, value: 5 }], 2018);
    expect(projection?.line).toEqual([
      { year: 2018, value: 5 },
      { year: 2019, value: 5 },
      { year: 2020, value: 5 },
    ]);
  });

  it('rejects a year that occurs twice', () => {
    expect(() =>
      projectTo(
        [
          { year: 2019, value: 10 },
          { year: 2019, value: 11 },
        ],
        2022,
      ),
    ).toThrow('het jaar 2019 komt meer dan eens voor in de meetwaarden');
  });
});

describe('projectedStatus', () => {
  const projection = (targetYear: number, projectedValue: number): Projection => ({
    slope: 0,
    intercept: projectedValue,
    targetYear,
    projectedValue,
    pointsUsed: 3,
    reliable: true,
    line: [],
  });

  it('reports no_data without a projection', () => {
    expect(projectedStatus(burglaries.baseline, burglaries.target, null)).toBe('no_data');
  });

  it('calls a projection that reaches the target met', () => {
    expect(projectedStatus(burglaries.baseline, burglaries.target, projection(2022, 48))).toBe('met');
  });

  it('judges a projection that falls short in the target year against the baseline', () => {
    expect(projectedStatus(burglaries.baseline, burglaries.target, projection(2022, 55))).toBe('attention');
    expect(projectedStatus(burglaries.baseline, burglaries.target, projection(2022, 70))).toBe('off_course');
  });

  it('judges a projection computed by projectTo', () => {
    const values = [
      { year: 2017, value: 65 },
      { year: 2018, value: 63 },
      { year: 2019, value: 62 },
    ];
    // Slope -1.5 from 63.33 in 2018 gives 57.33 in 2022: short of 50, better than 65.
    expect(projectedStatus(burglaries.baseline, burglaries.target, projectTo(values, 2022))).toBe('attention');
  });

  it('uses the projection’s own target year for the path', () => {
    expect(projectedStatus(burglaries.baseline, burglaries.target, projection(2020, 56))).toBe('on_course');
  });
});

describe('pathLine', () => {
  it('gives one point per year from the baseline year to the target year', () => {
    expect(pathLine(burglaries.baseline, burglaries.target)).toEqual([
      { year: 2017, value: 65 },
      { year: 2018, value: 62 },
      { year: 2019, value: 59 },
      { year: 2020, value: 56 },
      { year: 2021, value: 53 },
      { year: 2022, value: 50 },
    ]);
  });

  it('gives a flat line for a level-holding target', () => {
    expect(pathLine(youthNuisance.baseline, youthNuisance.target).map((point) => point.value)).toEqual([50, 50, 50, 50, 50, 50]);
  });

  it('gives the target as a single point when target and baseline share a year', () => {
    expect(pathLine({ value: 10, year: 2020 }, { comparison: 'at_most', value: 8, year: 2020 })).toEqual([{ year: 2020, value: 8 }]);
  });

  it('rejects a target year before the baseline year', () => {
    expect(() => pathLine({ value: 10, year: 2020 }, { comparison: 'at_most', value: 8, year: 2019 })).toThrow(Error);
  });
});
