import { describe, expect, it } from 'vitest';
import { getPage } from './page-test-helpers.js';
import { FIXTURE_PLAN_ID } from './plan.fixture.js';

const plan = `/plannen/${FIXTURE_PLAN_ID}`;
const lines = (text: string) => text.split('\r\n').filter(Boolean);

describe('the CSV downloads of the plan', () => {
  it('gives the implementation plan with the page’s filter applied', async () => {
    const all = lines((await getPage(`${plan}/uitvoeringsplan.csv`)).html);
    expect(all[0]).toBe('Thema;Onderdeel;Activiteit;Omschrijving;Omvang;Frequentie;Bestuurlijk trekker;Partners;Planning');
    const filtered = lines((await getPage(`${plan}/uitvoeringsplan.csv?partner=riec`)).html);
    expect(filtered).toHaveLength(2);
    expect(filtered[1]).toBe(
      'Prioriteit 2: Georganiseerde, ondermijnende criminaliteit;Basisinstrumentarium;Casusbespreking en -aanpak;Omschrijving van casusbespreking en -aanpak.;;;Burgemeester;OOV, Servicecentrum MER, RIEC Limburg, Politie;doorlopend',
    );
    expect(all.length).toBeGreaterThan(filtered.length);
  });

  it('refuses a filter value the plan does not know, as the page does', async () => {
    expect((await getPage(`${plan}/uitvoeringsplan.csv?partner=onbekend`)).status).toBe(400);
  });

  it('gives every indicator with numbers the Dutch way', async () => {
    const { status, html: text } = await getPage(`${plan}/indicatoren.csv`);
    expect(status).toBe(200);
    expect(lines(text)[0]).toBe(
      'Geldt voor;Indicator;Bron;Eenheid;Nulmeting;Jaar nulmeting;Vergelijking;Streefwaarde;Streefjaar;Reekscode',
    );
    expect(text).toContain(
      'Hele plan;Totaal misdrijven per 1.000 inwoners;Politie / waarstaatjegemeente.nl;per 1.000 inwoners;30,5;2017;hoogstens;28;2022;',
    );
  });
});

describe('the links to the CSV downloads', () => {
  it('keep the implementation plan’s filter', async () => {
    const { html } = await getPage(`${plan}/uitvoeringsplan?partner=riec&planning=doorlopend`);
    expect(html).toContain(`href="${plan}/uitvoeringsplan.csv?partner=riec&amp;planning=doorlopend" download`);
  });

  it('are on the indicators page', async () => {
    expect((await getPage(`${plan}/indicatoren`)).html).toContain(`href="${plan}/indicatoren.csv" download`);
  });
});
