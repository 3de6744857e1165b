/**
 * The plan as it stood on a date: `?peildatum=yyyy-mm-dd` on every page that
 * shows the plan. The route reads and checks the date (`readAsOf`) and renders
 * the page inside `<AsOf>`; while that renders, every address of a page of
 * the same plan keeps the date (`dated`, used by plan-urls.ts and
 * monitor-urls.ts), and the plan's navigation shows the banner and the small
 * form to pick a date (`AsOfBar`). Outside such a page nothing changes.
 */
import type { Child } from 'hono/jsx';
import { createContext, useContext } from 'hono/jsx';
import { ValidationError } from '../../../domain/errors.js';
import type { Plan } from '../../../domain/plan.js';
import { Link, Paragraph } from '../../../web/components.js';
import { formatDate } from '../../../web/format.js';
import type { Messages } from '../../../web/messages.js';

export const AS_OF_PARAM = 'peildatum';

export interface AsOfPage {
  planId: string;
  /** The date asked (yyyy-mm-dd); null for the current plan. */
  date: string | null;
  /** The page's path and its other query parameters, for the form and the way back to the current plan. */
  path: string;
  query: [string, string][];
}

const AsOfContext = createContext<AsOfPage | null>(null);

/** Renders a page of the plan with its date: links within the plan keep it. */
export function AsOf({ page, children }: { page: AsOfPage; children?: Child }) {
  return <AsOfContext.Provider value={page}>{children}</AsOfContext.Provider>;
}

/** A plan's address with the date of the page being rendered, when that page shows the same plan on a date. */
export function dated(planId: string, url: string): string {
  const page = useContext(AsOfContext);
  if (!page?.date || page.planId !== planId) return url;
  const hash = url.indexOf('#');
  const [base, fragment] = hash >= 0 ? [url.slice(0, hash), url.slice(hash)] : [url, ''];
  return `${base}${base.includes('?') ? '&' : '?'}${AS_OF_PARAM}=${page.date}${fragment}`;
}

/** yyyy-mm-dd that is a real day. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The page's date from its query: undefined without one; a ValidationError (a 400 page) when it is no date. */
export function readAsOf(m: Messages, query: (name: string) => string | undefined): string | undefined {
  const value = query(AS_OF_PARAM)?.trim();
  if (value === undefined || value === '') return undefined;
  if (!isIsoDate(value))
    throw new ValidationError(m.changes.asOf.invalid, [{ path: AS_OF_PARAM, message: m.changes.asOf.invalidDetail(value) }]);
  return value;
}

/** The page as the context knows it, from a request's address. */
export function asOfPage(planId: string, url: string, date: string | undefined): AsOfPage {
  const address = new URL(url);
  const query = [...address.searchParams.entries()].filter(([name]) => name !== AS_OF_PARAM);
  return { planId, date: date ?? null, path: address.pathname, query };
}

function withQuery(path: string, query: [string, string][]): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Under the plan's navigation: on a page of the plan as of a date, a banner
 * that says so with the way back to the current plan; on the current page of
 * an adopted plan, the form to pick a date. Nothing on other pages.
 */
export function AsOfBar({ m, plan }: { m: Messages; plan: Plan }) {
  const page = useContext(AsOfContext);
  if (!page || page.planId !== plan.id) return null;
  const t = m.changes.asOf;
  if (page.date === null) {
    if (plan.status === 'draft') return null;
    return (
      <details class="koers-as-of">
        <summary>{t.pick}</summary>
        <AsOfForm m={m} page={page} min={plan.adoptedOn} />
      </details>
    );
  }
  return (
    <section class="koers-as-of koers-as-of--dated" aria-labelledby="peildatum-kop">
      <h2 class="utrecht-heading-2 koers-as-of__heading" id="peildatum-kop">
        {t.banner(formatDate(page.date))}
      </h2>
      <Paragraph>{t.bannerDetail}</Paragraph>
      <Paragraph>
        <Link href={withQuery(page.path, page.query)}>{t.toCurrent}</Link>
      </Paragraph>
      <AsOfForm m={m} page={page} min={plan.adoptedOn} />
    </section>
  );
}

/** A form of its own (GET) that asks for the same page on another date; the page's other choices go along. */
export function AsOfForm({ m, page, min }: { m: Messages; page: AsOfPage; min: string | null }) {
  const t = m.changes.asOf;
  return (
    <form class="koers-as-of__form" method="get" action={page.path}>
      {page.query.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label class="utrecht-form-label" for="peildatum">
        {t.label}
      </label>
      <input
        class="utrecht-textbox utrecht-textbox--html-input koers-as-of__date"
        type="date"
        id="peildatum"
        name={AS_OF_PARAM}
        value={page.date ?? ''}
        min={min ?? undefined}
        required
      />
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">
        {t.show}
      </button>
    </form>
  );
}

/** In a GET form of a page of the plan as of a date: the date, so the answer is of the same date. */
export function AsOfField() {
  const page = useContext(AsOfContext);
  return page?.date ? <input type="hidden" name={AS_OF_PARAM} value={page.date} /> : null;
}
