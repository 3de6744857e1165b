/**
 * Checks of generated documents with the tools a machine may have: poppler
 * (pdfinfo, pdffonts, pdftotext, pdftoppm) and LibreOffice (soffice). Where
 * a tool is missing the tests that need it skip, and `npm test` says which
 * and why (scripts/test.mjs); CI installs both (.ci/run).
 *
 * `pdfAProblems` stands in for veraPDF, which neither the npm nor the Debian
 * registry has: it checks the PDF/A-2a rules a generator most easily breaks
 * (see docs/architecture.md, "Reports"), and returns every rule that fails.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function installed(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasPoppler = installed('pdfinfo') && installed('pdffonts') && installed('pdftotext') && installed('pdftoppm');
export const hasLibreOffice = installed('soffice');
export const NO_POPPLER_MESSAGE =
  'PDF checks with poppler skipped: pdfinfo, pdffonts, pdftotext or pdftoppm missing (apt-get install -y poppler-utils)';
export const NO_LIBREOFFICE_MESSAGE =
  'DOCX and ODT checks with LibreOffice skipped: soffice missing (apt-get install -y libreoffice-writer-nogui)';

/** Runs a tool on the bytes written to a temporary file; returns what it printed. */
export async function withFile<T>(bytes: Uint8Array, name: string, work: (path: string, directory: string) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'koers-doc-'));
  try {
    const path = join(directory, name);
    writeFileSync(path, bytes);
    return await work(path, directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function pdfInfo(bytes: Uint8Array): Promise<{ info: Record<string, string>; xmp: string; fonts: string }> {
  return withFile(bytes, 'rapport.pdf', async (path) => {
    const info = (await run('pdfinfo', [path])).stdout;
    const xmp = (await run('pdfinfo', ['-meta', path])).stdout;
    const fonts = (await run('pdffonts', [path])).stdout;
    const fields = Object.fromEntries(
      info
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => [match[1] as string, match[2] as string]),
    );
    return { info: fields, xmp, fonts };
  });
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  return withFile(bytes, 'rapport.pdf', async (path) => (await run('pdftotext', [path, '-'])).stdout);
}

/** Every PDF/A-2a rule below that the file breaks, in words; empty when it keeps them all. */
export async function pdfAProblems(bytes: Uint8Array): Promise<string[]> {
  const raw = Buffer.from(bytes).toString('latin1');
  const problems: string[] = [];
  const need = (ok: boolean, rule: string) => {
    if (!ok) problems.push(rule);
  };
  need(/^%PDF-1\.[4-7]\n%[\x80-\xff]{4}/.test(raw), 'header: %PDF-1.x followed by a comment of four bytes above 127');
  need(/\/Lang \(nl(-NL)?\)/.test(raw), 'catalog: /Lang nl');
  need(/\/MarkInfo (\d+ 0 R|<<)/.test(raw) && /\/Marked true/.test(raw), 'catalog: /MarkInfo /Marked true (tagged)');
  need(/\/StructTreeRoot \d+ 0 R/.test(raw), 'catalog: a structure tree');
  need(/\/DisplayDocTitle true/.test(raw), 'viewer preferences: show the title, not the file name');
  need(
    /\/OutputIntents/.test(raw) && /\/S \/GTS_PDFA1/.test(raw) && /\/DestOutputProfile \d+ 0 R/.test(raw),
    'an output intent with an ICC profile',
  );
  need(/trailer[\s\S]*\/ID \[/.test(raw), 'trailer: a file identifier (/ID)');
  need(!/\/Encrypt\b/.test(raw), 'no encryption');
  need(!/\/JavaScript\b|\/JS\b/.test(raw), 'no JavaScript');
  need(!/\/Launch\b|\/EmbeddedFile\b/.test(raw), 'no launch actions or embedded files');
  const figures = raw.match(/\/S \/Figure/g)?.length ?? 0;
  const alternatives = raw.match(/\/S \/Figure[^>]*\/Alt \(|\/Alt \([^)]*\)[^>]*\/S \/Figure/g)?.length ?? 0;
  need(figures === alternatives, `every figure has a text alternative (${alternatives} of ${figures})`);
  const { info, xmp, fonts } = await pdfInfo(bytes);
  need(
    /<pdfaid:part>2<\/pdfaid:part>/.test(xmp) && /<pdfaid:conformance>A<\/pdfaid:conformance>/.test(xmp),
    'XMP: pdfaid part 2, conformance A',
  );
  need(info.Title !== undefined && xmp.includes(info.Title), 'XMP: dc:title equal to the title in the document information');
  need(info.Tagged === 'yes', 'pdfinfo: tagged');
  need(info.Encrypted === 'no', 'pdfinfo: not encrypted');
  const fontRows = fonts
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '');
  need(fontRows.length > 0, 'fonts: at least one');
  for (const row of fontRows) {
    const columns = row.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: "emb" is the fifth column from the end.
    need(columns.at(-5) === 'yes', `fonts: ${columns[0]} embedded`);
  }
  return problems;
}

/** The outline entries (bookmarks) of a PDF, by their titles as plain ASCII text where they are. */
export function pdfBookmarks(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString('latin1');
  return [...raw.matchAll(/\/Dest \[\d+ 0 R \/(?:Fit|XYZ [\d.]+ [\d.]+ [\d.]+)\]\n\/Parent \d+ 0 R\n\/Title \(((?:[^\\)]|\\.)*)\)/g)].map(
    (match) => match[1] as string,
  );
}

/** Converts with LibreOffice headless; returns the PDF it made. */
export async function convertWithLibreOffice(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  return withFile(bytes, name, async (path, directory) => {
    const profile = join(directory, 'profiel');
    await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', directory, path], {
      timeout: 120_000,
    });
    const made = readdirSync(directory).find((file) => file.endsWith('.pdf'));
    if (!made) throw new Error(`LibreOffice made no PDF of ${name}`);
    return new Uint8Array(readFileSync(join(directory, made)));
  });
}

/** Each page of a PDF as a small greyscale image: the share of its pixels that are not white. */
export async function pageInk(bytes: Uint8Array): Promise<number[]> {
  return withFile(bytes, 'rapport.pdf', async (path, directory) => {
    await run('pdftoppm', ['-gray', '-r', '20', path, join(directory, 'pagina')]);
    return readdirSync(directory)
      .filter((file) => file.endsWith('.pgm'))
      .sort()
      .map((file) => {
        const image = readFileSync(join(directory, file));
        // PGM (P5): three header lines (magic, size, maximum), then one byte per pixel.
        let offset = 0;
        for (let lines = 0; lines < 3; offset++) if (image[offset] === 0x0a) lines++;
        const pixels = image.subarray(offset);
        let ink = 0;
        for (const pixel of pixels) if (pixel < 200) ink++;
        return ink / pixels.length;
      });
  });
}
