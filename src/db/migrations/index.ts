/** Every migration in order. A new migration is a new file here and one line below. */
import type { Migration } from 'kysely';
import * as plans from './0001-plans.js';
import * as catalogue from './0002-catalogue.js';
import * as accounts from './0003-accounts.js';
import * as monitoring from './0004-monitoring.js';
import * as accountSafety from './0005-account-safety.js';
import * as reliableJobs from './0006-reliable-jobs.js';
import * as units from './0007-units.js';
import * as oneActiveJob from './0008-one-active-job-per-plan.js';
import * as livingPlans from './0009-living-plans.js';
import * as progress from './0010-progress.js';
import * as notifications from './0011-notifications.js';
import * as budget from './0012-budget.js';
import * as activityWeight from './0013-activity-weight.js';
import * as reports from './0014-reports.js';
import * as prioritisation from './0015-prioritisation.js';

export const migrations: Record<string, Migration> = {
  '0001-plans': plans,
  '0002-catalogue': catalogue,
  '0003-accounts': accounts,
  '0004-monitoring': monitoring,
  '0005-account-safety': accountSafety,
  '0006-reliable-jobs': reliableJobs,
  '0007-units': units,
  '0008-one-active-job-per-plan': oneActiveJob,
  '0009-living-plans': livingPlans,
  '0010-progress': progress,
  '0011-notifications': notifications,
  '0012-budget': budget,
  '0013-activity-weight': activityWeight,
  '0014-reports': reports,
  '0015-prioritisation': prioritisation,
};
