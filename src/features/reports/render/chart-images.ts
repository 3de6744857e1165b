/**
 * A chart as a PNG, for documents that need a raster image beside the SVG
 * (DOCX requires one for Word versions without SVG; ODT offers it as the
 * fallback). Rendered by resvg (WebAssembly) with the embedded font, at twice
 * the size for sharp print.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { FONT_FAMILY, trueTypeFont } from './fonts.js';

let ready: Promise<void> | undefined;

/**
 * Starts loading the rasteriser, without waiting: V8 compiles the
 * WebAssembly on background threads while the first formats are made.
 */
export function prepareChartImages(): void {
  init().catch(() => {
    // A failure shows when an image is asked for.
    ready = undefined;
  });
}

function init(): Promise<void> {
  ready ??= readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')).then((wasm) => initWasm(wasm));
  return ready;
}

/** The latest images made, by their SVG: a report's DOCX and ODT show the same charts. */
const recent = new Map<string, Uint8Array>();
const RECENT_LIMIT = 64;

/** Forgets the images made so far: the benchmark measures each report as if its charts were new. */
export function forgetChartImages(): void {
  recent.clear();
}

export async function chartPng(standaloneSvg: string): Promise<Uint8Array> {
  const kept = recent.get(standaloneSvg);
  if (kept) return kept;
  await init();
  const image = new Resvg(standaloneSvg, {
    font: { fontBuffers: [trueTypeFont('regular'), trueTypeFont('bold')], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: 1 },
    background: '#ffffff',
  });
  const rendered = image.render();
  // Encoded here with Node's zlib: several times faster than the rasteriser's own PNG encoder.
  const png = encodePng(rendered.width, rendered.height, rendered.pixels);
  rendered.free();
  image.free();
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(standaloneSvg, png);
  return png;
}

/** RGBA pixels as a PNG: signature, header, the rows (each with filter 0) deflated, end. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let row = 0; row < height; row++) {
    raw[row * (stride + 1)] = 0;
    raw.set(rgba.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let value = 0xffffffff;
  for (const byte of bytes) value = (CRC_TABLE[(value ^ byte) & 0xff] as number) ^ (value >>> 8);
  return (value ^ 0xffffffff) >>> 0;
}
