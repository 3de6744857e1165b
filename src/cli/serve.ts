/** `koers serve`: the web app (what `npm start` runs). */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { startServer } from '../server.js';

export function registerServeCommand(program: Command, config: () => Config) {
  program
    .command('serve')
    .description('start de webapplicatie (PORT, DATA_DIR of DATABASE_URL bepalen waar)')
    .action(async () => {
      const { stop } = await startServer(config());
      const shutdown = () => {
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
