/**
 * Pulls one CBS or police table (or the part of it for some municipalities)
 * into Koers: metadata first, then the cells page by page into staging, then
 * one swap. A table whose Modified date has not changed since the last
 * import is not fetched again. A pull that breaks off after the client's own
 * retries is resumed from the page that failed.
 */
import { parsePeriodStatus } from '../../domain/periods.js';
import {
  type CbsClient,
  type Cell,
  type DataProperty,
  type DimensionValue,
  dimensionsOf,
  eqAny,
  OpenDataError,
  padKeys,
  regionsOfMunicipality,
  resolveTopic,
} from '../../opendata/cbs-client.js';
import type { ImportScope, ObservationRow, OpenDataRepository } from './open-data.repository.js';
import { categoryKey, type OpenDataService } from './series.js';

export interface TablePull {
  service: OpenDataService;
  table: string;
  /** Topic keys without suffix, e.g. GeregistreerdeMisdrijven. */
  topics: string[];
  /** GM codes whose cells to pull (with their wijken and buurten in a wijk/buurt table); null: the whole table. */
  municipalities: string[] | null;
  /** Per dimension the codes to pull; null: every code (the whole cube of the regions). */
  codes: Record<string, string[]> | null;
  /** Only the periods of whole years (2019JJ00), not the months or quarters beside them. */
  yearsOnly?: boolean;
}

export interface TableImportResult {
  table: string;
  title: string;
  modified: string;
  importId: string;
  unchanged: boolean;
  rowsReceived: number;
  rowsNew: number;
  rowsChanged: number;
  rowsRemoved: number;
  tableId: number;
}

export interface PullProgressEvent {
  table: string;
  rows: number;
  page: number;
}

/** How often a broken pull is resumed from the failed page before the import gives up. */
const RESUMES = 3;

/**
 * The pull as a label that stays the same between refreshes, whatever the
 * source's metadata: "dataderden/47022NED GM1641", "opendata/03759ned GM1641
 * Geslacht=T001038 Leeftijd=10000". Imports and failures are recorded under it,
 * so the latest attempt of each pull can be found.
 */
export function pullLabel(pull: TablePull): string {
  const regions = pull.municipalities ? pull.municipalities.join('+') : 'alles';
  const codes = pull.codes
    ? Object.entries(pull.codes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([dimension, values]) => ` ${dimension}=${values.join('+')}`)
        .join('')
    : '';
  return `${pull.service}/${pull.table} ${regions}${codes}${pull.yearsOnly ? ' jaren' : ''}`;
}

