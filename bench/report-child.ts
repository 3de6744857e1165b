/**
 * The child of bench/report.ts: made into a bundle the way `koers` is
 * (scripts/build.mjs), it loads the report writers as a running server has
 * them, makes HTML, PDF, DOCX and ODT from a report model the first time and
 * then `runs` times, and prints the timings and its memory as JSON.
 */
import { readFileSync } from 'node:fs';
import { forgetChartImages } from '../src/features/reports/render/chart-images.js';
import { DOCUMENT_FORMATS, preloadReportWriters, renderReport } from '../src/features/reports/render/render-report.js';
import { defaultTexts } from '../src/features/reports/report-texts.js';

const [modelFile, runsText] = process.argv.slice(2);
const model = JSON.parse(readFileSync(modelFile as string, 'utf8'));
const document = { model, texts: defaultTexts(model), version: null };
await preloadReportWriters();
const before = process.memoryUsage().rss;

async function once() {
  // Each run as a new report: no chart image made before.
  forgetChartImages();
  const formats: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  const started = performance.now();
  for (const format of DOCUMENT_FORMATS) {
    const at = performance.now();
    bytes[format] = (await renderReport(document, format)).byteLength;
    formats[format] = performance.now() - at;
  }
  return { total: performance.now() - started, formats, bytes };
}

const first = await once();
const peakAfterFirst = process.resourceUsage().maxRSS * 1024;
const runs = [];
for (let run = 0; run < Number(runsText ?? 10); run++) runs.push(await once());
console.log(JSON.stringify({ first, runs, before, peakAfterFirst, peak: process.resourceUsage().maxRSS * 1024 }));
