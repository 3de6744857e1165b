/**
 * The prioritisation page through the whole app, the way a browser without
 * JavaScript uses it: open the page, send a form with its CSRF token and the
 * version it showed, follow the redirect. The coordinator renames, reweighs,
 * removes and adds criteria, scores themes, takes the proposed choice and
 * makes the next plan's concept; bad input comes back with the messages at
 * the fields and what was typed; a stale form is refused; readers see the
 * ranking without forms.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

type Who = 'coordinator' | 'lezer' | 'partner';

/** The fields a browser sends for a form: inputs (checked boxes only), selected options. */
function formFields(html: string, action: string): Record<string, string> {
  const { document } = parseHTML(html);
  const form = document.querySelector(`main form[action="${action}"]`);
  if (!form) throw new Error(`no form to ${action} on the page`);
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const type = input.getAttribute('type') ?? 'text';
    if (type === 'checkbox' && !input.hasAttribute('checked')) continue;
    fields[input.getAttribute('name') as string] = input.getAttribute('value') ?? '';
  }
  for (const select of form.querySelectorAll('select')) {
    const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
    fields[select.getAttribute('name') as string] = chosen?.getAttribute('value') ?? '';
  }
  return fields;
}

const text = (html: string) => (parseHTML(html).document.querySelector('main')?.textContent ?? '').replace(/\s+/g, ' ');
const errorAt = (html: string, id: string) => parseHTML(html).document.getElementById(`${id}-fout`)?.textContent ?? '';
const shownValue = (html: string, id: string) => parseHTML(html).document.getElementById(id)?.getAttribute('value') ?? null;

let handle: DatabaseHandle;
let services: ReturnType<typeof createServices>;
let app: ReturnType<typeof createApp>;
let planId: string;
const sessions = {} as Record<Who, string>;

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle);
  app = createApp(services);
  planId = (await loadExampleIfEmpty(services.plans))!.id;
  const accounts = new AccountRepository(handle.db);
  for (const who of ['coordinator', 'lezer', 'partner'] as const) {
    const userId = await services.auth.createUser({ name: who, email: `${who}@maasgouw.example`, password: null, isAdministrator: false });
    await accounts.grantRole(userId, 'GM1641', who, who === 'partner' ? { partnerKey: 'politie', portfolioHolderKey: null } : undefined);
    sessions[who] = (await services.auth.openSession(userId, '127.0.0.1')).sessionToken;
  }
}, 120_000);
afterAll(() => handle.close());

const page = () => `/plannen/${planId}/prioritering`;
const cookie = (who: Who | null): Record<string, string> => (who ? { Cookie: `__Host-koers-sessie=${sessions[who]}` } : {});
const get = async (who: Who | null, path = page()) => {
  const response = await app.request(path, { headers: cookie(who) });
  return { status: response.status, html: await response.text() };
};
const post = async (who: Who, path: string, fields: Record<string, string>) => {
  const csrf = /name="_csrf" value="([^"]+)"/.exec((await get(who, '/account')).html)?.[1] ?? '';
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...cookie(who) },
    body: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
  });
  return { status: response.status, location: response.headers.get('Location'), html: await response.text() };
};
/** Opens the page and sends one of its forms as shown, with these fields changed (null: left out). */
const submit = async (part: string, changes: Record<string, string | null> = {}) => {
  const shown = await get('coordinator');
  expect(shown.status).toBe(200);
  const fields = formFields(shown.html, `${page()}/${part}`);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete fields[name];
    else fields[name] = value;
  }
  return post('coordinator', `${page()}/${part}`, fields);
};
const state = async () => (await services.prioritisation.view(SYSTEM, planId, { facts: false })).state;