export async function importTable(
  client: CbsClient,
  repository: OpenDataRepository,
  pull: TablePull,
  actorLabel: string,
  onProgress: (event: PullProgressEvent) => void = () => {},
  signal?: AbortSignal,
): Promise<TableImportResult> {
  const label = pullLabel(pull);
  let prepared: PreparedImport | { unchanged: TableImportResult };
  try {
    prepared = await prepareImport(client, repository, pull, label, actorLabel, signal);
  } catch (error) {
    // Nothing is recorded of the import yet (its metadata, keys or scope failed): record the failure on its own.
    // When even that fails (the database is gone), the pull's own error is the one to report.
    // A cancelled pull did not fail.
    if (!signal?.aborted) {
      await repository
        .recordPullFailure({ service: pull.service, tableCode: pull.table, pull: label, error: messageOf(error), actorLabel })
        .catch(() => {});
    }
    throw error;
  }
  if ('unchanged' in prepared) return prepared.unchanged;
  const { importId, base, dimensions, topicColumns, filter, scope, periods } = prepared;
  // The import's own heartbeat: while it beats, no instance drops its staging table.
  const stopHeartbeat = repository.keepImportAlive(importId);
  try {
    await repository.createStaging(importId, base.tableId);
    const timeKey = dimensions.time.key;
    const regionKey = dimensions.regions?.key ?? null;
    const otherKeys = dimensions.others.map((dimension) => dimension.key);
    const toRow = (cell: Cell): ObservationRow => ({
      regionKey: regionKey ? requireDimension(cell, regionKey, pull.table).trim() : 'NL',
      categoryKey: categoryKey(otherKeys.map((key) => requireDimension(cell, key, pull.table))),
      periodKey: requireDimension(cell, timeKey, pull.table).trim(),
      topic: topicColumns.get(cell.topic) ?? cell.topic,
      value: cell.value,
    });
    let rows = 0;
    // The number of the last page received, over every attempt: a resumed pull goes on counting from there.
    let page = 0;
    let resumeFrom: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const pages = client.cells(pull.service, pull.table, {
        topics: [...topicColumns.keys()],
        filter,
        resumeFrom,
        resumePage: resumeFrom ? page + 1 : undefined,
        onPage: (progress) => {
          page = progress.page;
        },
      });
      try {
        await repository.stageStream(
          importId,
          (async function* () {
            for await (const cells of pages) {
              signal?.throwIfAborted();
              rows += cells.length;
              yield cells.map(toRow);
              onProgress({ table: pull.table, rows, page });
            }
          })(),
        );
        break;
      } catch (error) {
        if (!(error instanceof OpenDataError) || !error.resumeFrom || attempt >= RESUMES) throw error;
        resumeFrom = error.resumeFrom;
      }
    }
    signal?.throwIfAborted();
    const counts = await repository.swapIn(
      importId,
      base.tableId,
      scope,
      periods.map((period) => ({ periodKey: period.key.trim(), status: parsePeriodStatus(period.status) })),
    );
    return { ...base, importId, unchanged: false, rowsReceived: rows, ...counts };
  } catch (error) {
    // Without the database, recording the failure fails too: the import is then recorded as failed, and its
    // staging dropped, once its heartbeat is stale. The error to report stays this one.
    await repository.failImport(importId, messageOf(error)).catch(() => {});
    throw error;
  } finally {
    stopHeartbeat();
  }
}

/** What an import that fetches cells starts from. */
interface PreparedImport {
  importId: string;
  base: Pick<TableImportResult, 'table' | 'title' | 'modified' | 'tableId'>;
  dimensions: ReturnType<typeof dimensionsOf> & { time: DataProperty };
  topicColumns: Map<string, string>;
  filter: string | undefined;
  scope: ImportScope;
  periods: DimensionValue[];
}

/**
 * Everything before the cells: the table's metadata, its dimensions and
 * topics, the scope, the codes' titles and the filter; then the import record.
 * An unchanged table is recorded as such and ends the import here.
 */
