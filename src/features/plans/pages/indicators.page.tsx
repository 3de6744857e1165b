/** `/plannen/:planId/indicatoren`: every indicator of the plan, plan-wide and per theme, in one table. */
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatBaseline, formatTarget } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { Plan, StoredIndicator, StoredTheme } from '../plan.types.js';
import { PlanNav, planCrumbs, themeTitle } from './plan-parts.js';
import { themeUrl } from './plan-urls.js';

interface ScopedIndicator {
  indicator: StoredIndicator;
  /** Null for a plan-wide indicator. */
  theme: StoredTheme | null;
}

/** Plan-wide indicators first, then each theme's in plan order. */
function scopedIndicators(plan: Plan): ScopedIndicator[] {
  return [
    ...plan.indicators.map((indicator) => ({ indicator, theme: null })),
    ...plan.themes.flatMap((theme) => theme.indicators.map((indicator) => ({ indicator, theme }))),
  ];
}

export function IndicatorsPage({ m, plan }: { m: Messages; plan: Plan }) {
  const t = m.indicatorTable;
  const rows = scopedIndicators(plan);
  return (
    <Layout m={m} title={`${m.indicators.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, m.indicators.title)}>
      <Heading level={1}>{m.indicators.title}</Heading>
      <PlanNav m={m} plan={plan} current="indicators" />
      <Paragraph lead>{m.indicators.intro}</Paragraph>
      {rows.length === 0 ? (
        <Paragraph>{m.indicators.empty}</Paragraph>
      ) : (
        <Table caption={m.indicators.caption}>
          <TableHead columns={[t.scope, t.name, t.source, t.unit, t.baseline, t.target, t.seriesCode]} />
          <TableBody>
            {rows.map(({ indicator, theme }) => (
              <Row>
                <Cell>{theme ? <Link href={themeUrl(plan.id, theme.id)}>{themeTitle(m, theme)}</Link> : t.scopePlan}</Cell>
                <RowHeader>{indicator.name}</RowHeader>
                <Cell>{indicator.source}</Cell>
                <Cell>{m.unit(indicator)}</Cell>
                <Cell>{formatBaseline(indicator)}</Cell>
                <Cell>{t.targetInYear(formatTarget(indicator), indicator.targetYear)}</Cell>
                <Cell>{indicator.seriesCode ?? <span class="koers-muted">{m.common.none}</span>}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </Layout>
  );
}
