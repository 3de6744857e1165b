import { describe, expect, it } from 'vitest';
import { getPage } from './page-test-helpers.js';
import { FIXTURE_PLAN_ID, THEME_IDS } from './plan.fixture.js';

const plan = `/plannen/${FIXTURE_PLAN_ID}`;
const PATHS = [
  '/',
  plan,
  `${plan}/dekking`,
  `${plan}/themas/${THEME_IDS.overlast}`,
  `${plan}/uitvoeringsplan`,
  `${plan}/partners`,
  `${plan}/partners/politie`,
  `${plan}/indicatoren`,
];

describe.each(PATHS)('the page %s', (path) => {
  it('names the column of every data cell (data-label), so a phone can show each row as a card', async () => {
    const { status, html } = await getPage(path);
    expect(status).toBe(200);
    const cells = html.match(/<td[\s>][^>]*/g) ?? [];
    expect(cells.filter((cell) => !/data-label="[^"]+"/.test(cell))).toEqual([]);
  });

  it('carries no inline style or script, so it works under the strict CSP', async () => {
    const { html } = await getPage(path);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/<style|<script(?![^>]*\ssrc="\/assets\/)|\son[a-z]+=/i);
  });
});
