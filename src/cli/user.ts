/** `koers user create`: local accounts from the command line; the first administrator is made this way. */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { ValidationError } from '../domain/errors.js';
import { SYSTEM } from '../features/accounts/actor.js';
import { createServices, openDatabase } from '../server.js';

/** Reads the password from standard input: typed at a prompt, or piped (`echo ... | koers user create`). */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const first = await prompt.question('Wachtwoord (minstens 12 tekens): ');
  const second = await prompt.question('Nog een keer: ');
  prompt.close();
  if (first !== second)
    throw new ValidationError('De wachtwoorden verschillen', [{ path: 'wachtwoord', message: 'tik twee keer hetzelfde' }]);
  return first;
}

export function registerUserCommands(program: Command, config: () => Config) {
  const user = program.command('user').description('gebruikers beheren');
  user
    .command('create')
    .description('maak een lokaal account; het wachtwoord komt van de standaardinvoer (er zijn geen standaardwachtwoorden)')
    .requiredOption('--email <email>', 'e-mailadres, ook de inlognaam')
    .requiredOption('--name <name>', 'naam zoals die in Koers en in de audittrail verschijnt')
    .option('--admin', 'beheerder van Koers: ziet alle gemeenten en beheert gebruikers')
    .action(async (options: { email: string; name: string; admin?: boolean }) => {
      const password = await readPassword();
      const handle = await openDatabase(config());
      try {
        const { auth } = createServices(handle);
        await auth.createUser({ name: options.name, email: options.email, password, isAdministrator: options.admin === true });
        console.log(`Account gemaakt voor ${options.email}${options.admin ? ' (beheerder)' : ''}.`);
      } finally {
        await handle.close();
      }
    });

  user
    .command('grant')
    .description('geef een gebruiker een rol bij een gemeente')
    .requiredOption('--email <email>', 'e-mailadres van het account')
    .requiredOption('--gemeente <code>', 'CBS-code van de gemeente, zoals GM1641')
    .requiredOption('--rol <rol>', 'beheerder, coordinator, portefeuillehouder, partner of lezer')
    .option('--partner <organisatie>', 'bij de rol partner: de organisatie waarvoor de gebruiker meldt')
    .action(async (options: { email: string; gemeente: string; rol: string; partner?: string }) => {
      await withAuth(config(), (auth) => auth.grantRole(SYSTEM, options.email, options.gemeente, options.rol, options.partner ?? null));
      console.log(`${options.email} is nu ${options.rol} bij ${options.gemeente}.`);
    });

  user
    .command('end-sessions')
    .description('beëindig alle sessies van een gebruiker (bijvoorbeeld na verlies van een laptop)')
    .requiredOption('--email <email>', 'e-mailadres van het account')
    .action(async (options: { email: string }) => {
      const ended = await withAuth(config(), (auth) => auth.endSessionsOf(SYSTEM, options.email));
      console.log(`${ended} sessie(s) van ${options.email} beëindigd.`);
    });
}

async function withAuth<T>(config: Config, work: (auth: ReturnType<typeof createServices>['auth']) => Promise<T>): Promise<T> {
  const handle = await openDatabase(config);
  try {
    return await work(createServices(handle).auth);
  } finally {
    await handle.close();
  }
}
