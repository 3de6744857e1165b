/** The `koers` command: one file per command, wired here. */
import { Command } from 'commander';
import { readConfig } from '../config.js';
import { registerAuditCommands } from './audit.js';
import { registerImportCommands } from './import.js';
import { registerMigrateCommand } from './migrate.js';
import { registerMonitorCommands } from './monitor.js';
import { registerPlanCommands } from './plan.js';
import { registerReportCommand } from './report.js';
import { registerServeCommand } from './serve.js';
import { registerUserCommands } from './user.js';

/** Every command of `koers`, with its options; the configuration is read only when a command runs. */
export function koersProgram(): Command {
  const config = () => readConfig(process.env);
  const program = new Command('koers')
    .description('Koers: het integraal veiligheidsplan van een gemeente, van plan tot verantwoording')
    .showHelpAfterError();
  registerServeCommand(program, config);
  registerMigrateCommand(program, config);
  registerPlanCommands(program, config);
  registerUserCommands(program, config);
  registerAuditCommands(program, config);
  registerImportCommands(program, config);
  registerMonitorCommands(program, config);
  registerReportCommand(program, config);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await koersProgram().parseAsync(argv, { from: 'user' });
}
