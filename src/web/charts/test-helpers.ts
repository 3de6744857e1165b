/**
 * Shared checks for the chart tests: parse a rendered SVG string back into a
 * DOM and assert what every chart must satisfy (one <svg>, role="img", title
 * and desc it is labelled by, nothing a strict CSP would block).
 */
import { parseHTML } from 'linkedom';
import { expect } from 'vitest';

export function parseSvg(markup: string): Element {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${markup}</body></html>`);
  const roots = document.body.children;
  expect(roots.length).toBe(1);
  const svg = roots[0]!;
  expect(svg.tagName.toLowerCase()).toBe('svg');
  return svg;
}

/** Checks the rules every chart meets and returns the parsed <svg>. */
export function expectAccessibleSafeSvg(markup: string, idPrefix: string): Element {
  expect(markup).not.toMatch(/<style/i);
  expect(markup).not.toMatch(/style=/i);
  expect(markup).not.toMatch(/<script/i);
  expect(markup).not.toMatch(/\son[a-z]+=/i);
  expect(markup.match(/<svg\b/g)).toHaveLength(1);
  const svg = parseSvg(markup);
  expect(svg.getAttribute('role')).toBe('img');
  expect(svg.getAttribute('aria-labelledby')).toBe(`${idPrefix}-title ${idPrefix}-desc`);
  expect(svg.getAttribute('class')).toBe('koers-chart');
  const [first, second] = [...svg.children];
  expect(first?.tagName.toLowerCase()).toBe('title');
  expect(first?.getAttribute('id')).toBe(`${idPrefix}-title`);
  expect(second?.tagName.toLowerCase()).toBe('desc');
  expect(second?.getAttribute('id')).toBe(`${idPrefix}-desc`);
  expect(svg.querySelectorAll('[id]').length).toBe(new Set([...svg.querySelectorAll('[id]')].map((e) => e.getAttribute('id'))).size);
  for (const element of svg.querySelectorAll('[id]')) expect(element.getAttribute('id')?.startsWith(`${idPrefix}-`)).toBe(true);
  return svg;
}

/** Text of every <text> inside elements with the given class. */
export function textsIn(svg: Element, className: string): string[] {
  return [...svg.querySelectorAll(`.${className} text`)].map((text) => text.textContent ?? '');
}

export function descriptionOf(svg: Element): string {
  return svg.querySelector('desc')?.textContent ?? '';
}
