/** `/plannen/:planId/indicatoren`: every indicator of the plan, plan-wide and per theme, in one table. */

import type { Plan, StoredIndicator, StoredTheme } from '../../../domain/plan.js';
import { Cell, CsvLink, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { capitalise, formatBaseline, formatTarget } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { indicatorMonitorUrl } from '../../monitoring/pages/monitor-urls.js';
import { PlanNav, planCrumbs, themeTitle } from './plan-parts.js';
import { indicatorsCsvUrl, themeUrl } from './plan-urls.js';

interface ScopedIndicator {
  indicator: StoredIndicator;
  /** Null for a plan-wide indicator. */
  theme: StoredTheme | null;
}

/** Plan-wide indicators first, then each theme's in plan order. */
export function scopedIndicators(plan: Plan): ScopedIndicator[] {
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
                <Cell label={t.scope}>{theme ? <Link href={themeUrl(plan.id, theme.id)}>{themeTitle(m, theme)}</Link> : t.scopePlan}</Cell>
                <RowHeader>
                  <Link href={indicatorMonitorUrl(plan.id, indicator.key)}>{capitalise(indicator.name)}</Link>
                </RowHeader>
                <Cell label={t.source}>{capitalise(indicator.source)}</Cell>
                <Cell label={t.unit}>{m.unit(indicator)}</Cell>
                <Cell label={t.baseline}>{formatBaseline(indicator)}</Cell>
                <Cell label={t.target}>{t.targetInYear(formatTarget(indicator), indicator.targetYear)}</Cell>
                <Cell label={t.seriesCode}>{indicator.seriesCode ?? <span class="koers-muted">{m.common.none}</span>}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      {rows.length > 0 && <CsvLink href={indicatorsCsvUrl(plan.id)}>{m.common.downloadCsv}</CsvLink>}
    </Layout>
  );
}
