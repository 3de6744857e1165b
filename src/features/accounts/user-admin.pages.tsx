/**
 * /beheer/gebruikers: the beheerder's page to see who has which role in the
 * municipality, add someone with a role, and end someone's sessions.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { CSRF_FIELD, csrfTokenFor } from '../../http/csrf.js';
import { Cell, Heading, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { messagesFor } from '../../web/messages.js';
import type { UserAdminService } from './user-admin.service.js';

type Overview = Awaited<ReturnType<UserAdminService['overview']>>;
const ROLES = ['beheerder', 'coordinator', 'portefeuillehouder', 'partner', 'lezer'];
const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');

function UsersPage({ overview, csrf, notice }: { overview: Overview; csrf: string; notice?: string }) {
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
      <Table caption="Gebruikers met een rol in de gemeenten die u beheert">
        <TableHead columns={['Naam', 'E-mailadres', 'Gemeente', 'Rol', 'Sessies']} />
        <TableBody>
          {overview.rows.map((row) => (
            <Row>
              <RowHeader>{row.name}</RowHeader>
              <Cell label="E-mailadres">{row.email}</Cell>
              <Cell label="Gemeente">{row.code}</Cell>
              <Cell label="Rol">
                {row.partnerName
                  ? `${m.roles[row.roleCode] ?? row.roleCode} (${row.partnerName})`
                  : (m.roles[row.roleCode] ?? row.roleCode)}
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
        Bestaat het account nog niet, dan maakt Koers het. Laat het wachtwoord leeg voor iemand die inlogt via de identity provider van de
        gemeente.
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
            {ROLES.map((role) => (
              <option value={role}>{role}</option>
            ))}
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="gebruiker-partner">
            Organisatie (alleen bij de rol partner)
          </label>
          <input class={input} id="gebruiker-partner" name="partner" type="text" />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="gebruiker-wachtwoord">
            Eerste wachtwoord (minstens 12 tekens; leeg: alleen inloggen via de identity provider)
          </label>
          <input class={input} id="gebruiker-wachtwoord" name="wachtwoord" type="password" autocomplete="new-password" />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
          Rol geven
        </button>
      </form>
    </Layout>
  );
}

export function createUserAdminPages(users: UserAdminService): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();

  pages.get('/beheer/gebruikers', async (c) => {
    if (c.var.actor.kind === 'anonymous') return c.redirect('/inloggen', 303);
    return c.html(renderDocument(<UsersPage overview={await users.overview(c.var.actor)} csrf={csrfTokenFor(c)} />));
  });

  pages.post('/beheer/gebruikers', async (c) => {
    const form = await c.req.parseBody();
    const email = field(form, 'email');
    await users.addUser(c.var.actor, {
      name: field(form, 'naam'),
      email,
      municipalityCode: field(form, 'gemeente'),
      role: field(form, 'rol'),
      partnerName: field(form, 'partner') || null,
      password: field(form, 'wachtwoord') || null,
    });
    const notice = `${email} heeft de rol ${field(form, 'rol')} bij ${field(form, 'gemeente')}.`;
    return c.html(renderDocument(<UsersPage overview={await users.overview(c.var.actor)} csrf={csrfTokenFor(c)} notice={notice} />), 201);
  });

  pages.post('/beheer/gebruikers/:userId/sessies-beeindigen', async (c) => {
    const ended = await users.endSessions(c.var.actor, c.req.param('userId'));
    const notice = `${ended} sessie(s) beëindigd.`;
    return c.html(renderDocument(<UsersPage overview={await users.overview(c.var.actor)} csrf={csrfTokenFor(c)} notice={notice} />));
  });

  return pages;
}
