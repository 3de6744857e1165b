/**
 * The report as DOCX, editable in Word and LibreOffice: real heading styles
 * (so the navigation pane and a table of contents work), tables with a
 * repeating header row, charts as SVG with a PNG for Word versions without
 * SVG and a text alternative, language Dutch, page numbers in the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chartPng } from './chart-images.js';
import { CHART_COLOURS, standaloneSvg, svgSize } from './document-charts.js';
import { FONT_FAMILY } from './fonts.js';
import { type Block, columnShares, type ReportOutline } from './report-outline.js';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const TEXT_COLOUR = CHART_COLOURS.text.slice(1);
const RULE = 'C0C7D2';
/** The width of the text on an A4 page with 2 cm margins, in twentieths of a point. */
const TEXT_WIDTH_TWIPS = 9638;
/** The width of a chart in the document, in pixels at 96 dpi (about 16 cm). */
const CHART_WIDTH_PX = 600;

export async function renderDocx(outline: ReportOutline): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  for (const block of outline.blocks) children.push(...(await blockElements(block)));
  const document = new Document({
    title: outline.title,
    subject: outline.subtitle,
    description: outline.state,
    creator: 'Koers',
    styles: {
      default: {
        document: {
          run: { font: FONT_FAMILY, size: 21, color: TEXT_COLOUR, language: { value: 'nl-NL' } },
          paragraph: { spacing: { after: 120 } },
        },
        heading1: {
          run: { font: FONT_FAMILY, size: 40, bold: true, color: TEXT_COLOUR },
          paragraph: { keepNext: true, spacing: { after: 160 } },
        },
        heading2: {
          run: { font: FONT_FAMILY, size: 30, bold: true, color: TEXT_COLOUR },
          paragraph: { spacing: { before: 360, after: 120 } },
        },
        heading3: {
          run: { font: FONT_FAMILY, size: 24, bold: true, color: TEXT_COLOUR },
          paragraph: { spacing: { before: 240, after: 80 } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: 'opsomming',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${outline.title} · pagina `, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

async function blockElements(block: Block): Promise<(Paragraph | Table)[]> {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: [new TextRun(block.text)] })];
    case 'paragraph':
      return [
        new Paragraph({
          children: [
            new TextRun({
              text: block.text,
              italics: block.style === 'meta',
              size: block.style === 'lead' ? 26 : block.style === 'meta' ? 18 : undefined,
              color: block.style === 'meta' ? '4A5568' : undefined,
            }),
          ],
        }),
      ];
    case 'list':
      return block.items.map((item) => new Paragraph({ numbering: { reference: 'opsomming', level: 0 }, children: [new TextRun(item)] }));
    case 'table': {
      const widths = columnShares(block.columns, block.rows).map((share) => Math.round(share * TEXT_WIDTH_TWIPS));
      return [
        new Paragraph({ keepNext: true, children: [new TextRun({ text: block.caption, bold: true, size: 19 })] }),
        new Table({
          width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
          columnWidths: widths,
          layout: TableLayoutType.FIXED,
          borders: {
            top: { style: BorderStyle.SINGLE, size: 4, color: RULE },
            bottom: { style: BorderStyle.SINGLE, size: 4, color: RULE },
            left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
            right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
            insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: RULE },
            insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
          },
          rows: [
            new TableRow({
              tableHeader: true,
              cantSplit: true,
              children: block.columns.map(
                (column) =>
                  new TableCell({
                    width: { size: widths[block.columns.indexOf(column)] ?? 0, type: WidthType.DXA },
                    shading: { type: ShadingType.CLEAR, fill: 'EEF1F6', color: 'auto' },
                    children: [
                      new Paragraph({
                        alignment: column.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
                        children: [new TextRun({ text: column.label, bold: true, size: 17 })],
                      }),
                    ],
                  }),
              ),
            }),
            ...block.rows.map(
              (row) =>
                new TableRow({
                  cantSplit: true,
                  children: row.map(
                    (cell, index) =>
                      new TableCell({
                        children: [
                          new Paragraph({
                            alignment: block.columns[index]?.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
                            children: [new TextRun({ text: cell, size: 17 })],
                          }),
                        ],
                      }),
                  ),
                }),
            ),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    }
    case 'figure': {
      const svg = standaloneSvg(block.chart.svg);
      const [width, height] = svgSize(svg);
      const size = { width: CHART_WIDTH_PX, height: Math.round((height / width) * CHART_WIDTH_PX) };
      return [
        new Paragraph({ keepNext: true, children: [new TextRun({ text: `Figuur: ${block.chart.title}`, bold: true, size: 19 })] }),
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: 'svg',
              data: Buffer.from(svg),
              fallback: { type: 'png', data: await chartPng(svg) },
              transformation: size,
              altText: { name: block.chart.title, title: block.chart.title, description: block.chart.description },
            }),
          ],
        }),
        new Paragraph({ children: [new TextRun({ text: block.chart.description, italics: true, size: 17, color: '4A5568' })] }),
      ];
    }
  }
}
