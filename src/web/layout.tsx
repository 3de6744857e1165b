/**
 * The frame of every page: skip link, header with the product name and the
 * breadcrumb, one main landmark, footer. Pages bring their own h1.
 */
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import { currentUserBar } from '../http/user-bar.js';
import { assetUrl, SCRIPTS, STYLESHEETS } from './assets.js';
import type { Messages } from './messages.js';

export interface Crumb {
  label: string;
  /** Absent for the current page, which is the last crumb. */
  href?: string;
}

export const MAIN_ID = 'inhoud';

interface LayoutProps {
  m: Messages;
  /** The page's own title; the product name is appended. */
  title: string;
  crumbs?: Crumb[];
  children?: Child;
}

export function Layout({ m, title, crumbs = [], children }: LayoutProps) {
  return (
    <html lang={m.layout.lang} class="utrecht-root voorbeeld-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title}${m.layout.titleSeparator}${m.layout.productName}`}</title>
        {STYLESHEETS.map((name) => (
          <link rel="stylesheet" href={assetUrl(name)} />
        ))}
        {SCRIPTS.map((name) => (
          <script src={assetUrl(name)} defer />
        ))}
      </head>
      <body class="utrecht-document utrecht-document--surface utrecht-surface utrecht-surface--html-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href={`#${MAIN_ID}`}>
          {m.layout.skipLink}
        </a>
        <div class="utrecht-page-layout">
          <header class="utrecht-page-header koers-header">
            <div class="utrecht-page-header__content">
              <a class="koers-header__product" href="/">
                {m.layout.productName}
              </a>
              <p class="koers-header__tagline">{m.layout.productTagline}</p>
              <UserLinks m={m} />
              {crumbs.length > 0 && <Breadcrumb m={m} crumbs={crumbs} />}
            </div>
          </header>
          <main id={MAIN_ID} tabindex={-1} class="utrecht-page-body">
            <div class="utrecht-page-body__content">{children}</div>
          </main>
          <footer class="utrecht-page-footer">
            <div class="utrecht-page-footer__content">
              <p class="utrecht-paragraph">{m.layout.footerText}</p>
            </div>
          </footer>
        </div>
      </body>
    </html>
  );
}

/** Who is logged in, with Mijn acties, the notifications and the account; a login link for everyone else. */
function UserLinks({ m }: { m: Messages }) {
  const user = currentUserBar();
  return (
    <nav class="koers-user-nav" aria-label={m.layout.userNavLabel}>
      <ul class="koers-user-nav__list">
        {user ? (
          <>
            <li>
              <a class="utrecht-link" href="/mijn-acties">
                {m.layout.myActions}
              </a>
            </li>
            <li>
              <a class="utrecht-link" href="/berichten">
                {m.layout.notifications(user.unread)}
              </a>
            </li>
            <li>
              <a class="utrecht-link" href="/account">
                {m.layout.account(user.name)}
              </a>
            </li>
          </>
        ) : (
          <li>
            <a class="utrecht-link" href="/inloggen">
              {m.layout.logIn}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Breadcrumb({ m, crumbs }: { m: Messages; crumbs: Crumb[] }) {
  return (
    <nav class="utrecht-breadcrumb-nav" aria-label={m.layout.breadcrumbLabel}>
      <ol class="utrecht-breadcrumb-nav__list utrecht-breadcrumb-nav__list--html-ol">
        {crumbs.map((crumb) => (
          <li class="utrecht-breadcrumb-nav__item">
            {crumb.href ? (
              <a class="utrecht-link utrecht-link--html-a utrecht-breadcrumb-nav__link" href={crumb.href}>
                {crumb.label}
              </a>
            ) : (
              <span class="utrecht-breadcrumb-nav__link utrecht-breadcrumb-nav__link--current" aria-current="page">
                {crumb.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A whole HTML document as a string; pages are synchronous, so the element renders at once. */
export function renderDocument(page: HtmlEscapedString | Promise<HtmlEscapedString>): string {
  if (page instanceof Promise) throw new Error('Pages must render synchronously');
  return `<!DOCTYPE html>${page.toString()}`;
}
