/**
 * The report as PDF/A-2a: tagged (every heading, paragraph, list, table and
 * figure is a structure element in reading order), Noto Sans embedded,
 * document language nl, the title shown in the window, bookmarks from the
 * headings, charts as vector graphics with their text alternative, and page
 * numbers marked as artifacts.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { standaloneSvg, svgSize } from './document-charts.js';
import { trueTypeFont } from './fonts.js';
import type { Block, ReportOutline } from './report-outline.js';

const MARGIN = 56;
const PAGE_BOTTOM_GAP = 40;
const COLOURS = { text: '#001a40', muted: '#4a5568', rule: '#c0c7d2', header: '#eef1f6' };
const SIZES = { 1: 22, 2: 15, 3: 12 } as const;
const BODY = 10;
/** The room a heading keeps below it on its page, in points. */
const HEADING_ROOM = 110;
const TABLE = 8.5;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export function renderPdf(outline: ReportOutline): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 16, left: MARGIN, right: MARGIN },
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: outline.title, Subject: outline.subtitle, Author: 'Koers', Creator: 'Koers', Producer: 'Koers (pdfkit)' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('regular', Buffer.from(trueTypeFont('regular')));
  doc.registerFont('bold', Buffer.from(trueTypeFont('bold')));
  doc.registerFont('italic', Buffer.from(trueTypeFont('italic')));
  doc.font('regular').fontSize(BODY).fillColor(COLOURS.text);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const writer = new PdfWriter(doc, root);
  for (const [index, block] of outline.blocks.entries()) writer.block(block, outline.blocks[index + 1]);
  root.end();
  pageNumbers(doc, outline.title);
  doc.end();
  return done;
}

class PdfWriter {
  private readonly width: number;
  private bookmarks: { 1?: PDFKit.PDFOutline; 2?: PDFKit.PDFOutline } = {};

  constructor(
    private readonly doc: Doc,
    private readonly root: Struct,
  ) {
    this.width = doc.page.width - MARGIN * 2;
  }

  /** Writes a block; `next` is the block after it, so a heading stays on the page of a figure that follows. */
  block(block: Block, next?: Block): void {
    switch (block.kind) {
      case 'heading':
        this.heading(
          block.level,
          block.text,
          next?.kind === 'figure' ? Math.max(HEADING_ROOM, this.figureHeight(next.chart.svg) + 30) : HEADING_ROOM,
        );
        break;
      case 'paragraph':
        this.paragraph(block.text, block.style);
        break;
      case 'list':
        this.list(block.items);
        break;
      case 'table':
        this.table(block.caption, block.columns, block.rows);
        break;
      case 'figure':
        this.figure(block.chart.svg, block.chart.title, block.chart.description);
        break;
    }
  }

  private heading(level: 1 | 2 | 3, text: string, room: number): void {
    const { doc } = this;
    const size = SIZES[level];
    doc.font('bold').fontSize(size);
    // A section starts on a new page once half of this one is used; a heading keeps room below it for
    // the start of what follows (a table's caption, header and first rows, or a whole figure), so it never ends a page.
    this.ensureSpace(size * 1.4 + room, level === 2 && doc.y > doc.page.height / 2);
    if (level > 1) doc.moveDown(level === 2 ? 0.8 : 0.5);
    const tag = `H${level}`;
    const top = doc.y;
    this.root.add(doc.struct(tag, {}, () => doc.fillColor(COLOURS.text).text(text, MARGIN, doc.y, { width: this.width })));
    doc.moveDown(0.3);
    const parent = level === 3 ? this.bookmarks[2] : level === 2 ? this.bookmarks[1] : undefined;
    // The bookmark opens the page at the heading (pdfkit counts `left` and `top` from the page's right and top edge).
    const destination = { fit: false, top: Math.max(0, top - 12), left: doc.page.width, zoom: 0, expanded: level === 1, pageNumber: null };
    // pdfkit reads all of these; its type declarations name only `expanded`.
    const item = (parent ?? doc.outline).addItem(text, destination as { expanded?: boolean });
    if (level === 1) this.bookmarks = { 1: item };
    if (level === 2) this.bookmarks[2] = item;
    doc.font('regular').fontSize(BODY);
  }

