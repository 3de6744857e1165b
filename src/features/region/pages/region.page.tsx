/**
 * `/regio/{soort}/{sleutel}` and `/regio/eigen?gemeenten=`: the plans of the
 * region's municipalities side by side, the municipalities without a plan to
 * read, the shared priorities, the indicators by status per plan and the
 * police figures per 1,000 inhabitants; every chart with its table.
 */
import type { IndicatorStatus } from '../../../domain/indicator-status.js';
import { renderAreaChart } from '../../../web/charts/area-chart.js';
import { CHART_WIDTH } from '../../../web/charts/render-plot.js';
import { ResponsiveChart } from '../../../web/charts/responsive-chart.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatNumber, formatOneDecimal, formatPeriod } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { planUrl } from '../../plans/pages/plan-urls.js';
import { regionChoiceUrl } from '../region-urls.js';
import { INDICATOR_STATUSES, type RegionPlan, type RegionPlanTheme, type RegionView } from '../region-view.js';
import { renderStatusChart } from './status-chart.js';

/** A plan named by its municipalities and period: titles alone are often the same. */
export function planLabel(plan: RegionPlan): string {
  return `${plan.municipalities.map((municipality) => municipality.name).join(', ')} ${formatPeriod(plan.periodStart, plan.periodEnd)}`;
}

/** A theme in a chart: its code, and on a wide chart its name, cut where long (the table beside gives it whole). */
function chartThemeLabel(code: string, name: string, width: number): string {
  if (width < CHART_WIDTH) return code;
  return name.length > 30 ? `${code} ${name.slice(0, 29).trimEnd()}…` : `${code} ${name}`;
}

export function RegionPage({ m, view }: { m: Messages; view: RegionView }) {
  const t = m.region;
  const name = view.region.kind === 'eigen' ? t.ownName(view.municipalities.map((entry) => entry.name).join(', ')) : view.region.name;
  const without = view.municipalities.filter((entry) => entry.plan === null);
  return (
    <Layout
      m={m}
      title={`${t.title}${m.layout.titleSeparator}${name}`}
      crumbs={[{ label: m.common.plans, href: '/' }, { label: t.title, href: regionChoiceUrl() }, { label: name }]}
    >
      <Heading level={1}>{`${t.title}: ${name}`}</Heading>
      <Paragraph lead>{t.viewIntro(name, view.municipalities.length, view.plans.length)}</Paragraph>
      <Paragraph>
        <Link href={regionChoiceUrl()}>{t.otherRegion}</Link>
      </Paragraph>
      <PlansSection m={m} view={view} />
      <section class="koers-section" aria-labelledby="zonder-plan">
        <Heading level={2} id="zonder-plan">
          {t.noPlanHeading}
        </Heading>
        <Paragraph>{without.length === 0 ? t.allHavePlan : t.noPlan(without.map((entry) => entry.name).join(', '))}</Paragraph>
      </section>
      <SharedSection m={m} view={view} />
      <StatusSection m={m} view={view} />
      <FiguresSection m={m} view={view} />
    </Layout>
  );
}

function ThemeList({ themes }: { themes: RegionPlanTheme[] }) {
  if (themes.length === 0) return <>-</>;
  return (
    <ul class="region-themes">
      {themes.map((theme) => (
        <li>{theme.catalogueThemeCodes.length > 0 ? `${theme.name} (${theme.catalogueThemeCodes.join(', ')})` : theme.name}</li>
      ))}
    </ul>
  );
}

