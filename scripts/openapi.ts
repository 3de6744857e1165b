/**
 * Writes docs/openapi.json, the published API contract, from the routes
 * (`npm run openapi`). A test fails when the file is out of date with the code.
 */
import { writeFile } from 'node:fs/promises';
import { createApp } from '../src/app.js';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { createServices } from '../src/server.js';

export const OPENAPI_FILE = new URL('../docs/openapi.json', import.meta.url);

export async function buildOpenApiDocument(): Promise<string> {
  const handle = await createDatabase({ engine: 'pglite', dataDir: null });
  try {
    await migrateToLatest(handle.db);
    const response = await createApp(createServices(handle)).request('/api/v1/openapi.json');
    return `${JSON.stringify(await response.json(), null, 2)}\n`;
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(OPENAPI_FILE, await buildOpenApiDocument());
  console.log('docs/openapi.json bijgewerkt');
}
