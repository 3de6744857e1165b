/**
 * The pages of the regional view, readable by anyone: `/regio` (choose),
 * `/regio/{soort}/{sleutel}` (a safety region, police unit or district) and
 * `/regio/eigen?gemeenten=GM1641,GM0957` (municipalities picked by hand).
 * Mount with `app.route('/', createRegionPages(service))`.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { renderDocument } from '../../web/layout.js';
import { type Locale, messagesFor } from '../../web/messages.js';
import { RegionPage } from './pages/region.page.js';
import { RegionChoicePage } from './pages/region-choice.page.js';
import type { RegionService } from './region.service.js';

export function createRegionPages(service: RegionService, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();
  pages.get('/regio', (c) => c.html(renderDocument(<RegionChoicePage m={m} catalogue={service.catalogue()} />)));
  pages.get('/regio/eigen', async (c) => {
    const view = await service.view(c.var.actor, service.pick(c.req.query('gemeenten')));
    // What a logged-in reader sees may hold concepts of the own municipality: kept by no one.
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<RegionPage m={m} view={view} />));
  });
  pages.get('/regio/:soort/:sleutel', async (c) => {
    const view = await service.view(c.var.actor, service.choose(c.req.param('soort'), c.req.param('sleutel')));
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<RegionPage m={m} view={view} />));
  });
  return pages;
}
