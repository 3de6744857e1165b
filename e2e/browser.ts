/**
 * Shared helpers for the browser tests: Debian's Chromium driven by
 * playwright-core (never a downloaded browser), axe-core for accessibility,
 * and a watch on Content-Security-Policy violations.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** False where Debian's Chromium is missing; the suites then skip with this message. */
export const hasChromium = existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_MESSAGE = `Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (install it with: apt-get install -y chromium)`;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A page that records every CSP violation and uncaught error, so a test can
 * prove the app needs no inline script or style.
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, problems };
}

/** Logs the browser context in through the login form, as a person does; its later pages share the session. */
export async function logIn(context: BrowserContext, baseUrl: string, email: string, password: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${baseUrl}/account`);
  await page.close();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns
 * the violations of impact serious or critical. axe is evaluated through the
 * DevTools protocol, which the page's CSP does not block, so the page under
 * test keeps its real CSP.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const alreadyThere = await page.evaluate(() => 'axe' in window);
  if (!alreadyThere) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** A readable line per violation, for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.targets.join(', ')}`)
    .join('\n');
}

/**
 * What every page must do, checked where the test stands now: one h1, the
 * language Dutch, no serious or critical axe finding, no CSP violation.
 */
export async function expectSoundPage(page: Page, problems: string[], what: string): Promise<void> {
  expect(await page.locator('h1').count(), `${what}: one h1`).toBe(1);
  expect(await page.getAttribute('html', 'lang'), `${what}: lang`).toBe('nl');
  const violations = await seriousAccessibilityViolations(page);
  expect(violations, `${what}: ${describeViolations(violations)}`).toEqual([]);
  expect(problems, `${what}: CSP violations or script errors`).toEqual([]);
}
