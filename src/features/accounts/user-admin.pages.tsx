/**
 * /beheer/gebruikers: the beheerder's page to see who has which role in the
 * municipality, add someone with a role (a new account gets a link to set its
 * first password, shown once), issue a new link, and end someone's sessions.
 */
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { CSRF_FIELD, csrfTokenFor, ownOrigin } from '../../http/csrf.js';
import { readForm } from '../../http/form.js';
import { Cell, Heading, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { messagesFor } from '../../web/messages.js';
import { ROLE_CODES } from './auth.service.js';
import type { PasswordLink } from './password-links.js';
import type { UserAdminService } from './user-admin.service.js';

type Overview = Awaited<ReturnType<UserAdminService['overview']>>;
const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');

const until = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** The link to pass on, shown once: the beheerder copies it and sends it to the person. */
interface ShownLink {
  url: string;
  email: string;
  expiresAt: string;
}

function LinkNotice({ link }: { link: ShownLink }) {
  return (
    <div class="utrecht-alert utrecht-alert--ok" role="status">
      <div class="utrecht-alert__content">
        <Paragraph>
          {`Geef deze link aan ${link.email}. Met de link kiest de persoon zelf een wachtwoord. De link werkt één keer, tot ${until.format(new Date(link.expiresAt))}. Koers toont hem niet opnieuw.`}
        </Paragraph>
        <Paragraph>
          <code class="koers-secret">{link.url}</code>
        </Paragraph>
      </div>
    </div>
  );
}

function UsersPage({ overview, csrf, notice, link }: { overview: Overview; csrf: string; notice?: string; link?: ShownLink }) {
  const m = messagesFor();
  const input = 'utrecht-textbox utrecht-textbox--html-input';
  return (
    <Layout m={m} title="Gebruikers beheren">
      <Heading level={1}>Gebruikers beheren</Heading>
      {notice && (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <Paragraph>{notice}</Paragraph>
        </div>
      )}
      {link && <LinkNotice link={link} />}
      <Table caption="Gebruikers met een rol in de gemeenten die u beheert">
        <TableHead columns={['Naam', 'E-mailadres', 'Gemeente', 'Rol', 'Wachtwoord', 'Sessies']} />
        <TableBody>
          {overview.rows.map((row) => (
            <Row>
              <RowHeader>{row.name}</RowHeader>
              <Cell label="E-mailadres">{row.email}</Cell>
              <Cell label="Gemeente">{row.code}</Cell>
              <Cell label="Rol">
                {row.partnerKey || row.portfolioHolderKey
                  ? `${m.roles[row.roleCode] ?? row.roleCode} (${row.partnerName ?? row.portfolioHolderName ?? row.partnerKey ?? row.portfolioHolderKey})`
                  : (m.roles[row.roleCode] ?? row.roleCode)}
              </Cell>
              <Cell label="Wachtwoord">
                {overview.resettable.has(row.id) ? (
                  <form method="post" action={`/beheer/gebruikers/${row.id}/wachtwoordlink`}>
                    <input type="hidden" name={CSRF_FIELD} value={csrf} />
                    <button
                      type="submit"
                      class="utrecht-button utrecht-button--secondary-action"
                      aria-label={`Nieuwe link voor ${row.name}: een wachtwoordlink`}
                    >
                      Nieuwe link
                    </button>
                  </form>
                ) : (
                  'via een beheerder van Koers'
                )}
              </Cell>
              <Cell label="Sessies">
                <form method="post" action={`/beheer/gebruikers/${row.id}/sessies-beeindigen`}>
                  <input type="hidden" name={CSRF_FIELD} value={csrf} />
                  <button
                    type="submit"
                    class="utrecht-button utrecht-button--secondary-action"
                    aria-label={`Uitloggen: alle sessies van ${row.name} beëindigen`}
                  >
                    Uitloggen
                  </button>
                </form>
              </Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
      <Heading level={2}>Iemand een rol geven</Heading>
      <Paragraph>
        Bestaat het account nog niet, dan maakt Koers het en krijgt u een link die u aan de persoon geeft: daarmee kiest die zelf een
        wachtwoord. Bestaat het account al, dan krijgt het alleen de rol en houdt de persoon het eigen wachtwoord. Wie inlogt via de
        identity provider van de gemeente, heeft de link niet nodig.
      </Paragraph>
      <form method="post" action="/beheer/gebruikers" class="koers-form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        {[
          ['naam', 'Naam', 'text', 'name'],
          ['email', 'E-mailadres', 'email', 'email'],
        ].map(([name, label, type, autocomplete]) => (
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for={`gebruiker-${name}`}>
              {label}
            </label>
            <input class={input} id={`gebruiker-${name}`} name={name} type={type} autocomplete={autocomplete} required />
          </div>
        ))}
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="gebruiker-gemeente">
            Gemeente
          </label>
          <select class="utrecht-select utrecht-select--html-select" id="gebruiker-gemeente" name="gemeente">
            {overview.municipalities.map((municipality) => (
              <option value={municipality.code}>{`${municipality.name} (${municipality.code})`}</option>
            ))}
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="gebruiker-rol">
            Rol
          </label>
          <select class="utrecht-select utrecht-select--html-select" id="gebruiker-rol" name="rol">
            {ROLE_CODES.map((role) => (
              <option value={role}>{role}</option>
            ))}
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="gebruiker-partner">
            Partner (alleen bij de rol partner)
          </label>
          <div class="utrecht-form-field-description" id="gebruiker-partner-uitleg">
            De partner van het plan waarvoor de persoon de voortgang meldt: de sleutel of de naam.
          </div>
          <input
            class={input}
            id="gebruiker-partner"
            name="partner"
            type="text"
            list="partners"
            aria-describedby="gebruiker-partner-uitleg"
          />
          <datalist id="partners">
            {uniqueTargets(overview, 'partners').map((target) => (
              <option value={target.key}>{target.name}</option>
            ))}
          </datalist>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="gebruiker-portefeuillehouder">
            Portefeuillehouder (alleen bij de rol portefeuillehouder)
          </label>
          <div class="utrecht-form-field-description" id="gebruiker-portefeuillehouder-uitleg">
            Wie de persoon is in het plan: de voortgang van de activiteiten die deze portefeuillehouder trekt, meldt en keurt de persoon
            goed.
          </div>
          <input
            class={input}
            id="gebruiker-portefeuillehouder"
            name="portefeuillehouder"
            type="text"
            list="portefeuillehouders"
            aria-describedby="gebruiker-portefeuillehouder-uitleg"
          />
          <datalist id="portefeuillehouders">
            {uniqueTargets(overview, 'portfolioHolders').map((target) => (
              <option value={target.key}>{target.name}</option>
            ))}
          </datalist>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
          Rol geven
        </button>
      </form>
    </Layout>
  );
}

export function createUserAdminPages(users: UserAdminService, { trustProxy }: { trustProxy: boolean }): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  // The address the beheerder's browser uses (behind a proxy of our own, the forwarded one), so the link works for the person.
  const shown = (c: Context, link: PasswordLink, email: string): ShownLink => ({
    url: `${ownOrigin(c, trustProxy)}/wachtwoord-instellen/${link.token}`,
    email,
    expiresAt: link.expiresAt,
  });
  const page = async (c: Context<AppEnv>, extra: { notice?: string; link?: ShownLink } = {}, status: 200 | 201 = 200) =>
    c.html(renderDocument(<UsersPage overview={await users.overview(c.var.actor)} csrf={csrfTokenFor(c)} {...extra} />), status);

  pages.get('/beheer/gebruikers', async (c) => {
    if (c.var.actor.kind === 'anonymous') return c.redirect('/inloggen', 303);
    return page(c);
  });

  pages.post('/beheer/gebruikers', async (c) => {
    const form = await readForm(c);
    const email = field(form, 'email').toLowerCase();
    const added = await users.addUser(c.var.actor, {
      name: field(form, 'naam'),
      email,
      municipalityCode: field(form, 'gemeente'),
      role: field(form, 'rol'),
      partner: field(form, 'partner') || null,
      portfolioHolder: field(form, 'portefeuillehouder') || null,
    });
    const notices = [
      added.created
        ? `Account gemaakt: ${email} heeft de rol ${field(form, 'rol')} bij ${field(form, 'gemeente')}.`
        : `${email} had al een account en heeft nu ook de rol ${field(form, 'rol')} bij ${field(form, 'gemeente')}. De persoon logt in zoals eerder.`,
    ];
    if (added.passwordVoided) {
      notices.push(
        'Het wachtwoord van dit account was ingesteld via een link van de beheerder van een andere gemeente en is daarom vervallen. Een beheerder van Koers geeft de persoon een nieuwe link, of de persoon logt in via de identity provider.',
      );
    }
    return page(c, { notice: notices.join(' '), link: added.link ? shown(c, added.link, email) : undefined }, 201);
  });

  pages.post('/beheer/gebruikers/:userId/wachtwoordlink', async (c) => {
    const { link, email } = await users.issuePasswordLink(c.var.actor, c.req.param('userId'));
    return page(c, { notice: `Eerdere, ongebruikte links van ${email} werken niet meer.`, link: shown(c, link, email) });
  });

  pages.post('/beheer/gebruikers/:userId/sessies-beeindigen', async (c) => {
    const ended = await users.endSessions(c.var.actor, c.req.param('userId'));
    return page(c, { notice: ended === 1 ? '1 sessie beëindigd.' : `${ended} sessies beëindigd.` });
  });

  return pages;
}

/** The partners or portfolio holders of every municipality the page shows, each key once. */
function uniqueTargets(overview: Overview, kind: 'partners' | 'portfolioHolders') {
  const byKey = new Map<string, { key: string; name: string }>();
  for (const targets of overview.targets.values())
    for (const target of targets[kind]) if (!byKey.has(target.key)) byKey.set(target.key, target);
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
