/** Renders plan pages from the fixture plan the way the app serves them, for page tests. */
import { Hono } from 'hono';
import { NotFoundError } from '../../../domain/errors.js';
import type { AppEnv } from '../../../http/app-env.js';
import { handleError, handleNotFound } from '../../../http/error-handler.js';
import { ANONYMOUS } from '../../accounts/actor.js';
import { createPlanPages } from '../plan.pages.js';
import type { PlanReader } from '../plan.service.js';
import { fixturePlan, fixtureSummary } from './plan.fixture.js';

export const fakeReader: PlanReader = {
  listPlans: async () => [fixtureSummary],
  getPlan: async (_actor, planId) => {
    if (planId !== fixturePlan.id) throw new NotFoundError('Plan', planId);
    return fixturePlan;
  },
};

/** The pages behind the error handler the app uses, so 404 and 400 come out as pages. */
function appWithErrorPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('actor', ANONYMOUS);
    await next();
  });
  app.route('/', createPlanPages(fakeReader));
  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}

export interface RenderedPage {
  status: number;
  html: string;
  /** The visible text, tags removed and whitespace collapsed. */
  text: string;
}

export async function getPage(path: string): Promise<RenderedPage> {
  const response = await appWithErrorPages().request(path);
  const html = await response.text();
  return { status: response.status, html, text: visibleText(html) };
}

export function visibleText(html: string): string {
  return decodeEntities(
    html
      .replace(/<head>[\s\S]*?<\/head>/, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      // Tags become spaces, which would split "OOV, Politie" at the link; punctuation closes up again.
      .replace(/ ([,:;.])/g, '$1'),
  ).trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The inner HTML of every element with this tag name (not nested in itself). */
export function elements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'g'))].map((match) => match[0]);
}

export function titleOf(html: string): string {
  return decodeEntities(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '');
}
