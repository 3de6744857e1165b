/**
 * A chart as a PNG, for documents that need a raster image beside the SVG
 * (DOCX requires one for Word versions without SVG; ODT offers it as the
 * fallback). Rendered by resvg (WebAssembly) with the embedded font, at twice
 * the size for sharp print.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { FONT_FAMILY, trueTypeFont } from './fonts.js';

let ready: Promise<void> | undefined;

function init(): Promise<void> {
  ready ??= readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')).then((wasm) => initWasm(wasm));
  return ready;
}

/** The latest images made, by their SVG: a report's DOCX and ODT show the same charts. */
const recent = new Map<string, Uint8Array>();
const RECENT_LIMIT = 64;

export async function chartPng(standaloneSvg: string): Promise<Uint8Array> {
  const kept = recent.get(standaloneSvg);
  if (kept) return kept;
  await init();
  const image = new Resvg(standaloneSvg, {
    font: { fontBuffers: [trueTypeFont('regular'), trueTypeFont('bold')], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: 1.5 },
    background: '#ffffff',
  });
  const rendered = image.render();
  const png = rendered.asPng();
  rendered.free();
  image.free();
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(standaloneSvg, png);
  return png;
}
