/**
 * The report as ODT (OpenDocument Text 1.3): a zip of ODF XML, editable in
 * LibreOffice and Word. Headings are real outline headings (text:h with
 * their level), tables have a repeating header row, lists are lists, charts
 * are SVG with a PNG fallback, a title and a description; the document's
 * language is Dutch and the footer numbers the pages.
 */
import { zipSync } from 'fflate';
import { chartPng } from './chart-images.js';
import { CHART_COLOURS, standaloneSvg, svgSize } from './document-charts.js';
import { FONT_FAMILY } from './fonts.js';
import { type Block, columnShares, type ReportOutline } from './report-outline.js';

const MIMETYPE = 'application/vnd.oasis.opendocument.text';
const NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"',
].join(' ');
/** The width of a chart on the page. */
const CHART_WIDTH_CM = 16;

export async function renderOdt(outline: ReportOutline): Promise<Uint8Array> {
  const pictures: Record<string, Uint8Array> = {};
  const body: string[] = [];
  const columnStyles: string[] = [];
  let tables = 0;
  for (const block of outline.blocks) {
    if (block.kind === 'figure') {
      const name = `Pictures/${block.id}`;
      const svg = standaloneSvg(block.chart.svg);
      pictures[`${name}.svg`] = new TextEncoder().encode(svg);
      pictures[`${name}.png`] = await chartPng(svg);
      body.push(figure(block, name, svgSize(svg)));
    } else {
      if (block.kind === 'table') {
        tables++;
        columnShares(block.columns, block.rows).forEach((share, index) => {
          columnStyles.push(
            `<style:style style:name="Tabel${tables}.K${index + 1}" style:family="table-column"><style:table-column-properties style:rel-column-width="${Math.max(1, Math.round(share * 10000))}*"/></style:style>`,
          );
        });
      }
      body.push(element(block, tables));
    }
  }
  const encode = (text: string) => new TextEncoder().encode(text);
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    // The mimetype comes first and uncompressed, so a reader recognises the file by its first bytes.
    mimetype: [encode(MIMETYPE), { level: 0 }],
    'META-INF/manifest.xml': encode(manifest(Object.keys(pictures))),
    'meta.xml': encode(meta(outline)),
    'styles.xml': encode(styles(outline)),
    'content.xml': encode(content(body.join(''), columnStyles.join(''))),
    ...pictures,
  };
  return zipSync(files, { level: 6 });
}

function element(block: Exclude<Block, { kind: 'figure' }>, tableNumber: number): string {
  switch (block.kind) {
    case 'heading':
      return `<text:h text:style-name="Heading_20_${block.level}" text:outline-level="${block.level}"><text:bookmark text:name="${xmlText(block.id)}"/>${xmlText(block.text)}</text:h>`;
    case 'paragraph':
      return `<text:p text:style-name="${block.style === 'lead' ? 'Lead' : block.style === 'meta' ? 'Meta' : 'Text_20_body'}">${xmlText(block.text)}</text:p>`;
    case 'list':
      return `<text:list text:style-name="Opsomming">${block.items
        .map((item) => `<text:list-item><text:p text:style-name="List_20_Paragraph">${xmlText(item)}</text:p></text:list-item>`)
        .join('')}</text:list>`;
    case 'table': {
      const name = `Tabel${tableNumber}`;
      const cell = (text: string, numeric: boolean, header: boolean) =>
        `<table:table-cell table:style-name="${header ? 'KopCel' : 'Cel'}" office:value-type="string"><text:p text:style-name="${
          header ? (numeric ? 'KopGetal' : 'Kop') : numeric ? 'Getal' : 'Celtekst'
        }">${xmlText(text)}</text:p></table:table-cell>`;
      return [
        `<text:p text:style-name="Bijschrift">${xmlText(block.caption)}</text:p>`,
        `<table:table table:name="${name}" table:style-name="Tabel">${block.columns.map((_, index) => `<table:table-column table:style-name="${name}.K${index + 1}"/>`).join('')}`,
        `<table:table-header-rows><table:table-row>${block.columns.map((column) => cell(column.label, column.numeric ?? false, true)).join('')}</table:table-row></table:table-header-rows>`,
        block.rows
          .map(
            (row) =>
              `<table:table-row>${row.map((text, index) => cell(text, block.columns[index]?.numeric ?? false, false)).join('')}</table:table-row>`,
          )
          .join(''),
        '</table:table>',
      ].join('');
    }
  }
}

function figure(block: Extract<Block, { kind: 'figure' }>, name: string, [width, height]: [number, number]): string {
  const heightCm = ((height / width) * CHART_WIDTH_CM).toFixed(2);
  return [
    `<text:p text:style-name="Bijschrift">${xmlText(`Figuur: ${block.chart.title}`)}</text:p>`,
    '<text:p text:style-name="Figuur">',
    `<draw:frame draw:name="${xmlText(block.id)}" text:anchor-type="as-char" svg:width="${CHART_WIDTH_CM}cm" svg:height="${heightCm}cm">`,
    `<draw:image xlink:href="${name}.svg" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad" draw:mime-type="image/svg+xml"/>`,
    `<draw:image xlink:href="${name}.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad" draw:mime-type="image/png"/>`,
    `<svg:title>${xmlText(block.chart.title)}</svg:title><svg:desc>${xmlText(block.chart.description)}</svg:desc>`,
    '</draw:frame></text:p>',
    `<text:p text:style-name="Meta">${xmlText(block.chart.description)}</text:p>`,
  ].join('');
}