  private paragraph(text: string, style?: 'lead' | 'meta'): void {
    const { doc } = this;
    doc.font(style === 'meta' ? 'italic' : 'regular').fontSize(style === 'lead' ? 13 : style === 'meta' ? 9 : BODY);
    this.ensureSpace(doc.currentLineHeight(true) * 2);
    this.root.add(
      doc.struct('P', {}, () =>
        doc.fillColor(style === 'meta' ? COLOURS.muted : COLOURS.text).text(text, MARGIN, doc.y, { width: this.width, lineGap: 2 }),
      ),
    );
    doc.moveDown(0.5);
    doc.font('regular').fontSize(BODY).fillColor(COLOURS.text);
  }

  private list(items: string[]): void {
    const { doc } = this;
    doc.font('regular').fontSize(BODY);
    const list = doc.struct('L');
    this.root.add(list);
    for (const item of items) {
      this.ensureSpace(doc.currentLineHeight(true) * 2);
      const top = doc.y;
      const entry = doc.struct('LI');
      list.add(entry);
      entry.add(doc.struct('Lbl', {}, () => doc.text('•', MARGIN + 4, top, { width: 10, lineBreak: false })));
      entry.add(doc.struct('LBody', {}, () => doc.text(item, MARGIN + 16, top, { width: this.width - 16, lineGap: 1.5 })));
      entry.end();
      doc.moveDown(0.2);
    }
    list.end();
    doc.x = MARGIN;
    doc.moveDown(0.4);
  }

  private table(caption: string, columns: { label: string; numeric?: boolean }[], rows: string[][]): void {
    const { doc } = this;
    const widths = columnWidths(doc, columns, rows, this.width);
    const padding = 3;
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(TABLE);
      return (
        Math.max(...cells.map((cell, index) => doc.heightOfString(cell, { width: (widths[index] ?? 40) - padding * 2 }))) + padding * 2
      );
    };
    const header = columns.map((column) => column.label);
    const headerHeight = rowHeight(header, 'bold');
    // Each row is measured once: measuring lays the text out, which is most of the work.
    const heights = rows.map((cells) => rowHeight(cells, 'regular'));
    this.ensureSpace(headerHeight + (heights[0] ?? 0) + 20);
    const table = doc.struct('Table');
    this.root.add(table);
    doc.font('bold').fontSize(9);
    table.add(doc.struct('Caption', {}, () => doc.fillColor(COLOURS.text).text(caption, MARGIN, doc.y, { width: this.width })));
    doc.moveDown(0.2);

