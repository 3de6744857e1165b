/**
 * `/plannen/:planId/geschiedenis`: every recorded change of the plan, from the
 * audit trail: who, when, what, before and after, and from where.
 */
import { Cell, Heading, Paragraph, Row, Table, TableBody, TableHead } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { AuditEvent } from '../../audit/audit.repository.js';
import type { Plan } from '../plan.types.js';
import { PlanNav, planCrumbs } from './plan-parts.js';

const moment = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Amsterdam' });

const ACTIONS: Record<string, string> = {
  'plan.imported': 'plan ingelezen',
  'plan.published': 'plan gepubliceerd',
  'plan.unpublished': 'publicatie ingetrokken',
};

const asText = (value: unknown) => (value === null || value === undefined ? '–' : JSON.stringify(value));

export function PlanHistoryPage({ m, plan, events }: { m: Messages; plan: Plan; events: AuditEvent[] }) {
  return (
    <Layout m={m} title={`Geschiedenis: ${plan.title}`} crumbs={planCrumbs(m, plan, 'Geschiedenis')}>
      <Heading level={1}>Geschiedenis</Heading>
      <PlanNav m={m} plan={plan} />
      <Paragraph>Elke wijziging van dit plan staat in de audittrail, die niet te veranderen is zonder dat het opvalt.</Paragraph>
      {events.length === 0 ? (
        <Paragraph>Er zijn nog geen wijzigingen vastgelegd.</Paragraph>
      ) : (
        <Table caption={`Wijzigingen van ${plan.title}, oudste eerst`}>
          <TableHead columns={['Wanneer', 'Wie', 'Wat', 'Voor', 'Na', 'Vanaf']} />
          <TableBody>
            {events.map((event) => (
              <Row>
                <Cell>{moment.format(new Date(event.occurredAt))}</Cell>
                <Cell>{event.actor.label}</Cell>
                <Cell>{ACTIONS[event.action] ?? event.action}</Cell>
                <Cell>{asText(event.before)}</Cell>
                <Cell>{asText(event.after)}</Cell>
                <Cell>{event.ip ?? '–'}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </Layout>
  );
}
