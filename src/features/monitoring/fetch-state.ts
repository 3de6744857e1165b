/**
 * How the plan's open data were fetched lately: the latest imports of its
 * tables, failures before an import began, and the tables whose latest fetch
 * failed, with the indicators they feed. What the monitor shows at its top and
 * in its list of fetches.
 */
import type { Plan } from '../../domain/plan.js';
import type { OpenDataRepository } from './open-data.repository.js';
import { pullLabel } from './open-data-import.js';
import { indicatorsFedBy, pullsOf } from './open-data-refresh.js';
import type { OpenDataService } from './series.js';

/** One attempt to fetch a table: an import, or a failure before its import began (no Modified date then). */
export interface FetchRecord {
  tableCode: string;
  startedAt: string;
  modified: string | null;
  status: 'running' | 'done' | 'failed';
  unchanged: boolean;
  rowsNew: number;
  rowsChanged: number;
  rowsRemoved: number;
  error: string | null;
}

/** A table of the plan whose latest fetch failed, with the cause and the indicators it feeds. */
export interface FetchFailure {
  service: OpenDataService;
  tableCode: string;
  failedAt: string;
  message: string;
  indicators: { key: string; name: string }[];
}

/** How many of the latest fetches the monitor lists. */
const IMPORTS_SHOWN = 10;

/** The latest fetches of the plan's tables (imports, and failures before an import began), and the tables whose latest fetch failed. */
export async function latestFetches(
  openData: OpenDataRepository,
  plan: Plan,
): Promise<{ imports: FetchRecord[]; failures: FetchFailure[] }> {
  const pulls = pullsOf(plan);
  const labels = pulls.map(pullLabel);
  const tables = await Promise.all(pulls.map((pull) => openData.findTable(pull.service, pull.table)));
  const tableIds = [...new Set(tables.flatMap((table) => (table ? [table.id] : [])))];
  const [records, early, failed] = await Promise.all([
    openData.importsOfTables(tableIds, IMPORTS_SHOWN),
    openData.pullFailures(labels, IMPORTS_SHOWN),
    openData.failedPulls(labels),
  ]);
  const imports: FetchRecord[] = [
    ...records.map((record) => ({
      tableCode: record.tableCode,
      startedAt: record.startedAt,
      modified: record.modified,
      status: record.status,
      unchanged: record.unchanged,
      rowsNew: record.rowsNew,
      rowsChanged: record.rowsChanged,
      rowsRemoved: record.rowsRemoved,
      error: record.error,
    })),
    ...early.map((failure) => ({
      tableCode: failure.tableCode,
      startedAt: failure.failedAt,
      modified: null,
      status: 'failed' as const,
      unchanged: false,
      rowsNew: 0,
      rowsChanged: 0,
      rowsRemoved: 0,
      error: failure.error,
    })),
  ]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, IMPORTS_SHOWN);
  const failures = failed.map((failure) => {
    const pull = pulls[labels.indexOf(failure.pull)]!;
    return {
      service: failure.service,
      tableCode: failure.tableCode,
      failedAt: failure.failedAt,
      message: failure.error,
      indicators: indicatorsFedBy(plan, pull).map((indicator) => ({ key: indicator.key, name: indicator.name })),
    };
  });
  return { imports, failures };
}
