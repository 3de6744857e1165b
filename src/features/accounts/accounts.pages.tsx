/**
 * Logging in and out, and the account page: /inloggen, /uitloggen, /account.
 * Every form carries a CSRF token; the session lives in a __Host- cookie.
 */

import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { UnauthenticatedError } from '../../domain/errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { clientIp, SESSION_COOKIE, sessionTokenOf } from '../../http/authenticate.js';
import { CSRF_FIELD, csrfTokenFor } from '../../http/csrf.js';
import { Heading, ListItem, Paragraph, UnorderedList } from '../../web/components.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { messagesFor } from '../../web/messages.js';
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

export function createAccountPages(auth: AuthService, sessionHours: number, oidcName: string | null = null): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();

  pages.get('/inloggen', (c) => c.html(renderDocument(<LoginPage csrf={csrfTokenFor(c)} oidcName={oidcName} />)));

  pages.post('/inloggen', async (c) => {
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? form.email : '';
    const password = typeof form.wachtwoord === 'string' ? form.wachtwoord : '';
    try {
      const { sessionToken } = await auth.login(email, password, clientIp(c) ?? 'onbekend');
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

  pages.get('/account', (c) => {
    const actor = c.var.actor;
    if (actor.kind !== 'user') return c.redirect('/inloggen', 303);
    const m = messagesFor();
    const csrf = csrfTokenFor(c);
    return c.html(
      renderDocument(
        <Layout m={m} title="Mijn account">
          <Heading level={1}>Mijn account</Heading>
          <Paragraph>{`Ingelogd als ${actor.name} (${actor.email})${actor.isAdministrator ? ', beheerder van Koers' : ''}.`}</Paragraph>
          <Heading level={2}>Rollen</Heading>
          {actor.grants.length === 0 ? (
            <Paragraph>U heeft nog geen rol bij een gemeente.</Paragraph>
          ) : (
            <UnorderedList>
              {actor.grants.map((grant) => (
                <ListItem>{`${grant.role} bij ${grant.municipalityCode}${grant.partnerName ? ` (${grant.partnerName})` : ''}`}</ListItem>
              ))}
            </UnorderedList>
          )}
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
        </Layout>,
      ),
    );
  });

  return pages;
}