function content(body: string, columnStyles: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NAMESPACES} office:version="1.3">
<office:font-face-decls><style:font-face style:name="${FONT_FAMILY}" svg:font-family="'${FONT_FAMILY}'" style:font-family-generic="swiss"/></office:font-face-decls>
<office:automatic-styles>
<style:style style:name="Tabel" style:family="table"><style:table-properties style:width="17cm" table:align="margins" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="KopCel" style:family="table-cell"><style:table-cell-properties fo:background-color="#eef1f6" fo:padding="0.08cm" fo:border-bottom="0.5pt solid #c0c7d2"/></style:style>
<style:style style:name="Cel" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border-bottom="0.5pt solid #c0c7d2"/></style:style>
${columnStyles}
</office:automatic-styles>
<office:body><office:text>${body}</office:text></office:body>
</office:document-content>`;
}

function styles(outline: ReportOutline): string {
  const text = CHART_COLOURS.text;
  const paragraph = (name: string, display: string, props: string, textProps: string, parent = 'Standard', extra = '') =>
    `<style:style style:name="${name}" style:display-name="${display}" style:family="paragraph" style:parent-style-name="${parent}"${extra}><style:paragraph-properties ${props}/><style:text-properties ${textProps}/></style:style>`;
  const heading = (level: number, size: string, top: string) =>
    paragraph(
      `Heading_20_${level}`,
      `Heading ${level}`,
      `fo:margin-top="${top}" fo:margin-bottom="0.2cm" fo:keep-with-next="always"`,
      `fo:font-size="${size}" fo:font-weight="bold"`,
      'Heading',
      ` style:next-style-name="Text_20_body" style:default-outline-level="${level}"`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NAMESPACES} office:version="1.3">
<office:font-face-decls><style:font-face style:name="${FONT_FAMILY}" svg:font-family="'${FONT_FAMILY}'" style:font-family-generic="swiss"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="${FONT_FAMILY}" fo:font-size="10.5pt" fo:color="${text}" fo:language="nl" fo:country="NL"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
${paragraph('Heading', 'Heading', 'fo:margin-top="0.4cm"', 'fo:font-weight="bold"', 'Standard', ' style:class="text"')}
${heading(1, '20pt', '0cm')}
${heading(2, '15pt', '0.6cm')}
${heading(3, '12pt', '0.4cm')}
${paragraph('Text_20_body', 'Text body', 'fo:margin-bottom="0.2cm" fo:line-height="125%"', '')}
${paragraph('Lead', 'Lead', 'fo:margin-bottom="0.2cm"', 'fo:font-size="13pt"', 'Text_20_body')}
${paragraph('Meta', 'Meta', 'fo:margin-bottom="0.2cm"', 'fo:font-size="9pt" fo:font-style="italic" fo:color="#4a5568"', 'Text_20_body')}
${paragraph('List_20_Paragraph', 'List Paragraph', 'fo:margin-bottom="0.1cm"', '', 'Text_20_body')}
${paragraph('Bijschrift', 'Caption', 'fo:margin-top="0.2cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"', 'fo:font-size="9.5pt" fo:font-weight="bold"', 'Text_20_body')}
${paragraph('Figuur', 'Figure', 'fo:keep-with-next="always"', '', 'Standard')}
${paragraph('Celtekst', 'Table Contents', 'fo:margin-bottom="0cm"', 'fo:font-size="8.5pt"', 'Standard')}
${paragraph('Getal', 'Table Number', 'fo:margin-bottom="0cm" fo:text-align="end"', 'fo:font-size="8.5pt"', 'Standard')}
${paragraph('Kop', 'Table Heading', 'fo:margin-bottom="0cm"', 'fo:font-size="8.5pt" fo:font-weight="bold"', 'Standard')}
${paragraph('KopGetal', 'Table Heading Number', 'fo:margin-bottom="0cm" fo:text-align="end"', 'fo:font-size="8.5pt" fo:font-weight="bold"', 'Standard')}
${paragraph('Footer', 'Footer', 'fo:text-align="center"', 'fo:font-size="8pt" fo:color="#4a5568"', 'Standard')}
<text:list-style style:name="Opsomming"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
<text:outline-style style:name="Outline">${[1, 2, 3]
    .map(
      (level) =>
        `<text:outline-level-style text:level="${level}" style:num-format=""><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties></text:outline-level-style>`,
    )
    .join('')}</text:outline-style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"><style:footer><text:p text:style-name="Footer">${xmlText(outline.title)} · pagina <text:page-number text:select-page="current"/></text:p></style:footer></style:master-page></office:master-styles>
</office:document-styles>`;
}

function meta(outline: ReportOutline): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NAMESPACES} office:version="1.3"><office:meta>
<meta:generator>Koers</meta:generator>
<dc:title>${xmlText(outline.title)}</dc:title>
<dc:subject>${xmlText(outline.subtitle)}</dc:subject>
<dc:description>${xmlText(outline.state)}</dc:description>
<dc:language>nl-NL</dc:language>
</office:meta></office:document-meta>`;
}

function manifest(pictures: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIMETYPE}"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
${pictures.map((path) => `<manifest:file-entry manifest:full-path="${path}" manifest:media-type="${path.endsWith('.svg') ? 'image/svg+xml' : 'image/png'}"/>`).join('\n')}
</manifest:manifest>`;
}

/** Text for XML; characters XML 1.0 does not allow are dropped. */
function xmlText(text: string): string {
  return [...text]
    .filter((character) => allowedInXml(character.codePointAt(0) ?? 0))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function allowedInXml(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
}
