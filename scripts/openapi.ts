/**
 * Writes docs/openapi.json, the published API contract, from the routes
 * (`npm run openapi`). A test fails when the file is out of date with the code.
 */
import { writeFile } from 'node:fs/promises';
import { createApp } from '../src/app.js';
import { createDatabase, type DatabaseHandle, migrateToLatest } from '../src/db/create-db.js';
import { createServices } from '../src/server.js';

export const OPENAPI_FILE = new URL('../docs/openapi.json', import.meta.url);

/** The OpenAPI document as the app serves it, formatted as the committed file. */
export async function buildOpenApiDocument(handle: DatabaseHandle): Promise<string> {
  const response = await createApp(createServices(handle)).request('/api/v1/openapi.json');
  return `${JSON.stringify(await response.json(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const handle = await createDatabase({ engine: 'pglite', dataDir: null });
  try {
    await migrateToLatest(handle.db);
    await writeFile(OPENAPI_FILE, await buildOpenApiDocument(handle));
    console.log('docs/openapi.json bijgewerkt');
  } finally {
    await handle.close();
  }
}
