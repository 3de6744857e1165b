/**
 * `/plannen/:planId/was-wordt`: per catalogue theme what it was in the plan
 * before this one and what it becomes, with the plan's note on each theme;
 * without a predecessor in Koers, what the plan itself says per theme about
 * the previous plan. Mount with `app.route('/', createWasWordtPages(service))`.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { Cell, Heading, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import { PlanNav, planCrumbs, themeLabel } from '../plans/pages/plan-parts.js';
import type { WasWordtService, WasWordtView } from './was-wordt.service.js';

function WasWordtPage({ m, view }: { m: Messages; view: WasWordtView }) {
  const t = m.wasWordt;
  const { plan, predecessor } = view;
  const kind = (value: 'priority' | 'strategic' | null) => (value === null ? t.absent : t.kinds[value]);
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="wasWordt" />
      {predecessor ? (
        <>
          <Paragraph lead>{t.intro(predecessor.title, plan.title)}</Paragraph>
          <Table caption={t.caption}>
            <TableHead columns={[t.theme, t.was, t.wordt, t.change, t.note]} />
            <TableBody>
              {view.rows.map((row) => (
                <Row>
                  <RowHeader>
                    {row.outsideCatalogue ? t.outsideCatalogue(row.code) : `${row.code} ${view.themeNames.get(row.code) ?? ''}`}
                  </RowHeader>
                  <Cell label={t.was}>{kind(row.was)}</Cell>
                  <Cell label={t.wordt}>{kind(row.wordt)}</Cell>
                  <Cell label={t.change}>{t.changes[row.change]}</Cell>
                  <Cell label={t.note}>{row.notes.join(' ') || t.noNote}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </>
      ) : (
        <>
          <Paragraph lead>{t.noPredecessor}</Paragraph>
          <Table caption={t.themesCaption}>
            <TableHead columns={[t.planTheme, t.note]} />
            <TableBody>
              {plan.themes.map((theme) => (
                <Row>
                  <RowHeader>{`${themeLabel(m, theme)}: ${theme.name}`}</RowHeader>
                  <Cell label={t.note}>{theme.previousPlanNote ?? t.noNote}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Layout>
  );
}

export function createWasWordtPages(service: WasWordtService, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();
  pages.get('/plannen/:planId/was-wordt', async (c) => {
    const view = await service.wasWordt(c.var.actor, c.req.param('planId'));
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<WasWordtPage m={m} view={view} />));
  });
  return pages;
}
