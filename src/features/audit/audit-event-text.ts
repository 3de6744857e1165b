/**
 * An audit event in words, for the pages that show a history (a plan's history,
 * the account page): what happened, and its particulars in plain language,
 * never the raw event code or JSON. An event this file does not know yet reads
 * as "Andere wijziging" with its recorded values named one by one.
 */
import { parsePeriod, periodLabel } from '../../domain/periods.js';
import { formatNumber, formatPeriod } from '../../web/format.js';
import type { Messages } from '../../web/messages.js';
import type { AuditEvent } from './audit.repository.js';

/** Names of the plan's parts by key, so an event that names a key reads with the part's name. */
export interface AuditNames {
  indicator?(key: string): string | undefined;
  theme?(key: string): string | undefined;
}

export interface AuditEventText {
  action: string;
  details: string;
}

type Values = Record<string, unknown>;

const asValues = (value: unknown): Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Values) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

export function describeAuditEvent(m: Messages, event: Pick<AuditEvent, 'action' | 'after'>, names: AuditNames = {}): AuditEventText {
  const known = m.audit.actions[event.action];
  const after = asValues(event.after);
  if (!known) return { action: m.audit.otherAction, details: genericDetails(m, after) };
  return { action: known, details: details(m, event.action, after, names) };
}

function details(m: Messages, action: string, after: Values, names: AuditNames): string {
  const t = m.audit;
  const counts = () => t.counts(count(after.added), count(after.replaced), count(after.unchanged));
  switch (action) {
    case 'plan.imported': {
      const period = asValues(after.periode);
      const span = typeof period.van === 'number' && typeof period.tot === 'number' ? formatPeriod(period.van, period.tot) : '';
      return t.planImported(text(after.titel), span, count(after.themas), count(after.activiteiten));
    }
    case 'plan.changed':
    case 'plan.adopted':
    case 'plan.closed':
    case 'revision.opened':
    case 'revision.applied':
    case 'revision.withdrawn': {
      const lines = Array.isArray(after.wijzigingen) ? after.wijzigingen.filter((line): line is string => typeof line === 'string') : [];
      const more = count(after.aantal) > lines.length ? count(after.aantal) - lines.length : 0;
      return [...lines, ...(more > 0 ? [t.moreChanges(more)] : [])].join(m.common.listSeparator);
    }
    case 'plan.started':
      return text(after.titel);
    case 'measurement.recorded': {
      const key = text(after.indicator);
      const value = after.afgeschermd === true ? t.suppressed : typeof after.waarde === 'number' ? formatNumber(after.waarde) : '';
      return t.measurement(names.indicator?.(key) ?? key, periodText(text(after.periode)), value);
    }
    case 'measurements.imported':
      return `${t.file(text(after.bestand), count(after.rijen))}: ${counts()}`;
    case 'assessment.recorded': {
      const key = text(after.thema);
      const judgement = m.monitoring.status[text(after.oordeel) as keyof Messages['monitoring']['status']] ?? text(after.oordeel);
      return t.assessment(names.theme?.(key) ?? key, count(after.jaar), judgement);
    }
    case 'bbv.recorded':
      return t.haltReferrals(text(after.gemeente), count(after.jaar), count(after.waarde));
    case 'opendata.refreshed':
    case 'similar-municipalities.pulled':
      return refreshDetails(m, after);
    case 'user.created':
      return [t.userCreated(text(after.naam), text(after.email)), after.beheerder === true ? t.administrator : '']
        .filter(Boolean)
        .join(m.common.listSeparator);
    case 'user.role-granted': {
      const role = m.roles[text(after.rol)] ?? text(after.rol);
      const partner = text(after.partner);
      return [t.roleGranted(role, text(after.gemeente)), partner ? t.forPartner(partner) : ''].filter(Boolean).join(' ');
    }
    case 'sessions.ended-all':
      return [
        t.sessionsEnded(count(after.beeindigd)),
        after.apiTokensIngetrokken === undefined ? '' : t.tokensRevoked(count(after.apiTokensIngetrokken)),
      ]
        .filter(Boolean)
        .join(m.common.listSeparator);
    case 'password-link.issued':
      return typeof after.geldigTot === 'string' ? t.linkValidUntil(formatMoment(after.geldigTot)) : '';
    case 'user.password-set':
      return t.viaLink;
    case 'user.password-voided':
      return t.passwordVoided(text(after.reden), count(after.sessies), count(after.apiTokens));
    case 'api-token.created':
      return t.tokenName(text(after.naam));
    case 'report.created':
    case 'report.texts-edited':
    case 'report.finalised':
      return t.reportVersion(count(after.jaar), count(after.versie));
    case 'prioritisation.saved':
    case 'prioritisation.concept-made': {
      const codes = (value: unknown) =>
        Array.isArray(value) ? value.filter((code): code is string => typeof code === 'string').join(m.common.listSeparator) : '';
      const chosen = m.prioritisation.auditChoice(count(after.versie), codes(after.prioriteiten), codes(after.strategischeThemas));
      return action === 'prioritisation.saved' ? chosen : `${text(after.titel)}; ${chosen}`;
    }
    default:
      return '';
  }
}

function refreshDetails(m: Messages, after: Values): string {
  const t = m.audit;
  const tables = Array.isArray(after.tabellen) ? after.tabellen.map(asValues) : [];
  const failures = Array.isArray(after.fouten) ? after.fouten.map(asValues) : [];
  const measurements = asValues(after.metingen);
  const parts = [
    tables.length > 0 ? t.tables([...new Set(tables.map((table) => text(table.tabel)))].join(m.common.listSeparator)) : '',
    failures.length > 0 ? t.tablesFailed(failures.map((failure) => text(failure.tabel)).join(m.common.listSeparator)) : '',
    after.metingen === undefined
      ? ''
      : t.measurements(t.counts(count(measurements.added), count(measurements.replaced), count(measurements.unchanged))),
  ];
  return parts.filter(Boolean).join('; ');
}

const moment = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
function formatMoment(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : moment.format(date);
}

/** "2021-K1" as "1e kwartaal 2021"; text that is no period stays as it is. */
function periodText(period: string): string {
  try {
    return periodLabel(parsePeriod(period));
  } catch {
    return period;
  }
}

/** The recorded values of an unknown event, each named, with Dutch numbers and yes or no. */
function genericDetails(m: Messages, after: Values): string {
  const value = (item: unknown): string => {
    if (typeof item === 'boolean') return item ? m.common.yes : m.common.no;
    if (typeof item === 'number') return formatNumber(item);
    if (typeof item === 'string') return item;
    if (Array.isArray(item)) return item.map(value).join(m.common.listSeparator);
    if (item === null || item === undefined) return m.common.none;
    return genericDetails(m, asValues(item));
  };
  return Object.entries(after)
    .map(([name, item]) => `${name}: ${value(item)}`)
    .join('; ');
}
