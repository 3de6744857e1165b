/**
 * Logging in and out, and the account page: /inloggen, /uitloggen, /account.
 * Every form carries a CSRF token; the session lives in a __Host- cookie.
 */

import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { type FieldProblem, NotFoundError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { SESSION_COOKIE, sessionTokenOf } from '../../http/authenticate.js';
import { CSRF_FIELD, csrfTokenFor } from '../../http/csrf.js';
import { readForm } from '../../http/form.js';
import { Cell, Heading, ListItem, Paragraph, Row, RowHeader, Table, TableBody, TableHead, UnorderedList } from '../../web/components.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { messagesFor } from '../../web/messages.js';
import type { AuditEvent } from '../audit/audit.repository.js';
import { describeAuditEvent } from '../audit/audit-event-text.js';
import type { Actor } from './actor.js';
import type { AuthService } from './auth.service.js';
import { MIN_PASSWORD_LENGTH } from './password.js';
import type { PasswordLinks } from './password-links.js';

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
            <ListItem>{`${m.roles[grant.role] ?? grant.role} bij ${grant.municipalityCode}${grant.partnerKey ? ` (partner ${grant.partnerKey})` : ''}${grant.portfolioHolderKey ? ` (${grant.portfolioHolderKey})` : ''}`}</ListItem>
          ))}
        </UnorderedList>
      )}
      <Heading level={2}>API-tokens</Heading>
      <Paragraph>Met een persoonlijk API-token kan een programma namens u de API gebruiken (Authorization: Bearer ...).</Paragraph>
      {newToken && (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <div class="utrecht-alert__content">
            <Paragraph>
              Uw nieuwe token staat hieronder. Kopieer het nu: Koers bewaart alleen een vingerafdruk en kan het niet opnieuw tonen.
            </Paragraph>
            <Paragraph>
              <code class="koers-secret">{newToken}</code>
            </Paragraph>
          </div>
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
      <form method="post" action="/account/overal-uitloggen" class="koers-form">
        <CsrfField token={csrf} />
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="ook-tokens" name="ook-tokens" value="ja" />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="ook-tokens">
            Trek ook al mijn API-tokens in
          </label>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Overal uitloggen
        </button>
      </form>
    </Layout>
  );
}

export function createAccountPages(
  auth: AuthService,
  links: PasswordLinks,
  sessionHours: number,
  oidcName: string | null = null,
): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();

  pages.get('/inloggen', (c) => c.html(renderDocument(<LoginPage csrf={csrfTokenFor(c)} oidcName={oidcName} />)));

  pages.post('/inloggen', async (c) => {
    const form = await readForm(c);
    const email = typeof form.email === 'string' ? form.email : '';
    const password = typeof form.wachtwoord === 'string' ? form.wachtwoord : '';
    try {
      // The session this browser had (of whoever) ends: a login always starts a fresh one.
      const { sessionToken } = await auth.login(email, password, c.var.actor.ip ?? 'onbekend', sessionTokenOf(c));
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
    const form = await readForm(c);
    await auth.endAllSessions(actor, actor.userId, { revokeTokens: form['ook-tokens'] === 'ja' });
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
    const form = await readForm(c);
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

  pages.get('/wachtwoord-instellen/:token', async (c) => {
    const holder = await links.holder(c.req.param('token'));
    if (!holder) return c.html(renderDocument(<ExpiredLinkPage />), 404);
    return c.html(renderDocument(<SetPasswordPage csrf={csrfTokenFor(c)} token={c.req.param('token')} holder={holder} />));
  });

  pages.post('/wachtwoord-instellen/:token', async (c) => {
    const token = c.req.param('token');
    const form = await readForm(c);
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    try {
      await links.setPassword(token, text('wachtwoord'), text('herhaling'), c.var.actor.ip ?? null);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const holder = await links.holder(token);
      if (!holder) return c.html(renderDocument(<ExpiredLinkPage />), 404);
      const page = <SetPasswordPage csrf={csrfTokenFor(c)} token={token} holder={holder} problems={error.problems} />;
      return c.html(renderDocument(page), 400);
    }
    return c.html(renderDocument(<PasswordSetPage />));
  });

  return pages;
}

function ExpiredLinkPage() {
  const m = messagesFor();
  return (
    <Layout m={m} title="Link werkt niet meer">
      <Heading level={1}>Deze link werkt niet meer</Heading>
      <Paragraph>
        De link om een wachtwoord in te stellen is al gebruikt, vervallen of ouder dan 72 uur. Vraag de beheerder van uw gemeente om een
        nieuwe link.
      </Paragraph>
    </Layout>
  );
}

function PasswordSetPage() {
  const m = messagesFor();
  return (
    <Layout m={m} title="Wachtwoord ingesteld">
      <Heading level={1}>Uw wachtwoord is ingesteld</Heading>
      <Paragraph>
        <a class="utrecht-link" href="/inloggen">
          Log nu in met uw e-mailadres en het nieuwe wachtwoord
        </a>
      </Paragraph>
    </Layout>
  );
}

function SetPasswordPage({
  csrf,
  token,
  holder,
  problems = [],
}: {
  csrf: string;
  token: string;
  holder: { name: string; email: string; expiresAt: string };
  problems?: FieldProblem[];
}) {
  const m = messagesFor();
  const problemOf = (name: string) => problems.find((problem) => problem.path === name)?.message;
  const fields = [
    ['wachtwoord', `Nieuw wachtwoord (minstens ${MIN_PASSWORD_LENGTH} tekens)`],
    ['herhaling', 'Nog een keer hetzelfde wachtwoord'],
  ] as const;
  return (
    <Layout m={m} title="Wachtwoord instellen">
      <Heading level={1}>Wachtwoord instellen</Heading>
      <Paragraph>{`Voor ${holder.name} (${holder.email}). Kies een wachtwoord dat alleen u kent; een zin van een paar woorden is sterk en goed te onthouden.`}</Paragraph>
      {problems.length > 0 && (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <Paragraph>Het wachtwoord is niet ingesteld.</Paragraph>
        </div>
      )}
      <form method="post" action={`/wachtwoord-instellen/${token}`} class="koers-form">
        <CsrfField token={csrf} />
        <input type="hidden" name="email" autocomplete="username" value={holder.email} />
        {fields.map(([name, label]) => (
          <div class={`utrecht-form-field${problemOf(name) ? ' utrecht-form-field--invalid' : ''}`}>
            <label class="utrecht-form-label" for={name}>
              {label}
            </label>
            {problemOf(name) && (
              <p class="utrecht-form-field-error-message" id={`${name}-fout`}>
                {problemOf(name)}
              </p>
            )}
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id={name}
              name={name}
              type="password"
              autocomplete="new-password"
              required
              minlength={MIN_PASSWORD_LENGTH}
              aria-describedby={problemOf(name) ? `${name}-fout` : undefined}
              aria-invalid={problemOf(name) ? 'true' : undefined}
            />
          </div>
        ))}
        <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
          Wachtwoord instellen
        </button>
      </form>
    </Layout>
  );
}
