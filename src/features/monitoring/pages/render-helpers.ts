/** Renders a page component to HTML for tests, with the helpers of the plan page tests. */
import type { HtmlEscapedString } from 'hono/utils/html';
import { renderDocument } from '../../../web/layout.js';
import { elements, titleOf, visibleText } from '../../plans/pages/page-test-helpers.js';

export interface Rendered {
  html: string;
  /** The visible text, tags removed and whitespace collapsed. */
  text: string;
}

export function render(page: HtmlEscapedString | Promise<HtmlEscapedString>): Rendered {
  const html = renderDocument(page);
  return { html, text: visibleText(html) };
}

/** The section whose heading has this id: from its opening tag to the next section at the same or a higher level. */
export function sectionById(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  if (start < 0) throw new Error(`geen sectie ${id}`);
  const open = html.lastIndexOf('<section', start);
  let depth = 0;
  const pattern = /<section[\s>]|<\/section>/g;
  pattern.lastIndex = open;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return html.slice(open, match.index + match[0].length);
  }
  throw new Error(`sectie ${id} sluit niet`);
}

/** The visible text of every row of the tables in this HTML, in order. */
export function rowTexts(html: string): string[] {
  return elements(html, 'tr').map(visibleText);
}

export { elements, titleOf, visibleText };