function PlansSection({ m, view }: { m: Messages; view: RegionView }) {
  const t = m.region;
  const withPlan = view.municipalities.filter((entry) => entry.plan !== null);
  return (
    <section class="koers-section" aria-labelledby="plannen">
      <Heading level={2} id="plannen">
        {t.plansHeading}
      </Heading>
      {withPlan.length > 0 && (
        <Table caption={t.plansCaption}>
          <TableHead columns={[t.municipality, t.plan, t.period, t.status, t.priorities, t.strategic]} />
          <TableBody>
            {withPlan.map(({ name, plan, earlierPlans }) => (
              <Row>
                <RowHeader>{name}</RowHeader>
                <Cell label={t.plan}>
                  <Link href={planUrl(plan!.id)}>{plan!.title}</Link>
                  {earlierPlans > 0 ? ` (${t.earlier(earlierPlans)})` : ''}
                </Cell>
                <Cell label={t.period}>{formatPeriod(plan!.periodStart, plan!.periodEnd)}</Cell>
                <Cell label={t.status}>{m.planStatus[plan!.status]}</Cell>
                <Cell label={t.priorities}>
                  <ThemeList themes={plan!.themes.filter((theme) => theme.kind === 'priority')} />
                </Cell>
                <Cell label={t.strategic}>
                  <ThemeList themes={plan!.themes.filter((theme) => theme.kind === 'strategic')} />
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function SharedSection({ m, view }: { m: Messages; view: RegionView }) {
  const t = m.region;
  const planById = new Map(view.plans.map((plan) => [plan.id, plan]));
  const shared = view.sharedPriorities;
  return (
    <section class="koers-section" aria-labelledby="gedeeld">
      <Heading level={2} id="gedeeld">
        {t.sharedHeading}
      </Heading>
      <Paragraph>{t.sharedIntro}</Paragraph>
      {shared.length === 0 ? (
        <Paragraph>{t.sharedNone}</Paragraph>
      ) : (
        <div class="koers-chart-with-table koers-chart-with-table--stacked">
          <div class="koers-chart-with-table__chart">
            <ResponsiveChart
              render={(width, suffix) =>
                renderAreaChart({
                  idPrefix: `grafiek-gedeeld${suffix}`,
                  width,
                  title: t.sharedChartTitle,
                  areas: shared.map((theme) => ({ name: chartThemeLabel(theme.code, theme.name, width), value: theme.planIds.length })),
                  unitLabel: t.plansUnit,
                  noun: t.themeNoun,
                })
              }
            />
          </div>
          <Table caption={t.sharedCaption}>
            <TableHead columns={[t.theme, t.planCount, t.which]} />
            <TableBody>
              {shared.map((theme) => (
                <Row>
                  <RowHeader>{`${theme.code} ${theme.name}`}</RowHeader>
                  <Cell label={t.planCount}>{formatNumber(theme.planIds.length)}</Cell>
                  <Cell label={t.which}>
                    {theme.planIds
                      .map((id) => planById.get(id))
                      .filter((plan) => plan !== undefined)
                      .map((plan) => planLabel(plan))
                      .join('; ')}
                  </Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

function StatusSection({ m, view }: { m: Messages; view: RegionView }) {
  const t = m.region;
  const statusLabel = (status: IndicatorStatus) => m.monitoring.status[status];
  const plans = view.plans;
  return (
    <section class="koers-section" aria-labelledby="indicatoren">
      <Heading level={2} id="indicatoren">
        {t.statusHeading}
      </Heading>
      <Paragraph>{t.statusIntro}</Paragraph>
      {plans.every((plan) => plan.indicatorCount === 0) ? (
        <Paragraph>{t.statusNone}</Paragraph>
      ) : (
        <div class="koers-chart-with-table koers-chart-with-table--stacked">
          <div class="koers-chart-with-table__chart">
            <ResponsiveChart
              render={(width, suffix) =>
                renderStatusChart({
                  idPrefix: `grafiek-status${suffix}`,
                  width,
                  title: t.statusChartTitle,
                  statuses: INDICATOR_STATUSES,
                  statusLabel,
                  plans: plans.map((plan) => ({ label: planLabel(plan), counts: plan.indicatorStatuses })),
                  axisLabel: m.region.statusHeading.toLowerCase(),
                })
              }
            />
          </div>
          <Table caption={t.statusCaption}>
            <TableHead columns={[t.plan, ...INDICATOR_STATUSES.map(statusLabel), t.total]} />
            <TableBody>
              {plans.map((plan) => (
                <Row>
                  <RowHeader>{planLabel(plan)}</RowHeader>
                  {plan.indicatorStatuses.map((entry) => (
                    <Cell label={statusLabel(entry.status)}>{formatNumber(entry.count)}</Cell>
                  ))}
                  <Cell label={t.total}>{formatNumber(plan.indicatorCount)}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

function FiguresSection({ m, view }: { m: Messages; view: RegionView }) {
  const t = m.region;
  const { years, rows, total } = view.figures;
  const last = years.at(-1);
  const missing = view.municipalities.filter((entry) => !rows.some((row) => row.code === entry.code));
  const rate = (value: number | null) => (value === null ? '-' : formatOneDecimal(value));
  const count = (value: number | null) => (value === null ? '-' : formatNumber(value));
  return (
    <section class="koers-section" aria-labelledby="cijfers">
      <Heading level={2} id="cijfers">
        {t.figuresHeading}
      </Heading>
      {last === undefined ? (
        <Paragraph>{t.figuresNone}</Paragraph>
      ) : (
        <>
          <Paragraph>{t.figuresIntro(`${years[0]}-${last}`)}</Paragraph>
          {missing.length > 0 && <Paragraph>{t.figuresMissing(missing.map((entry) => entry.name).join(', '))}</Paragraph>}
          <div class="koers-chart-with-table koers-chart-with-table--stacked">
            <div class="koers-chart-with-table__chart">
              <ResponsiveChart
                render={(width, suffix) =>
                  renderAreaChart({
                    idPrefix: `grafiek-cijfers${suffix}`,
                    width,
                    title: t.figuresChartTitle(last),
                    areas: [
                      ...rows.map((row) => ({ name: row.name, value: row.years.at(-1)?.rate ?? null })),
                      { name: t.region, value: total.at(-1)?.rate ?? null },
                    ].map((area) => ({ ...area, value: area.value === null ? null : Math.round(area.value * 10) / 10 })),
                    unitLabel: t.perThousand,
                    noun: { one: m.region.municipality.toLowerCase(), many: m.region.municipality.toLowerCase() },
                  })
                }
              />
            </div>
            <Table caption={t.figuresCaption(last)}>
              <TableHead columns={[t.municipality, ...years.map(t.crimes), ...years.map(t.rate)]} />
              <TableBody>
                {rows.map((row) => (
                  <Row>
                    <RowHeader>{row.name}</RowHeader>
                    {row.years.map((entry) => (
                      <Cell label={t.crimes(entry.year)}>{count(entry.crimes)}</Cell>
                    ))}
                    {row.years.map((entry) => (
                      <Cell label={t.rate(entry.year)}>{rate(entry.rate)}</Cell>
                    ))}
                  </Row>
                ))}
                <Row>
                  <RowHeader>{t.region}</RowHeader>
                  {total.map((entry) => (
                    <Cell label={t.crimes(entry.year)}>{count(entry.crimes)}</Cell>
                  ))}
                  {total.map((entry) => (
                    <Cell label={t.rate(entry.year)}>
                      {rate(entry.rate)}
                      {entry.counted < rows.length && entry.counted > 0 ? ` (${t.regionCounted(entry.counted, rows.length)})` : ''}
                    </Cell>
                  ))}
                </Row>
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}