describe('the prioritisation page', () => {
  it('shows the coordinator every form, and says the trends are missing while no police figures are stored', async () => {
    const shown = await get('coordinator');
    expect(shown.status).toBe(200);
    const { document } = parseHTML(shown.html);
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(document.querySelectorAll('main form[method="post"]')).toHaveLength(4);
    expect(document.querySelector('.koers-plan-nav [aria-current="page"]')?.textContent).toBe('Prioritering');
    expect(text(shown.html)).toContain('Er is nog niets bewaard');
    expect(text(shown.html)).toContain('de cijfers van de politie zijn nog niet opgehaald');
    expect(text(shown.html)).toContain('Vorig plan: prioriteit.');
    expect(shownValue(shown.html, 'prioritering-titel')).toBe('Integraal Veiligheidsplan 2023-2026');
  });

  it('renames, reweighs, removes and adds criteria, keeping the keys of those that stay', async () => {
    const sent = await submit('criteria', {
      'criterium-0-naam': 'omvang en ontwikkeling',
      'criterium-0-gewicht': '1,5',
      'criterium-1-weg': 'ja',
      'nieuw-naam': 'Beleving van inwoners',
      'nieuw-gewicht': '2',
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${page()}?gedaan=criteria`);
    expect((await state()).criteria).toEqual([
      { key: 'omvang-en-trend', name: 'omvang en ontwikkeling', weight: 1.5 },
      { key: 'impact-op-inwoners', name: 'impact op inwoners', weight: 1 },
      { key: 'wens-van-de-raad', name: 'wens van de raad', weight: 1 },
      { key: 'wettelijke-taak', name: 'wettelijke taak', weight: 1 },
      { key: 'beleving-van-inwoners', name: 'Beleving van inwoners', weight: 2 },
    ]);
    expect(text((await get('coordinator', sent.location ?? '')).html)).toContain('De criteria zijn bewaard.');
  });

  it('shows bad criteria again with every message at its field and what was typed, and saves nothing', async () => {
    const before = (await state()).version;
    const sent = await submit('criteria', {
      'criterium-0-gewicht': 'veel',
      'criterium-2-naam': '',
      'nieuw-naam': 'Extra',
      'nieuw-gewicht': '101',
    });
    expect(sent.status).toBe(400);
    expect(errorAt(sent.html, 'prioritering-criterium-0-gewicht')).toBe('een gewicht is een getal, zoals 1 of 1,5');
    expect(errorAt(sent.html, 'prioritering-criterium-2-naam')).toBe('geef het criterium een naam');
    expect(errorAt(sent.html, 'prioritering-nieuw-gewicht')).toBe('een gewicht is een getal van 0 tot en met 100');
    expect(shownValue(sent.html, 'prioritering-criterium-0-gewicht')).toBe('veel');
    expect(shownValue(sent.html, 'prioritering-nieuw-naam')).toBe('Extra');
    const summary = parseHTML(sent.html).document.querySelector('.koers-error-summary')?.textContent ?? '';
    expect(summary).toContain('Gewicht van criterium 1: een gewicht is een getal, zoals 1 of 1,5');
    expect(summary).toContain('Naam van criterium 3: geef het criterium een naam');
    expect((await state()).version).toBe(before);
  });

  it('saves scores and notes, and ranks the themes with their reasons', async () => {
    const sent = await submit('scores', {
      'score-3.1-omvang-en-trend': '5',
      'score-3.1-impact-op-inwoners': '4',
      'score-5.2-omvang-en-trend': '4',
      'score-5.2-beleving-van-inwoners': '5',
      'score-1.3-omvang-en-trend': '3',
      'score-4.1-wens-van-de-raad': '1',
      'toelichting-3.1': 'Meer meldingen bij het station.',
    });
    expect(sent.status).toBe(303);
    const saved = await state();
    expect(saved.scores['3.1']).toEqual({ 'omvang-en-trend': 5, 'impact-op-inwoners': 4 });
    expect(saved.notes).toEqual({ '3.1': 'Meer meldingen bij het station.' });
    const shown = text((await get('coordinator')).html);
    expect(shown).toContain('21 thema’s zijn nog niet gescoord.');
    expect(shown).toContain('omvang en ontwikkeling: 5 van 5 (weegt 1,5 keer)');
  });

  it('refuses a score out of range at its field', async () => {
    const sent = await submit('scores', { 'score-3.1-omvang-en-trend': '7' });
    expect(sent.status).toBe(400);
    expect(errorAt(sent.html, 'prioritering-score-3-1-omvang-en-trend')).toBe('een score is een heel getal van 0 tot en met 5');
  });

  it('fills the choice in with the proposal, and saves it in the order given', async () => {
    const shown = formFields((await get('coordinator')).html, `${page()}/keuze`);
    // 5.2: (4 × 1,5 + 5 × 2) / 3,5 = 4,57; 3.1: (5 × 1,5 + 4) / 2,5 = 4,6; 1.3: 3; 4.1: 1.
    expect(shown['keuze-3.1']).toBe('prioriteit');
    expect(shown['keuze-5.2']).toBe('prioriteit');
    expect(shown['keuze-1.3']).toBe('prioriteit');
    expect(shown['keuze-4.1']).toBe('strategisch');
    const sent = await submit('keuze', { 'volgorde-5.2': '1', 'volgorde-3.1': '2', 'keuze-D.1': 'strategisch', 'volgorde-D.1': '' });
    expect(sent.status).toBe(303);
    expect(await state()).toMatchObject({ priorities: ['5.2', '3.1', '1.3'], strategic: ['4.1', 'D.1'] });
  });

  it('refuses a form sent on a version that is no longer current, showing the prioritisation as it is now', async () => {
    const shown = await get('coordinator');
    const fields = formFields(shown.html, `${page()}/keuze`);
    await submit('keuze');
    const sent = await post('coordinator', `${page()}/keuze`, { ...fields, 'keuze-2.1': 'prioriteit' });
    expect(sent.status).toBe(409);
    expect(text(sent.html)).toContain('Iemand anders heeft de prioritering intussen bewaard');
    expect((await state()).priorities).not.toContain('2.1');
  });

  it('shows the ranking without forms to a council member and a resident, and refuses a partner’s form', async () => {
    for (const who of ['lezer', null] as const) {
      const shown = await get(who);
      expect(shown.status).toBe(200);
      expect(parseHTML(shown.html).document.querySelectorAll('main form[method="post"]')).toHaveLength(0);
      expect(text(shown.html)).toContain('Voorgestelde rangorde');
    }
    const fields = formFields((await get('coordinator')).html, `${page()}/scores`);
    expect((await post('partner', `${page()}/scores`, fields)).status).toBe(403);
  });

  it('makes the concept of the next plan from the page, and then shows the link to it instead of the forms', async () => {
    const bad = await submit('volgend-plan', { van: 'volgend jaar' });
    expect(bad.status).toBe(400);
    expect(errorAt(bad.html, 'prioritering-van')).toBe('een jaartal, zoals 2023');
    const made = await submit('volgend-plan', { titel: 'Veiligheidsplan Maasgouw 2023-2026' });
    expect(made.status).toBe(303);
    const conceptId = (await state()).conceptPlanId;
    expect(made.location).toBe(`/plannen/${conceptId}`);
    const concept = await services.plans.getPlan(SYSTEM, conceptId as string);
    expect(concept).toMatchObject({ title: 'Veiligheidsplan Maasgouw 2023-2026', predecessorId: planId });
    const shown = await get('coordinator');
    expect(parseHTML(shown.html).document.querySelectorAll('main form[method="post"]')).toHaveLength(0);
    expect(text(shown.html)).toContain('Van deze prioritering is het concept Veiligheidsplan Maasgouw 2023-2026 gemaakt.');
    const wasWordt = await get('coordinator', `/plannen/${conceptId}/was-wordt`);
    expect(text(wasWordt.html)).toContain('wordt prioriteit');
  });
});
