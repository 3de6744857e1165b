/**
 * What the progress services share: the checks of a period, a date and who
 * may do what, the refusal in words, and the audit event of a change.
 */
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import type { Plan, StoredActivity } from '../../domain/plan.js';
import { findReportingPeriod, type ReportingPeriod, ReportingPeriodError } from '../../domain/reporting-periods.js';
import { assertMayInAll } from '../accounts/access.policy.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { Repositories } from '../unit-of-work.js';
import type { ProgressEntry } from './progress.repository.js';

export const MAX_NOTE = 10_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period with this key among the plan's periods; a ValidationError at `path` names the periods there are. */
export function periodOf(periods: ReportingPeriod[], key: string, path: string): ReportingPeriod {
  try {
    return findReportingPeriod(periods, key);
  } catch (error) {
    if (error instanceof ReportingPeriodError) throw new ValidationError('De periode is ongeldig', [{ path, message: error.message }]);
    throw error;
  }
}

/** The coordinator's check (progress:manage in every municipality of the plan); returns the plan's municipalities. */
export async function assertManage(repos: Repositories, actor: Actor, plan: Plan, what: string): Promise<string[]> {
  const municipalityIds = await repos.plans.municipalityIdsOfPlan(plan.id);
  assertMayInAll(actor, 'progress:manage', municipalityIds, what);
  return municipalityIds;
}

export function activityOf(plan: Plan, key: string): StoredActivity {
  for (const theme of plan.themes) {
    for (const workstream of theme.workstreams) {
      const found = workstream.activities.find((activity) => activity.key === key);
      if (found) return found;
    }
  }
  throw new NotFoundError('Activiteit', key);
}

export function refused(actor: Actor, what: string, who: string): Error {
  if (actor.kind === 'anonymous') return new UnauthenticatedError(`Log in om ${what}`);
  return new ForbiddenError(`U mag ${what} niet: ${who}`);
}

export const REPORTERS = 'dat doen de coördinator, de portefeuillehouder die de activiteit trekt en de partners van de activiteit';
export const APPROVERS = 'dat doet de portefeuillehouder die de activiteit trekt';

/** The name of who acts, for a notification. */
export function personName(actor: Actor): string {
  return actor.kind === 'user' ? actor.name : auditActor(actor).label;
}

export function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function entrySummary(activity: StoredActivity, entry: ProgressEntry) {
  return {
    activiteit: activity.key,
    periode: entry.periodKey,
    status: entry.statusKey,
    peildatum: entry.asOf,
    gerealiseerd: entry.realised,
    keren: entry.occurrences,
    als: entry.enteredAs,
    voor: entry.enteredFor,
  };
}
