#!/usr/bin/env node
// `npm test`: type check, then the whole Vitest suite. Says plainly which part
// is skipped on this machine and why, and ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies } from './ensure-dependencies.mjs';

ensureDependencies();

const CHROMIUM = '/usr/bin/chromium';
const skipped = [];
if (!process.env.TEST_DATABASE_URL) {
  skipped.push(
    'PostgreSQL-server: TEST_DATABASE_URL is niet gezet, dus de databasetests draaien alleen op PGlite (zet bijv. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).',
  );
}
if (!existsSync(CHROMIUM)) {
  skipped.push(`Browsertests: geen Chromium op ${CHROMIUM} (installeer met: apt-get install -y chromium).`);
}
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
if (!['pdfinfo', 'pdffonts', 'pdftotext', 'pdftoppm'].every(onPath)) {
  skipped.push('PDF-controles van rapportages: poppler ontbreekt (installeer met: apt-get install -y poppler-utils).');
}
if (!onPath('soffice')) {
  skipped.push('DOCX- en ODT-controles in LibreOffice: soffice ontbreekt (installeer met: apt-get install -y libreoffice-writer-nogui).');
}
if (process.env.CI === 'true' && skipped.length > 0) {
  console.error(`In CI mag niets worden overgeslagen:\n- ${skipped.join('\n- ')}`);
  process.exit(1);
}

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

console.log('Typecontrole (tsc)...');
if (run('npx', ['tsc', '-p', '.']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

console.log('Stijl en lint (Biome)...');
if (run('npx', ['biome', 'check', '.']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const folder = mkdtempSync(join(tmpdir(), 'koers-vitest-'));
const report = join(folder, 'report.json');
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
let counts = { passed: 0, failed: status === 0 ? 0 : 1, skipped: 0 };
if (existsSync(report)) {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  counts = { passed: result.numPassedTests, failed: result.numFailedTests, skipped: result.numPendingTests + result.numTodoTests };
}
rmSync(folder, { recursive: true, force: true });

if (skipped.length > 0) console.log(`\nOvergeslagen op deze machine:\n- ${skipped.join('\n- ')}`);
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(status === 0 && counts.failed === 0 ? 0 : 1);