    const drawRow = (cells: string[], height: number, isHeader: boolean) => {
      const top = doc.y;
      const row = doc.struct('TR');
      table.add(row);
      if (isHeader) {
        doc.markContent('Artifact', { type: 'Layout' });
        doc.rect(MARGIN, top, this.width, height).fill(COLOURS.header);
        doc.endMarkedContent();
      }
      let x = MARGIN;
      cells.forEach((cell, index) => {
        const width = widths[index] ?? 40;
        const numeric = columns[index]?.numeric ?? false;
        row.add(
          doc.struct(isHeader ? 'TH' : 'TD', {}, () =>
            doc
              .font(isHeader ? 'bold' : 'regular')
              .fontSize(TABLE)
              .fillColor(COLOURS.text)
              .text(cell || ' ', x + padding, top + padding, { width: width - padding * 2, align: numeric ? 'right' : 'left' }),
          ),
        );
        x += width;
      });
      row.end();
      doc.markContent('Artifact', { type: 'Layout' });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + this.width, top + height)
        .lineWidth(0.5)
        .strokeColor(COLOURS.rule)
        .stroke();
      doc.endMarkedContent();
      doc.x = MARGIN;
      doc.y = top + height;
    };

    drawRow(header, headerHeight, true);
    rows.forEach((cells, index) => {
      const height = heights[index] ?? 0;
      if (doc.y + height > doc.page.height - MARGIN - PAGE_BOTTOM_GAP) {
        doc.addPage();
        drawRow(header, headerHeight, true);
      }
      drawRow(cells, height, false);
    });
    table.end();
    doc.font('regular').fontSize(BODY);
    doc.moveDown(0.8);
  }

  /** The height a figure's chart takes on the page, in points. */
  private figureHeight(svg: string): number {
    const [viewWidth, viewHeight] = svgSize(svg);
    return (viewHeight / viewWidth) * Math.min(this.width, 440);
  }

  private figure(svg: string, title: string, description: string): void {
    const { doc } = this;
    const standalone = standaloneSvg(svg);
    const [viewWidth, viewHeight] = svgSize(standalone);
    const width = Math.min(this.width, 440);
    const height = (viewHeight / viewWidth) * width;
    doc.font('bold').fontSize(9);
    this.ensureSpace(height + 30);
    this.root.add(doc.struct('P', {}, () => doc.fillColor(COLOURS.text).text(`Figuur: ${title}`, MARGIN, doc.y, { width: this.width })));
    const top = doc.y + 4;
    this.root.add(
      doc.struct('Figure', { alt: `${title}. ${description}` }, () => {
        SVGtoPDF(doc, standalone, MARGIN, top, {
          width,
          height,
          preserveAspectRatio: 'xMinYMin meet',
          fontCallback: (_family: string, bold: boolean, italic: boolean) => (bold ? 'bold' : italic ? 'italic' : 'regular'),
        });
      }),
    );
    doc.x = MARGIN;
    doc.y = top + height + 6;
    doc.font('italic').fontSize(8.5);
    this.root.add(doc.struct('P', {}, () => doc.fillColor(COLOURS.muted).text(description, MARGIN, doc.y, { width: this.width })));
    doc.font('regular').fontSize(BODY).fillColor(COLOURS.text);
    doc.moveDown(0.8);
  }

  /** Starts a new page unless `height` fits on this one (or always, with `force`). */
  private ensureSpace(height: number, force = false): void {
    if (force || this.doc.y + height > this.doc.page.height - MARGIN - PAGE_BOTTOM_GAP) this.doc.addPage();
  }
}

/**
 * Column widths from the content: each column as wide as its longest line
 * would like (within limits), never narrower than its longest word, scaled
 * to the page.
 */
function columnWidths(doc: Doc, columns: { label: string }[], rows: string[][], total: number): number[] {
  const texts = columns.map((column, index) => [column.label, ...rows.map((row) => row[index] ?? '')]);
  const longestWord = texts.map((cells) => {
    doc.font('bold').fontSize(TABLE);
    return Math.max(...cells.flatMap((cell) => cell.split(/\s+/).map((word) => doc.widthOfString(word)))) + 8;
  });
  doc.font('regular').fontSize(TABLE);
  const wanted = texts.map((cells, index) =>
    Math.max(Math.min(Math.max(...cells.map((cell) => doc.widthOfString(cell))) + 8, total * 0.4), longestWord[index] ?? 0),
  );
  const minimum = longestWord.reduce((a, b) => a + b, 0);
  const sum = wanted.reduce((a, b) => a + b, 0);
  if (sum <= total) return wanted.map((width) => (width / sum) * total);
  // Shrink what is above each column's longest word, in proportion; words stay whole unless even that does not fit.
  if (minimum >= total) return longestWord.map((width) => (width / minimum) * total);
  const spare = total - minimum;
  const extra = wanted.map((width, index) => width - (longestWord[index] ?? 0));
  const extraSum = extra.reduce((a, b) => a + b, 0);
  return wanted.map((_, index) => (longestWord[index] ?? 0) + ((extra[index] ?? 0) / extraSum) * spare);
}

/** "Pagina 3 van 12" under every page, and the report's title, marked as artifacts (not content). */
function pageNumbers(doc: Doc, title: string): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLOURS.muted)
      .text(`${title} · pagina ${index + 1} van ${range.count}`, MARGIN, doc.page.height - MARGIN + 8, {
        width: doc.page.width - MARGIN * 2,
        align: 'center',
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
