/** `/`: every plan, with its municipalities, period, status and adoption date. */

import type { PlanSummary } from '../../../domain/plan.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatDate, formatPeriod } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { RegionChoiceLink } from '../../region/pages/region-link.js';
import { planUrl } from './plan-urls.js';

/** `mayStart`: offer to start a new plan (for those who may edit a plan somewhere). */
export function PlanListPage({ m, plans, mayStart = false }: { m: Messages; plans: PlanSummary[]; mayStart?: boolean }) {
  const t = m.planList;
  const municipalities = t.columnMunicipalities(Math.max(1, ...plans.map((plan) => plan.municipalities.length)));
  return (
    <Layout m={m} title={t.title} crumbs={[{ label: m.common.plans }]}>
      <Heading level={1}>{t.title}</Heading>
      <Paragraph lead>{t.intro}</Paragraph>
      <RegionChoiceLink m={m} />
      {mayStart && (
        <p class="utrecht-paragraph">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/plannen/nieuw">
            {m.editing.start.link}
          </a>
        </p>
      )}
      {plans.length === 0 ? (
        <Paragraph>{t.empty}</Paragraph>
      ) : (
        <Table caption={t.caption}>
          <TableHead columns={[t.columnTitle, municipalities, t.columnPeriod, t.columnStatus, t.columnAdoptedOn]} />
          <TableBody>
            {plans.map((plan) => (
              <Row>
                <RowHeader>
                  <Link href={planUrl(plan.id)}>{plan.title}</Link>
                </RowHeader>
                <Cell label={municipalities}>
                  {plan.municipalities.map((municipality) => municipality.name).join(m.common.listSeparator)}
                </Cell>
                <Cell label={t.columnPeriod}>{formatPeriod(plan.periodStart, plan.periodEnd)}</Cell>
                <Cell label={t.columnStatus}>{m.planStatus[plan.status]}</Cell>
                <Cell label={t.columnAdoptedOn}>{plan.adoptedOn ? formatDate(plan.adoptedOn) : t.notAdopted}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </Layout>
  );
}
