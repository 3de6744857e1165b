import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../web/messages.js';
import { parseAssessmentForm, parseBbvForm, parseMeasurementForm } from './monitor-forms.js';

const m = messagesFor();

describe('parseMeasurementForm', () => {
  it('reads a month, a Dutch number with its percent sign, and the suppressed box', () => {
    expect(parseMeasurementForm(m, { periode: 'maart 2021', waarde: '12,5%', afgeschermd: 'ja', toelichting: ' schatting ' })).toEqual({
      values: { periode: 'maart 2021', waarde: '12,5%', teller: '', noemer: '', toelichting: 'schatting', afgeschermd: 'ja' },
      input: {
        period: { kind: 'month', year: 2021, number: 3 },
        value: 12.5,
        suppressed: true,
        numerator: null,
        denominator: null,
        note: 'schatting',
      },
      problems: [],
    });
  });

  it('reads numerator and denominator with thousands separators', () => {
    const parsed = parseMeasurementForm(m, { periode: '2021', teller: '723', noemer: '23.712' });
    expect(parsed.input).toMatchObject({ value: null, numerator: 723, denominator: 23712 });
  });

  it('names every field it cannot read', () => {
    expect(parseMeasurementForm(m, { periode: '', waarde: 'veel', noemer: '1,2,3' }).problems).toEqual([
      { path: 'periode', message: 'Vul dit in.' },
      { path: 'waarde', message: '“veel” is geen getal. Schrijf bijvoorbeeld 30,5 of 1.234.' },
      { path: 'noemer', message: '“1,2,3” is geen getal. Schrijf bijvoorbeeld 30,5 of 1.234.' },
    ]);
  });
});

describe('parseAssessmentForm', () => {
  it('needs a year, a judgement from the scale and a text', () => {
    expect(parseAssessmentForm(m, { jaar: '21', oordeel: 'no_data', tekst: '' }).problems.map((problem) => problem.path)).toEqual([
      'jaar',
      'oordeel',
      'tekst',
    ]);
    expect(parseAssessmentForm(m, { jaar: '2021', oordeel: 'off_course', tekst: 'Achter.' }).input).toEqual({
      year: 2021,
      judgement: 'off_course',
      text: 'Achter.',
    });
  });
});

describe('parseBbvForm', () => {
  it('takes a whole count of 0 or more', () => {
    expect(parseBbvForm(m, { gemeente: 'GM1641', jaar: '2021', aantal: '1.024' }).input).toEqual({
      municipality: 'GM1641',
      year: 2021,
      value: 1024,
    });
    expect(parseBbvForm(m, { gemeente: 'GM1641', jaar: '2021', aantal: '2,5' }).problems).toEqual([
      { path: 'aantal', message: '“2,5” is geen aantal. Vul een heel getal van 0 of meer in, zoals 12.' },
    ]);
  });
});
