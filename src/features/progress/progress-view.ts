/**
 * The progress of a plan in one reporting period, as pages and the API show
 * it: per activity its current entry, review and what the period expects of
 * it; rolled up per workstream, theme and plan (src/domain/progress.ts), with
 * the assessment the roll-up proposes for a theme judged by its activities.
 * Pure: built from what the service read.
 */
import type { Judgement } from '../../domain/indicator-status.js';
import type { Plan, StoredActivity, StoredTheme, StoredWorkstream } from '../../domain/plan.js';
import {
  type ActivityProgress,
  type ProgressStatus,
  progressStatuses,
  proposedAssessment,
  ROLL_UP_RULE,
  type RollUp,
  rollUp,
} from '../../domain/progress.js';
import {
  expectedInPeriod,
  plannedIn,
  plannedQuantity,
  type ReportingFrequency,
  type ReportingPeriod,
} from '../../domain/reporting-periods.js';
import type { ProgressEntry, ProgressReview, ReportingRound } from './progress.repository.js';

/**
 * Where an activity stands in the period:
 * - not_planned: its planning does not include the period (it does not count);
 * - due: nothing reported yet;
 * - submitted: reported, not yet reviewed;
 * - sent_back: the portfolio holder sent the current report back;
 * - approved: the portfolio holder approved the current report.
 */
export type ActivityState = 'not_planned' | 'due' | 'submitted' | 'sent_back' | 'approved';

export interface ActivityProgressRow {
  activity: StoredActivity;
  theme: StoredTheme;
  workstream: StoredWorkstream;
  state: ActivityState;
  entry: ProgressEntry | null;
  status: ProgressStatus | null;
  /** The review of the current entry in the period's round; an older entry's review no longer counts. */
  review: ProgressReview | null;
  plannedQuantity: number | null;
  /** For a recurring activity: the occurrences expected by the reference date. */
  expectedOccurrences: number | null;
}

export interface ProgressRollUp {
  rollUp: RollUp;
  /** Only for a theme judged by its activities (it has no indicators). */
  proposal: Judgement | null;
}

export interface ProgressView {
  plan: Plan;
  frequency: ReportingFrequency;
  periods: ReportingPeriod[];
  period: ReportingPeriod;
  /** The reference date (peildatum) the expectations are counted to. */
  asOf: string;
  round: ReportingRound | null;
  /** Every status the plan knows: the built-in ones, then its own. */
  statuses: ProgressStatus[];
  rows: ActivityProgressRow[];
  /** The whole plan. */
  whole: ProgressRollUp;
  themes: { theme: StoredTheme; progress: ProgressRollUp; workstreams: { workstream: StoredWorkstream; progress: ProgressRollUp }[] }[];
  rule: string;
}

export function buildProgressView(input: {
  plan: Plan;
  frequency: ReportingFrequency;
  periods: ReportingPeriod[];
  period: ReportingPeriod;
  asOf: string;
  round: ReportingRound | null;
  ownStatuses: ProgressStatus[];
  entries: ProgressEntry[];
  reviews: ProgressReview[];
}): ProgressView {
  const { plan, period, asOf, round } = input;
  const statuses = progressStatuses(input.ownStatuses);
  const entries = new Map(input.entries.filter((entry) => entry.periodKey === period.key).map((entry) => [entry.activityId, entry]));
  const reviews = new Map(
    input.reviews.filter((review) => round !== null && review.roundId === round.id).map((review) => [review.activityId, review]),
  );
  const rows: ActivityProgressRow[] = [];
  for (const theme of plan.themes) {
    for (const workstream of theme.workstreams) {
      for (const activity of workstream.activities) {
        const entry = entries.get(activity.id) ?? null;
        const reviewed = reviews.get(activity.id);
        const review = reviewed && entry && reviewed.entryId === entry.id ? reviewed : null;
        const planned = plannedIn(activity.schedule, period);
        const state: ActivityState = review
          ? review.decision === 'approved'
            ? 'approved'
            : 'sent_back'
          : entry
            ? 'submitted'
            : planned
              ? 'due'
              : 'not_planned';
        rows.push({
          activity,
          theme,
          workstream,
          state,
          entry,
          status: entry ? (statuses.get(entry.statusKey) ?? null) : null,
          review,
          plannedQuantity: plannedQuantity(activity, period),
          expectedOccurrences: expectedInPeriod(activity.cadence, period, asOf),
        });
      }
    }
  }
  const roll = (selected: ActivityProgressRow[], judged: boolean): ProgressRollUp => {
    const rolled = rollUp(selected.filter((row) => row.state !== 'not_planned' || row.entry !== null).map(toActivityProgress), statuses);
    return { rollUp: rolled, proposal: judged ? proposedAssessment(rolled, statuses) : null };
  };
  return {
    plan,
    frequency: input.frequency,
    periods: input.periods,
    period,
    asOf,
    round,
    statuses: [...statuses.values()],
    rows,
    whole: roll(rows, false),
    themes: plan.themes.map((theme) => {
      const own = rows.filter((row) => row.theme.id === theme.id);
      return {
        theme,
        progress: roll(own, theme.indicators.length === 0 && own.length > 0),
        workstreams: theme.workstreams.map((workstream) => ({
          workstream,
          progress: roll(
            own.filter((row) => row.workstream.id === workstream.id),
            false,
          ),
        })),
      };
    }),
    rule: ROLL_UP_RULE,
  };
}

function toActivityProgress(row: ActivityProgressRow): ActivityProgress {
  return {
    statusKey: row.entry?.statusKey ?? null,
    weight: row.activity.weight ?? 1,
    planned: row.plannedQuantity,
    realised: row.plannedQuantity === null ? null : (row.entry?.realised ?? null),
  };
}
