/** `koers serve`: the web app (what `npm start` runs). Stops cleanly on SIGTERM or SIGINT; a second signal stops at once. */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { configuredLogger, startServer } from '../server.js';

export function registerServeCommand(program: Command, config: () => Config) {
  program
    .command('serve')
    .description('start de webapplicatie (PORT, DATA_DIR of DATABASE_URL bepalen waar)')
    .action(async () => {
      const settings = config();
      const log = configuredLogger(settings);
      process.on('uncaughtExceptionMonitor', (error) => log.error('Onverwachte fout: Koers stopt', { err: error }));
      const { stop } = await startServer(settings, log);
      let signals = 0;
      const shutdown = (signal: NodeJS.Signals) => {
        signals++;
        if (signals > 1) {
          log.warn('Tweede stopsignaal: Koers stopt meteen', { signal });
          process.exit(1);
        }
        stop(signal).then(
          () => process.exit(0),
          (error: unknown) => {
            log.error('Stoppen mislukt', { err: error });
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    });
}
