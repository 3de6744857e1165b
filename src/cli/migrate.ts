/** `koers migrate`: brings the database schema up to date (serve does this too). */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { createDatabase, migrateToLatest } from '../db/create-db.js';
import { databaseTarget } from '../server.js';

export function registerMigrateCommand(program: Command, config: () => Config) {
  program
    .command('migrate')
    .description('werk het databaseschema bij tot de nieuwste versie')
    .action(async () => {
      const handle = await createDatabase(databaseTarget(config()));
      try {
        const applied = await migrateToLatest(handle.db);
        console.log(applied.length ? `Uitgevoerd: ${applied.join(', ')}` : 'Het schema is al bij.');
      } finally {
        await handle.close();
      }
    });
}
