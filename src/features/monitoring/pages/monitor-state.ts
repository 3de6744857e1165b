/**
 * The state of the monitor's figures, said once at the top of the page: when
 * the open data were last fetched, which tables could not be reached, why an
 * indicator has no figure yet, which themes are not assessed yet, and whether
 * the plan's period is over.
 */
import type { IndicatorMonitor } from '../indicator-monitor.js';
import type { MonitorView, QualitativeTheme } from '../monitoring.service.js';

/** Why an indicator has no measurement: its source was unreachable, it was never fetched, the source has no figure, or nobody entered one. */
export type MissingCause = 'unreachable' | 'not-fetched' | 'no-figure' | 'not-entered';

export const MISSING_CAUSES: readonly MissingCause[] = ['unreachable', 'not-fetched', 'no-figure', 'not-entered'];

export interface MonitorState {
  /** When the last import that succeeded started (ISO), null when none did. */
  lastRefresh: string | null;
  /** Tables whose latest import failed, with the error it gave. */
  unreachable: { table: string; error: string | null }[];
  /** Indicators without a measurement, by cause, causes in the order of MISSING_CAUSES. */
  missing: { cause: MissingCause; indicators: IndicatorMonitor[] }[];
  notAssessed: QualitativeTheme[];
  /** True when the plan's last year lies before the current year. */
  periodEnded: boolean;
}

/** Why the indicator has no measurement; null when it has one. */
export function missingCause(view: MonitorView, monitor: IndicatorMonitor): MissingCause | null {
  if (monitor.current.value !== null) return null;
  const binding = monitor.indicator.binding;
  if (!binding) return 'not-entered';
  const tables = [binding.numerator.table, ...(binding.denominator ? [binding.denominator.table] : [])];
  if (tables.some((table) => view.failures.some((failure) => failure.tableCode === table))) return 'unreachable';
  const fetched = (table: string) => view.imports.some((record) => record.tableCode === table && record.status === 'done');
  if (!tables.every(fetched)) return 'not-fetched';
  return 'no-figure';
}

export function monitorState(view: MonitorView, currentYear: number): MonitorState {
  const lastDone = view.imports.find((record) => record.status === 'done');
  // The latest fetch of each of the plan's pulls that failed, whether before or during its import.
  const unreachable = [...new Map(view.failures.map((failure) => [failure.tableCode, failure])).values()].map((failure) => ({
    table: failure.tableCode,
    error: failure.message,
  }));
  const causes = view.indicators.map((monitor) => ({ monitor, cause: missingCause(view, monitor) }));
  return {
    lastRefresh: lastDone?.startedAt ?? null,
    unreachable,
    missing: MISSING_CAUSES.map((cause) => ({
      cause,
      indicators: causes.filter((entry) => entry.cause === cause).map((entry) => entry.monitor),
    })).filter((entry) => entry.indicators.length > 0),
    notAssessed: view.qualitativeThemes.filter((theme) => theme.current === null),
    periodEnded: view.plan.periodEnd < currentYear,
  };
}
