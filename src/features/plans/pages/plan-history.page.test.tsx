import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../../web/layout.js';
import { messagesFor } from '../../../web/messages.js';
import type { AuditEvent } from '../../audit/audit.repository.js';
import { elements, visibleText } from './page-test-helpers.js';
import { fixturePlan } from './plan.fixture.js';
import { PlanHistoryPage } from './plan-history.page.js';

const event = (action: string, before: unknown, after: unknown): AuditEvent => ({
  sequence: 1,
  occurredAt: '2024-03-04T09:15:00.000Z',
  previousHash: '0',
  hash: '1',
  actor: { id: null, label: 'Co Ördinator <co@maasgouw.nl>' },
  action,
  objectType: 'plan',
  objectId: fixturePlan.id,
  municipalityId: null,
  before,
  after,
  ip: '192.0.2.1',
});

describe('the history page of a plan', () => {
  const html = renderDocument(
    <PlanHistoryPage
      m={messagesFor()}
      plan={fixturePlan}
      events={[
        event('plan.published', { gepubliceerd: false }, { gepubliceerd: true }),
        event('measurement.recorded', null, { indicator: 'misdrijven', periode: '2021', waarde: 28.4, afgeschermd: false, added: 1 }),
      ]}
    />,
  );

  it('tells every change in words: what, when, who and its particulars', () => {
    const rows = elements(html, 'tr').map(visibleText);
    expect(rows).toEqual([
      'Wat Wanneer Wie Bijzonderheden Vanaf internetadres',
      'Plan gepubliceerd 4 maart 2024 om 10:15 Co Ördinator <co@maasgouw.nl> 192.0.2.1',
      'Meting ingevoerd 4 maart 2024 om 10:15 Co Ördinator <co@maasgouw.nl> Totaal misdrijven per 1.000 inwoners, 2021: 28,4 192.0.2.1',
    ]);
  });

  it('shows no raw event code, JSON or English value', () => {
    const text = visibleText(html);
    expect(text).not.toMatch(/plan\.published|measurement\.recorded|[{}]|\btrue\b|\bfalse\b/);
  });
});
