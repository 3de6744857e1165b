/**
 * Progress of the implementation plan: the statuses an activity can have in
 * a reporting period, and how the progress of activities rolls up to a
 * workstream, a theme and the plan. Pure: no storage, no pages.
 *
 * The roll-up rule, as it is shown beside every figure:
 * - each activity counts with its weight (1 unless one is set);
 * - stopped activities are left out;
 * - activities without a report in the period count as "niet gerapporteerd";
 * - quantities are summed only over activities that report a planned number:
 *   realised against planned.
 */
import type { Judgement } from './indicator-status.js';

/** What a status means for the roll-up; a status the municipality adds takes the meaning of one of these. */
export type ProgressMeaning = 'not_started' | 'running' | 'delayed' | 'done' | 'ongoing' | 'stopped';

export interface ProgressStatus {
  /** Stable: kept when the label changes. */
  key: string;
  label: string;
  meaning: ProgressMeaning;
}

/** The statuses every plan has; a municipality may add its own, each with one of these meanings. */
export const BUILT_IN_PROGRESS_STATUSES: readonly ProgressStatus[] = [
  { key: 'niet-gestart', label: 'Niet gestart', meaning: 'not_started' },
  { key: 'loopt', label: 'Loopt', meaning: 'running' },
  { key: 'vertraagd', label: 'Vertraagd', meaning: 'delayed' },
  { key: 'afgerond', label: 'Afgerond', meaning: 'done' },
  { key: 'doorlopend', label: 'Doorlopend', meaning: 'ongoing' },
  { key: 'gestopt', label: 'Gestopt', meaning: 'stopped' },
];

/** The key under which activities without a report in the period are counted. */
export const NOT_REPORTED = 'niet-gerapporteerd';

export const ROLL_UP_RULE =
  'Elke activiteit telt mee met haar gewicht (1 als er geen is gezet); gestopte activiteiten tellen niet mee; ' +
  'activiteiten zonder rapportage in de periode tellen als niet gerapporteerd; ' +
  'aantallen zijn opgeteld over de activiteiten met een gepland aantal.';

/** One activity's progress in a period, as the roll-up needs it. */
export interface ActivityProgress {
  /** The status's key; null when nothing was reported in the period. */
  statusKey: string | null;
  /** Positive; 1 when not set. */
  weight?: number;
  /** The number planned in the period (about 20 mediation cases a year), and the number realised; null when the activity has none. */
  planned?: number | null;
  realised?: number | null;
}

export interface RollUp {
  /** Per status key (and NOT_REPORTED), the summed weight and the number of activities; stopped ones left out. */
  byStatus: { key: string; weight: number; count: number; share: number }[];
  /** The summed weight of the activities that count. */
  totalWeight: number;
  /** How many activities count, and how many stopped ones were left out. */
  counted: number;
  stopped: number;
  /** Realised against planned, over the activities with a planned number; null when none has one. */
  quantities: { planned: number; realised: number; activities: number } | null;
}

export class UnknownProgressStatusError extends Error {
  constructor(readonly statusKey: string) {
    super(`Onbekende voortgangsstatus: ${statusKey}`);
  }
}

/** The statuses by key; the built-in ones first, then the municipality's own. A key used twice is refused. */
export function progressStatuses(own: readonly ProgressStatus[] = []): Map<string, ProgressStatus> {
  const statuses = new Map<string, ProgressStatus>();
  for (const status of [...BUILT_IN_PROGRESS_STATUSES, ...own]) {
    if (statuses.has(status.key) || status.key === NOT_REPORTED) throw new Error(`De voortgangsstatus ${status.key} bestaat al`);
    statuses.set(status.key, status);
  }
  return statuses;
}

