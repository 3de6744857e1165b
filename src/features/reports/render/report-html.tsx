/**
 * The report as HTML: the blocks of its outline as NL Design System
 * elements. The report page shows them inside the app (its theme, its
 * stable URL per version); `renderHtmlFile` makes the file that is kept and
 * downloaded: one self-contained, print-ready document with its styles
 * inside, a table of contents, and every chart beside its table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { raw } from 'hono/html';
import { PROJECT_ROOT } from '../../../project-root.js';
import { ResponsiveChart } from '../../../web/charts/responsive-chart.js';
import { Heading, Paragraph } from '../../../web/components.js';
import { type Block, type ReportDocument, type ReportOutline, reportOutline } from './report-outline.js';

/** Blocks of a report, as page elements. */
export function ReportBlocks({ blocks }: { blocks: Block[] }) {
  return <>{blocks.map((block) => BlockElement({ block }))}</>;
}

function BlockElement({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return (
        <Heading level={block.level} id={block.id}>
          {block.text}
        </Heading>
      );
    case 'paragraph':
      return (
        <Paragraph lead={block.style === 'lead'} class={block.style === 'meta' ? 'koers-report__meta' : undefined}>
          {block.text}
        </Paragraph>
      );
    case 'list':
      return (
        <ul class="utrecht-unordered-list">
          {block.items.map((item) => (
            <li class="utrecht-unordered-list__item">{item}</li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <section class="koers-table-container koers-report__table" aria-label={block.caption} tabindex={0}>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">{block.caption}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {block.columns.map((column) => (
                  <th
                    class={
                      column.numeric
                        ? 'utrecht-table__header-cell utrecht-table__header-cell--numeric-column'
                        : 'utrecht-table__header-cell'
                    }
                    scope="col"
                  >
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {block.rows.map((row) => (
                <tr class="utrecht-table__row">
                  {row.map((cell, index) =>
                    index === 0 ? (
                      <th class="utrecht-table__header-cell" scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td
                        class={
                          block.columns[index]?.numeric ? 'utrecht-table__cell utrecht-table__cell--numeric-column' : 'utrecht-table__cell'
                        }
                      >
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      );
    case 'figure':
      return (
        <figure class="koers-report__figure" id={block.id}>
          <figcaption class="koers-report__figcaption">{`Figuur: ${block.chart.title}`}</figcaption>
          <ResponsiveChart render={(_width, suffix) => (suffix ? block.chart.narrowSvg : block.chart.svg)} />
          <p class="utrecht-paragraph koers-report__description">{block.chart.description}</p>
        </figure>
      );
  }
}

let fileStyles: string | undefined;

function styles(): string {
  fileStyles ??= [
    readFileSync(join(PROJECT_ROOT, 'src', 'web', 'assets', 'koers-report-file.css'), 'utf8'),
    readFileSync(join(PROJECT_ROOT, 'src', 'web', 'assets', 'koers-charts.css'), 'utf8'),
  ].join('\n');
  return fileStyles;
}

/** The report as one HTML file, readable offline and printable. */
export function renderHtmlFile(document: ReportDocument): string {
  return renderOutlineHtml(reportOutline(document));
}

/** Any outline (a report, an analysis) as one HTML file. */
export function renderOutlineHtml(outline: ReportOutline): string {
  return `<!DOCTYPE html>${(<ReportFile outline={outline} />).toString()}`;
}

function ReportFile({ outline }: { outline: ReportOutline }) {
  const sections = outline.blocks.filter(
    (block): block is Extract<Block, { kind: 'heading' }> => block.kind === 'heading' && block.level === 2,
  );
  // The contents come after the title and its particulars, before the first section.
  const split = Math.max(
    0,
    outline.blocks.findIndex((block) => block.kind === 'heading' && block.level === 2),
  );
  const before = outline.blocks.slice(0, split);
  const rest = outline.blocks.slice(split);
  return (
    <html lang={outline.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Koers" />
        <title>{outline.title}</title>
        <style>{raw(styles())}</style>
      </head>
      <body>
        <a class="koers-report-file__skip" href="#inhoud">
          Naar de inhoud
        </a>
        <main id="inhoud" class="koers-report-file">
          <ReportBlocks blocks={before} />
          <nav aria-labelledby="inhoudsopgave">
            <h2 id="inhoudsopgave">Inhoud</h2>
            <ol>
              {sections.map((section) => (
                <li>
                  <a href={`#${section.id}`}>{section.text}</a>
                </li>
              ))}
            </ol>
          </nav>
          <ReportBlocks blocks={rest} />
        </main>
      </body>
    </html>
  );
}
