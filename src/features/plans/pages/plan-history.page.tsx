/**
 * `/plannen/:planId/geschiedenis`: every recorded change of the plan, from the
 * audit trail: when, who, what in words with its particulars, and from where.
 */

import type { Plan } from '../../../domain/plan.js';
import { Cell, Heading, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatDateTime } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { AuditEvent } from '../../audit/audit.repository.js';
import { type AuditNames, describeAuditEvent } from '../../audit/audit-event-text.js';
import { PlanNav, planCrumbs } from './plan-parts.js';

/** The plan's indicators and themes by key, so events name them as the plan does. */
function namesOf(plan: Plan): AuditNames {
  const indicators = [...plan.indicators, ...plan.themes.flatMap((theme) => theme.indicators)];
  return {
    indicator: (key) => indicators.find((indicator) => indicator.key === key)?.name,
    theme: (key) => plan.themes.find((theme) => theme.key === key)?.name,
  };
}

export function PlanHistoryPage({ m, plan, events }: { m: Messages; plan: Plan; events: AuditEvent[] }) {
  const t = m.history;
  const names = namesOf(plan);
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} />
      <Paragraph>{t.intro}</Paragraph>
      {events.length === 0 ? (
        <Paragraph>{t.empty}</Paragraph>
      ) : (
        <Table caption={t.caption(plan.title)}>
          <TableHead columns={[t.columnWhat, t.columnWhen, t.columnWho, t.columnDetails, t.columnFrom]} />
          <TableBody>
            {events.map((event) => {
              const described = describeAuditEvent(m, event, names);
              return (
                <Row>
                  <RowHeader>{described.action}</RowHeader>
                  <Cell label={t.columnWhen}>{formatDateTime(event.occurredAt)}</Cell>
                  <Cell label={t.columnWho}>{event.actor.label}</Cell>
                  <Cell label={t.columnDetails}>{described.details}</Cell>
                  <Cell label={t.columnFrom}>{event.ip ?? t.unknownAddress}</Cell>
                </Row>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Layout>
  );
}