/** Rolls the progress of activities up (see the rule at the top of this file). */
export function rollUp(activities: readonly ActivityProgress[], statuses: Map<string, ProgressStatus> = progressStatuses()): RollUp {
  const byStatus = new Map<string, { weight: number; count: number }>();
  let totalWeight = 0;
  let counted = 0;
  let stopped = 0;
  let quantities: RollUp['quantities'] = null;
  for (const activity of activities) {
    const weight = activity.weight ?? 1;
    if (!(weight > 0) || !Number.isFinite(weight)) throw new Error(`Een gewicht moet groter dan 0 zijn, niet ${activity.weight}`);
    const status = activity.statusKey === null ? null : statuses.get(activity.statusKey);
    if (status === undefined) throw new UnknownProgressStatusError(activity.statusKey ?? '');
    if (status?.meaning === 'stopped') {
      stopped += 1;
      continue;
    }
    const key = status?.key ?? NOT_REPORTED;
    const entry = byStatus.get(key) ?? { weight: 0, count: 0 };
    entry.weight += weight;
    entry.count += 1;
    byStatus.set(key, entry);
    totalWeight += weight;
    counted += 1;
    if (activity.planned !== null && activity.planned !== undefined) {
      quantities ??= { planned: 0, realised: 0, activities: 0 };
      quantities.planned += activity.planned;
      quantities.realised += activity.realised ?? 0;
      quantities.activities += 1;
    }
  }
  const order = [...statuses.keys(), NOT_REPORTED];
  return {
    byStatus: order
      .filter((key) => byStatus.has(key))
      .map((key) => {
        const entry = byStatus.get(key) as { weight: number; count: number };
        return { key, ...entry, share: entry.weight / totalWeight };
      }),
    totalWeight,
    counted,
    stopped,
    quantities,
  };
}

/**
 * Occurrences expected of a recurring activity from `from` through `through`
 * (ISO dates, both days included): `timesPerYear` spread evenly over the
 * months, a month counting in full once its last day is past. For supervision
 * 4 times a year from 1 January, 1 is expected on 31 March and 2 on 30 June.
 */
export function expectedOccurrences(timesPerYear: number, from: string, through: string): number {
  if (!(timesPerYear > 0) || through < from) return 0;
  const [fromYear, fromMonth, fromDay] = from.split('-').map(Number) as [number, number, number];
  const [toYear, toMonth, toDay] = through.split('-').map(Number) as [number, number, number];
  // Months from the start through the end of `through`, the last one in part.
  const daysInMonth = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  const months = (toYear - fromYear) * 12 + (toMonth - fromMonth) + (toDay - fromDay + 1) / daysInMonth;
  return Math.floor((months / 12) * timesPerYear + 1e-9);
}

/**
 * The assessment the roll-up proposes for a theme judged by its activities,
 * which the coordinator confirms or overrides with a reason; null when no
 * activity counts or most of the weight has not been reported.
 * - behaald (met): everything that counts is done or ongoing;
 * - op koers (on_course): at most a tenth of the weight delayed;
 * - aandacht (attention): at most a third of the weight delayed;
 * - uit koers (off_course): more than a third delayed.
 * Realised quantities below half of planned lower the proposal one step.
 */
export function proposedAssessment(rolled: RollUp, statuses: Map<string, ProgressStatus> = progressStatuses()): Judgement | null {
  if (rolled.counted === 0) return null;
  const shareOf = (meanings: ProgressMeaning[]) =>
    rolled.byStatus
      .filter((entry) => {
        const meaning = statuses.get(entry.key)?.meaning;
        return meaning !== undefined && meanings.includes(meaning);
      })
      .reduce((sum, entry) => sum + entry.share, 0);
  const notReported = rolled.byStatus.find((entry) => entry.key === NOT_REPORTED)?.share ?? 0;
  if (notReported > 0.5) return null;
  const delayed = shareOf(['delayed']);
  const finished = shareOf(['done', 'ongoing']);
  const steps: Judgement[] = ['met', 'on_course', 'attention', 'off_course'];
  let step = finished >= 1 - 1e-9 ? 0 : delayed <= 0.1 + 1e-9 ? 1 : delayed <= 1 / 3 + 1e-9 ? 2 : 3;
  const quantities = rolled.quantities;
  if (quantities && quantities.planned > 0 && quantities.realised < quantities.planned / 2) step = Math.min(3, step + 1);
  return steps[step] as Judgement;
}
