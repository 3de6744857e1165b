import { describe, expect, it } from 'vitest';
import { listElements } from '../../../domain/plan-elements.js';
import { messagesFor } from '../../../web/messages.js';
import { readExampleDocument } from '../example-plan.js';
import { planContentFromDocument } from '../plan-document.mapper.js';
import { elementFromDocument, elementToDocument, planFieldsToDocument } from '../plan-element-documents.js';
import { elementFields, planFields, readElementForm, readPlanFieldsForm } from './element-forms.js';
import { choiceName, fieldOf, formPath, isoDate, lineCountName, valuesOf } from './form-model.js';

const m = messagesFor();
const content = planContentFromDocument((await readExampleDocument()) as never);

describe('the edit forms', () => {
  it('give back every element of the example unchanged when sent as shown', () => {
    const changed: string[] = [];
    for (const entry of listElements(content)) {
      const stored = elementToDocument(entry.kind, entry.value, entry.parentKey) as Record<string, unknown>;
      const context = { m, content, key: entry.key, stored };
      const specs = elementFields(entry.kind, context);
      const read = readElementForm(entry.kind, specs, valuesOf(specs, stored), context);
      if (!read.ok) {
        changed.push(`${entry.kind} ${entry.key}: ${JSON.stringify(read.problems)}`);
        continue;
      }
      const again = elementFromDocument(entry.kind, read.document, content, entry.key);
      if (JSON.stringify(again.value) !== JSON.stringify(entry.value) || again.parentKey !== entry.parentKey)
        changed.push(`${entry.kind} ${entry.key}: ${JSON.stringify(entry.value)} -> ${JSON.stringify(again.value)}`);
    }
    expect(changed).toEqual([]);
  });

  it('give back the plan’s own fields unchanged', () => {
    const specs = planFields(m);
    const stored = planFieldsToDocument(content);
    const read = readPlanFieldsForm(m, specs, valuesOf(specs, stored as unknown as Record<string, unknown>));
    expect(read.ok && read.document).toEqual(stored);
  });

  it('read Dutch numbers, leave empty optional fields null, and name what cannot be read', () => {
    const specs = elementFields('activity', { m, content });
    const read = readElementForm(
      'activity',
      specs,
      {
        onderdeel: 'casusaanpak',
        naam: 'Huisbezoeken',
        omschrijving: 'Bij nieuwe meldingen',
        cluster: '  ',
        'hoeveelheid.waarde': '1.250,5',
        'hoeveelheid.eenheid': 'bezoeken',
        [choiceName('partners', 'politie')]: 'ja',
        'planning.vanafJaar': 'twintig',
      },
      { m, content },
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([{ path: 'planning.vanafJaar', message: m.editing.form.notANumber('twintig') }]);
    expect(read.values['hoeveelheid.waarde']).toBe('1.250,5');
    const fixed = readElementForm('activity', specs, { ...read.values, 'planning.vanafJaar': '2020' }, { m, content });
    expect(fixed.ok && fixed.document).toMatchObject({
      cluster: null,
      hoeveelheid: { waarde: 1250.5, eenheid: 'bezoeken' },
      partners: ['politie'],
      planning: { doorlopend: false, vanafJaar: 2020, vanafKwartaal: null, totJaar: null },
    });
  });

  it('make a key from the name of a new element that needs one, unique in the plan', () => {
    const specs = elementFields('goal', { m, content });
    const title = (content.goals[0]?.key ?? '').replaceAll('-', ' ');
    const read = readElementForm('goal', specs, { titel: title, omschrijving: 'Nog een keer' }, { m, content });
    expect(read.ok && read.document.sleutel).toMatch(/-2$/);
  });

  it('leave out lines of a list that were left empty, and name the problems of the others by their line on the form', () => {
    const context = { m, content, lineCounts: { hoofdlijnen: 3 } };
    const specs = elementFields('theme', context);
    const read = readElementForm(
      'theme',
      specs,
      {
        soort: 'strategisch',
        nummer: '11',
        paragraaf: '6.12',
        naam: 'Cyber',
        samenvatting: 'x',
        doelstelling: 'y',
        kwalitatieveBeoordeling: 'z',
        redenEigenThema: 'eigen',
        [lineCountName('hoofdlijnen')]: '3',
        'hoofdlijnen[0].titel': '',
        'hoofdlijnen[0].omschrijving': '',
        'hoofdlijnen[2].titel': 'Alleen een titel',
      },
      context,
    );
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems).toEqual([{ path: 'hoofdlijnen[2].omschrijving', message: 'mag niet leeg zijn' }]);
  });

  it('find the field of a problem by the longest name its path starts with', () => {
    const names = ['partners', 'koppeling', 'koppeling.teller.dimensies', 'planning', 'planning.vanafJaar'];
    expect(fieldOf('partners[3]', names)).toBe('partners');
    expect(fieldOf('koppeling.teller.dimensies.SoortMisdrijf[0]', names)).toBe('koppeling.teller.dimensies');
    expect(fieldOf('planning.vanafJaar', names)).toBe('planning.vanafJaar');
    expect(fieldOf('$.plan.themas[0].naam', names)).toBeUndefined();
    expect(formPath('hoofdlijnen[0].titel', new Map([['hoofdlijnen[0]', 'hoofdlijnen[2]']]))).toBe('hoofdlijnen[2].titel');
  });

  it('read a date as people write it', () => {
    expect(isoDate('29-01-2027')).toBe('2027-01-29');
    expect(isoDate('1-6-2028')).toBe('2028-06-01');
    expect(isoDate('29 januari 2027')).toBe('2027-01-29');
    expect(isoDate('2027-01-29')).toBe('2027-01-29');
    expect(isoDate('31-02-2027')).toBeNull();
    expect(isoDate('morgen')).toBeNull();
  });
});
