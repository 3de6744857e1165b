/**
 * Logging in and out, and the account page: /inloggen, /uitloggen, /account.
 * Every form carries a CSRF token; the session lives in a __Host- cookie.
 */

import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { NotFoundError, UnauthenticatedError } from '../../domain/errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { SESSION_COOKIE, sessionTokenOf } from '../../http/authenticate.js';
import { CSRF_FIELD, csrfTokenFor } from '../../http/csrf.js';
import { Cell, Heading, ListItem, Paragraph, Row, RowHeader, Table, TableBody, TableHead, UnorderedList } from '../../web/components.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { messagesFor } from '../../web/messages.js';
import type { AuditEvent } from '../audit/audit.repository.js';
import { describeAuditEvent } from '../audit/audit-event-text.js';
import type { Actor } from './actor.js';
import type { AuthService } from './auth.service.js';

function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

function LoginPage({ csrf, error, email, oidcName }: { csrf: string; error?: string; email?: string; oidcName: string | null }) {
  const m = messagesFor();
  return (
    <Layout m={m} title="Inloggen">
      <Heading level={1}>Inloggen</Heading>
      {error && (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <Paragraph>{error}</Paragraph>
        </div>
      )}
      <form method="post" action="/inloggen" class="koers-form">
        <CsrfField token={csrf} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="email">
            E-mailadres
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email ?? ''}
          />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="wachtwoord">
            Wachtwoord
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="wachtwoord"
            name="wachtwoord"
            type="password"
            autocomplete="current-password"
            required
          />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
          Inloggen
        </button>
      </form>
      {oidcName && (
        <Paragraph>
          <a class="utrecht-link" href="/inloggen/oidc">{`Inloggen via ${oidcName}`}</a>
        </Paragraph>
      )}
    </Layout>
  );
}

type UserActor = Extract<Actor, { kind: 'user' }>;
interface TokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const when = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
const moment = (iso: string | null) => (iso ? when.format(new Date(iso)) : '–');

interface AccountPageProps {
  actor: UserActor;
  csrf: string;
  tokens: TokenRow[];
  events: AuditEvent[];
  newToken?: string;
}