async function prepareImport(
  client: CbsClient,
  repository: OpenDataRepository,
  pull: TablePull,
  label: string,
  actorLabel: string,
  signal?: AbortSignal,
): Promise<PreparedImport | { unchanged: TableImportResult }> {
  const [info, properties] = await Promise.all([
    client.tableInfo(pull.service, pull.table),
    client.dataProperties(pull.service, pull.table),
  ]);
  const dimensions = dimensionsOf(properties);
  const time = dimensions.time;
  if (!time) throw new OpenDataError(`Tabel ${pull.table} heeft geen perioden-dimensie`);
  if (pull.municipalities && !dimensions.regions) throw new OpenDataError(`Tabel ${pull.table} heeft geen regio-dimensie`);
  const topicColumns = new Map(pull.topics.map((prefix) => [resolveTopic(properties, prefix), prefix]));
  const scope = scopeOf(pull, dimensions.others);
  const tableId = await repository.registerTable(pull.service, pull.table, info.title);
  const base = { table: pull.table, title: info.title, modified: info.modified, tableId };

  const last = await repository.lastImport(tableId, scope, 'done');
  if (last && last.modified === info.modified) {
    const importId = await repository.recordUnchanged(tableId, scope, label, info.modified, actorLabel);
    return { unchanged: { ...base, importId, unchanged: true, rowsReceived: 0, rowsNew: 0, rowsChanged: 0, rowsRemoved: 0 } };
  }

  const periods = await client.dimensionValues(pull.service, pull.table, time.key);
  await repository.saveTableMetadata(
    tableId,
    dimensions.others.map((dimension) => dimension.key),
    await codeTitles(client, pull, dimensions.regions, dimensions.others),
  );
  const filter = await filterOf(client, pull, dimensions.regions, dimensions.others, { key: time.key, periods });
  signal?.throwIfAborted();
  const importId = await repository.startImport(tableId, scope, label, info.modified, actorLabel);
  return { importId, base, dimensions: { ...dimensions, time }, topicColumns, filter, scope, periods };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Titles of the category codes, and of the regions of the pulled municipalities (stored under dimension 'regio'). */
async function codeTitles(
  client: CbsClient,
  pull: TablePull,
  regions: DataProperty | null,
  others: DataProperty[],
): Promise<{ dimension: string; code: string; title: string }[]> {
  const titles: { dimension: string; code: string; title: string }[] = [];
  for (const dimension of others) {
    for (const value of await client.dimensionValues(pull.service, pull.table, dimension.key)) {
      titles.push({ dimension: dimension.key, code: value.key.trim(), title: value.title });
    }
  }
  if (regions) {
    const digits = (pull.municipalities ?? []).map((code) => code.slice(2));
    for (const value of await client.dimensionValues(pull.service, pull.table, regions.key)) {
      const key = value.key.trim();
      if (
        pull.municipalities === null ||
        digits.some((digit) => key === `GM${digit}` || key.startsWith(`WK${digit}`) || key.startsWith(`BU${digit}`))
      ) {
        titles.push({ dimension: 'regio', code: key, title: value.title });
      }
    }
  }
  return titles;
}

function requireDimension(cell: Cell, key: string, table: string): string {
  const value = cell.dimensions[key];
  if (value === undefined) throw new OpenDataError(`Tabel ${table}: een cel mist de dimensie ${key}`);
  return value;
}

function scopeOf(pull: TablePull, others: DataProperty[]): ImportScope {
  if (!pull.municipalities) return { kind: 'all' };
  if (!pull.codes) return { kind: 'municipalities', codes: pull.municipalities, categories: null };
  const unknown = Object.keys(pull.codes).filter((key) => !others.some((dimension) => dimension.key === key));
  if (unknown.length > 0) throw new OpenDataError(`Tabel ${pull.table} kent de dimensie ${unknown.join(', ')} niet`);
  let combinations: string[][] = [[]];
  for (const dimension of others) {
    const codes = pull.codes[dimension.key];
    if (!codes) throw new OpenDataError(`Tabel ${pull.table}: geef de codes voor dimensie ${dimension.key}`);
    combinations = combinations.flatMap((prefix) => codes.map((code) => [...prefix, code]));
  }
  return { kind: 'municipalities', codes: pull.municipalities, categories: combinations.map(categoryKey) };
}

async function filterOf(
  client: CbsClient,
  pull: TablePull,
  regions: DataProperty | null,
  others: DataProperty[],
  time: { key: string; periods: DimensionValue[] },
): Promise<string | undefined> {
  const parts: string[] = [];
  if (pull.yearsOnly) {
    const years = time.periods.filter((period) => /^\d{4}JJ00$/.test(period.key.trim()));
    if (years.length === 0) throw new OpenDataError(`Tabel ${pull.table} heeft geen cijfers per jaar`);
    parts.push(
      eqAny(
        time.key,
        years.map((period) => period.key),
      ),
    );
  }
  if (pull.municipalities && regions) {
    if (regions.type === 'GeoDetail' || regions.key === 'WijkenEnBuurten') {
      parts.push(`(${pull.municipalities.map((code) => regionsOfMunicipality(regions.key, code)).join(' or ')})`);
    } else {
      const values = await client.dimensionValues(pull.service, pull.table, regions.key);
      parts.push(eqAny(regions.key, padKeys(values, pull.municipalities, `${pull.table} ${regions.key}`)));
    }
  }
  if (pull.codes) {
    for (const dimension of others) {
      const values = await client.dimensionValues(pull.service, pull.table, dimension.key);
      parts.push(eqAny(dimension.key, padKeys(values, pull.codes[dimension.key] ?? [], `${pull.table} ${dimension.key}`)));
    }
  }
  return parts.length > 0 ? parts.join(' and ') : undefined;
}
