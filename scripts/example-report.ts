/**
 * `npm run example:report`: writes docs/examples/voortgangsrapportage-maasgouw-2020.pdf,
 * the progress report over 2020 of the Maasgouw example with the made-up
 * year of data of test/report-example.ts, made definitive as a coordinator
 * would, so a reader sees what Koers makes without running it. Its
 * introduction says the figures are made up.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { PROJECT_ROOT } from '../src/project-root.js';
import { createServices } from '../src/server.js';
import { REPORT_EXAMPLE, reportExample } from '../test/report-example.js';

export const EXAMPLE_REPORT_PATH = join(PROJECT_ROOT, 'docs', 'examples', 'voortgangsrapportage-maasgouw-2020.pdf');

const INTRODUCTION = [
  'Dit is een voorbeeld van de voortgangsrapportage die Koers maakt. Het plan is het integraal veiligheidsplan van Maasgouw voor 2019 tot en met 2022, zoals Koers het als voorbeeld meelevert.',
  'De metingen, voortgangsmeldingen, het oordeel en de bedragen over 2020 in dit voorbeeld zijn verzonnen om te laten zien hoe een rapportage eruitziet. Het zijn niet de cijfers van Maasgouw.',
].join('\n\n');

const handle = await createDatabase({ engine: 'pglite', dataDir: null });
try {
  await migrateToLatest(handle.db);
  const services = createServices(handle);
  const planId = await reportExample(services);
  const { year } = REPORT_EXAMPLE;
  const concept = await services.reports.create(SYSTEM, planId, year);
  await services.reports.editTexts(SYSTEM, planId, year, concept.number, { introduction: INTRODUCTION, themes: {} });
  await services.reports.finalise(SYSTEM, planId, year, concept.number);
  const file = await services.reports.file(SYSTEM, planId, year, concept.number, 'pdf');
  writeFileSync(EXAMPLE_REPORT_PATH, file.body);
  console.log(`${EXAMPLE_REPORT_PATH} (${file.body.byteLength} bytes)`);
} finally {
  await handle.close();
}