function AccountPage({ actor, csrf, tokens, events, newToken }: AccountPageProps) {
  const m = messagesFor();
  return (
    <Layout m={m} title="Mijn account">
      <Heading level={1}>Mijn account</Heading>
      <Paragraph>{`Ingelogd als ${actor.name} (${actor.email})${actor.isAdministrator ? ', beheerder van Koers' : ''}.`}</Paragraph>
      <Heading level={2}>Rollen</Heading>
      {actor.grants.length === 0 ? (
        <Paragraph>U heeft nog geen rol bij een gemeente.</Paragraph>
      ) : (
        <UnorderedList>
          {actor.grants.map((grant) => (
            <ListItem>{`${m.roles[grant.role] ?? grant.role} bij ${grant.municipalityCode}${grant.partnerName ? ` (${grant.partnerName})` : ''}`}</ListItem>
          ))}
        </UnorderedList>
      )}
      <Heading level={2}>API-tokens</Heading>
      <Paragraph>Met een persoonlijk API-token kan een programma namens u de API gebruiken (Authorization: Bearer ...).</Paragraph>
      {newToken && (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <Paragraph>
            Uw nieuwe token staat hieronder. Kopieer het nu: Koers bewaart alleen een vingerafdruk en kan het niet opnieuw tonen.
          </Paragraph>
          <Paragraph>
            <code>{newToken}</code>
          </Paragraph>
        </div>
      )}
      {tokens.length > 0 && (
        <Table caption="Uw API-tokens">
          <TableHead columns={['Naam', 'Gemaakt', 'Laatst gebruikt', 'Status']} />
          <TableBody>
            {tokens.map((token) => (
              <Row>
                <Cell label="Naam">{token.name}</Cell>
                <Cell label="Gemaakt">{moment(token.createdAt)}</Cell>
                <Cell label="Laatst gebruikt">{moment(token.lastUsedAt)}</Cell>
                <Cell label="Status">
                  {token.revokedAt ? (
                    `ingetrokken ${moment(token.revokedAt)}`
                  ) : (
                    <form method="post" action={`/account/api-tokens/${token.id}/intrekken`}>
                      <CsrfField token={csrf} />
                      <button
                        type="submit"
                        class="utrecht-button utrecht-button--secondary-action"
                        aria-label={`Token ${token.name} intrekken`}
                      >
                        Intrekken
                      </button>
                    </form>
                  )}
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      <form method="post" action="/account/api-tokens" class="koers-form">
        <CsrfField token={csrf} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="token-naam">
            Naam van het nieuwe token
          </label>
          <input class="utrecht-textbox utrecht-textbox--html-input" id="token-naam" name="naam" type="text" required />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Token maken
        </button>
      </form>
      <Heading level={2}>Geschiedenis van uw account</Heading>
      <Table caption="De laatste gebeurtenissen van uw account, nieuwste eerst">
        <TableHead
          columns={[m.history.columnWhat, m.history.columnWhen, m.history.columnWho, m.history.columnDetails, m.history.columnFrom]}
        />
        <TableBody>
          {events.map((event) => {
            const described = describeAuditEvent(m, event);
            return (
              <Row>
                <RowHeader>{described.action}</RowHeader>
                <Cell label={m.history.columnWhen}>{moment(event.occurredAt)}</Cell>
                <Cell label={m.history.columnWho}>{event.actor.label}</Cell>
                <Cell label={m.history.columnDetails}>{described.details}</Cell>
                <Cell label={m.history.columnFrom}>{event.ip ?? m.history.unknownAddress}</Cell>
              </Row>
            );
          })}
        </TableBody>
      </Table>
      <Heading level={2}>Uitloggen</Heading>
      <form method="post" action="/uitloggen">
        <CsrfField token={csrf} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Uitloggen
        </button>
      </form>
      <form method="post" action="/account/overal-uitloggen">
        <CsrfField token={csrf} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Overal uitloggen
        </button>
      </form>
    </Layout>
  );
}

export function createAccountPages(auth: AuthService, sessionHours: number, oidcName: string | null = null): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();

  pages.get('/inloggen', (c) => c.html(renderDocument(<LoginPage csrf={csrfTokenFor(c)} oidcName={oidcName} />)));

  pages.post('/inloggen', async (c) => {
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? form.email : '';
    const password = typeof form.wachtwoord === 'string' ? form.wachtwoord : '';
    try {
      const { sessionToken } = await auth.login(email, password, c.var.actor.ip ?? 'onbekend');
      setCookie(c, SESSION_COOKIE, sessionToken, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAge: sessionHours * 3600 });
      return c.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      return c.html(renderDocument(<LoginPage csrf={csrfTokenFor(c)} error={error.message} email={email} oidcName={oidcName} />), 401);
    }
  });

  pages.post('/uitloggen', async (c) => {
    const token = sessionTokenOf(c);
    if (token) await auth.logout(c.var.actor, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.redirect('/', 303);
  });

  pages.post('/account/overal-uitloggen', async (c) => {
    const actor = c.var.actor;
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    await auth.endAllSessions(actor, actor.userId);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.redirect('/inloggen', 303);
  });

  pages.get('/account', async (c) => {
    const actor = c.var.actor;
    if (actor.kind !== 'user') return c.redirect('/inloggen', 303);
    const page = (
      <AccountPage
        actor={actor}
        csrf={csrfTokenFor(c)}
        tokens={await auth.listApiTokens(actor.userId)}
        events={await auth.accountHistory(actor.userId)}
      />
    );
    return c.html(renderDocument(page));
  });

  pages.post('/account/api-tokens', async (c) => {
    const actor = c.var.actor;
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    const form = await c.req.parseBody();
    const created = await auth.createApiToken(actor.userId, typeof form.naam === 'string' ? form.naam : '', actor);
    const tokens = await auth.listApiTokens(actor.userId);
    const events = await auth.accountHistory(actor.userId);
    return c.html(
      renderDocument(<AccountPage actor={actor} csrf={csrfTokenFor(c)} tokens={tokens} events={events} newToken={created.token} />),
      201,
    );
  });

  pages.post('/account/api-tokens/:tokenId/intrekken', async (c) => {
    const actor = c.var.actor;
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    if (!(await auth.revokeApiToken(actor.userId, c.req.param('tokenId'), actor)))
      throw new NotFoundError('API-token', c.req.param('tokenId'));
    return c.redirect('/account', 303);
  });

  return pages;
}
