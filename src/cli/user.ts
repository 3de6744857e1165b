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
    .option('--partner <partner>', 'bij de rol partner: de partner van het plan (sleutel of naam) waarvoor de gebruiker meldt')
    .option('--portefeuillehouder <trekker>', 'bij de rol portefeuillehouder: wie de gebruiker is in het plan (sleutel of naam)')
    .action(async (options: { email: string; gemeente: string; rol: string; partner?: string; portefeuillehouder?: string }) => {
      const { passwordVoided } = await withAuth(config(), (auth) =>
        auth.grantRole(SYSTEM, options.email, options.gemeente, options.rol, {
          partner: options.partner ?? null,
          portfolioHolder: options.portefeuillehouder ?? null,
        }),
      );
      console.log(`${options.email} is nu ${options.rol} bij ${options.gemeente}.`);
      if (passwordVoided) {
        console.log(
          'Het wachtwoord was ingesteld via een link van de beheerder van een andere gemeente en is vervallen; geef een nieuwe link met: koers user password-link',
        );
      }
    });

  user
    .command('password-link')
    .description('geef een link (72 uur geldig, één keer te gebruiken) waarmee de gebruiker zelf een wachtwoord kiest')
    .requiredOption('--email <email>', 'e-mailadres van het account')
    .option('--adres <url>', 'het adres van Koers zoals gebruikers het openen', 'http://localhost:3000')
    .action(async (options: { email: string; adres: string }) => {
      const base = options.adres.replace(/\/+$/, '');
      if (!/^https?:\/\/[^/\s]+$/.test(base)) {
        throw new ValidationError('Het adres is ongeldig', [{ path: '--adres', message: 'geef iets als https://koers.gemeente.nl' }]);
      }
      const { link } = await withAuth(config(), async (_auth, services) => {
        const account = await services.users.findAccount(options.email);
        return services.users.issuePasswordLink(SYSTEM, account.id);
      });
      console.log(`${base}/wachtwoord-instellen/${link.token}`);
      console.error(`Geldig tot ${link.expiresAt}; eerdere, ongebruikte links werken niet meer.`);
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

async function withAuth<T>(
  config: Config,
  work: (auth: ReturnType<typeof createServices>['auth'], services: ReturnType<typeof createServices>) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(config);
  try {
    const services = createServices(handle);
    return await work(services.auth, services);
  } finally {
    await handle.close();
  }
}
