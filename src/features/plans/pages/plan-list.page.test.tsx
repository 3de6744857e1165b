import { describe, expect, it } from 'vitest';
import { createPlanPages } from '../plan.pages.js';
import { fakeReader, getPage, titleOf, visibleText } from './page-test-helpers.js';
import { fixturePlan } from './plan.fixture.js';

describe('the plan list', () => {
  it('shows each plan with municipality, period, status in words and adoption date', async () => {
    const page = await getPage('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Integraal Veiligheidsplan 2019-2022');
    expect(page.text).toContain('Maasgouw');
    expect(page.text).toContain('2019-2022');
    expect(page.text).toContain('Vastgesteld');
    expect(page.text).toContain('29 januari 2019');
  });

  it('links each plan to its overview', async () => {
    const page = await getPage('/');
    expect(page.html).toContain(`href="/plannen/${fixturePlan.id}"`);
  });

  it('is a Dutch page with a skip link, one h1 and the product name', async () => {
    const page = await getPage('/');
    expect(page.html.startsWith('<!DOCTYPE html><html lang="nl"')).toBe(true);
    expect(page.html).toContain('href="#inhoud"');
    expect(page.html).toContain('<main id="inhoud"');
    expect(page.html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(titleOf(page.html)).toBe('Integrale veiligheidsplannen - Koers');
  });

  it('loads only external stylesheets, with no inline style or script', async () => {
    const page = await getPage('/');
    expect(page.html).toMatch(/<link rel="stylesheet" href="\/assets\/koers\.css\?v=[0-9a-f]{12}"/);
    expect(page.html).not.toMatch(/style=|<style|<script(?![^>]*\ssrc="\/assets\/)/);
  });
});

describe('the English catalogue', () => {
  it('renders the same page in English with lang="en", keeping Dutch number and date notation', async () => {
    const response = await createPlanPages(fakeReader, { locale: 'en' }).request('/');
    const html = await response.text();
    expect(html).toContain('<html lang="en"');
    expect(visibleText(html)).toContain('Integral safety plans');
    expect(visibleText(html)).toContain('Adopted');
    expect(visibleText(html)).toContain('29 januari 2019');
  });
});
