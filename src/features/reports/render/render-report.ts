/**
 * One entry for every format of a report: the document formats made from
 * its outline (HTML, PDF, DOCX, ODT) and the data annex (CSV, JSON).
 */
import type { ReportFormat } from '../report.repository.js';
import { reportCsv, reportJson } from './report-data.js';
import { renderHtmlFile, renderOutlineHtml } from './report-html.js';
import { type ReportDocument, type ReportOutline, reportOutline } from './report-outline.js';

export type { ReportDocument } from './report-outline.js';

/** Every format a report is made in, in the order they are made. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'docx', 'odt', 'csv', 'json'];
export const DOCUMENT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'docx', 'odt'];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Loads the document writers and the chart rasteriser ahead of the first
 * report; `koers serve` calls it once the app listens, so the first
 * "Definitief maken" does not wait for them.
 */
export async function preloadReportWriters(): Promise<void> {
  const [, , , images] = await Promise.all([
    import('./report-pdf.js'),
    import('./report-docx.js'),
    import('./report-odt.js'),
    import('./chart-images.js'),
  ]);
  images.prepareChartImages();
}

export type DocumentFormat = 'html' | 'pdf' | 'docx' | 'odt';

/** An outline (of a report, of an analysis) as a document in one of the four formats. */
export async function renderOutline(outline: ReportOutline, format: DocumentFormat): Promise<Uint8Array> {
  if (format === 'html' || format === 'pdf') (await import('./chart-images.js')).prepareChartImages();
  switch (format) {
    case 'html':
      return new TextEncoder().encode(renderOutlineHtml(outline));
    // The document writers are loaded when first asked for, so a start of the app does not wait for them.
    case 'pdf':
      return (await import('./report-pdf.js')).renderPdf(outline);
    case 'docx':
      return (await import('./report-docx.js')).renderDocx(outline);
    case 'odt':
      return (await import('./report-odt.js')).renderOdt(outline);
  }
}

export async function renderReport(document: ReportDocument, format: ReportFormat): Promise<Uint8Array> {
  switch (format) {
    case 'html':
      // DOCX and ODT need chart images: have the rasteriser load while HTML and PDF are made.
      (await import('./chart-images.js')).prepareChartImages();
      return new TextEncoder().encode(renderHtmlFile(document));
    case 'pdf':
    case 'docx':
    case 'odt':
      return renderOutline(reportOutline(document), format);
    case 'csv':
      return new TextEncoder().encode(reportCsv(document.model));
    case 'json':
      return new TextEncoder().encode(reportJson(document.model));
  }
}
