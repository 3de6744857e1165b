/**
 * The open-data tables as Koers holds them: one partition per table, the
 * status of every period, a record of every import, and the previous value of
 * every cell a re-issued table revised. Cells arrive in a staging table first
 * (one COPY stream on a PostgreSQL server, multi-row inserts page by page on
 * PGlite; either way what arrived before a broken page stays staged, so the
 * pull can resume); one transaction then swaps them in, so a
 * failed import leaves what was stored untouched. The only file of the
 * feature that speaks SQL about open data.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../../db/create-db.js';
import type { Database, PeriodStatusColumn } from '../../db/schema.js';
import type { OpenDataService } from './series.js';

export interface ObservationRow {
  regionKey: string;
  categoryKey: string;
  periodKey: string;
  topic: string;
  /** null: suppressed by the source. */
  value: number | null;
}

/** Which cells of a table an import replaces: the regions of some municipalities (with their wijken and buurten), or everything. */
export type ImportScope = { kind: 'municipalities'; codes: string[]; categories: string[] | null } | { kind: 'all' };

export interface ImportRecord {
  id: string;
  tableId: number;
  scope: string;
  /** The pull's label (see pullLabel); null for imports recorded before pulls were labelled. */
  pull: string | null;
  modified: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  rowsReceived: number;
  rowsNew: number;
  rowsChanged: number;
  rowsRemoved: number;
  unchanged: boolean;
  error: string | null;
  actorLabel: string;
}

/** A pull that failed before its import was recorded: its metadata, keys or scope could not be had. */
export interface PullFailure {
  service: OpenDataService;
  tableCode: string;
  pull: string;
  error: string;
  actorLabel: string;
}

/** The latest attempt of a pull, when it failed: before its import was recorded, or during it. */
export interface FailedPull {
  pull: string;
  service: OpenDataService;
  tableCode: string;
  failedAt: string;
  error: string;
}

export interface SwapCounts {
  rowsNew: number;
  rowsChanged: number;
  rowsRemoved: number;
}

const STAGING_PREFIX = 'open_data_staging_';
const ABANDONED = 'afgebroken: het proces dat de import uitvoerde, stopte of verloor de database';

export function scopeLabel(scope: ImportScope): string {
  if (scope.kind === 'all') return 'alles';
  return [scope.codes.join('+'), ...(scope.categories ? [scope.categories.join('+')] : [])].join(':');
}

export class OpenDataRepository {
  private readonly db: Kysely<Database>;

  /**
   * `staleSeconds`: a running import without a heartbeat for this long has
   * lost its process; its staging table may be dropped (the same time after
   * which a job is taken over).
   */
  constructor(
    private readonly handle: Pick<DatabaseHandle, 'db' | 'copyFrom'>,
    readonly staleSeconds = 300,
  ) {
    this.db = handle.db;
  }

  /** The table's id, registering it (with a partition of its own) the first time. */
  async registerTable(service: OpenDataService, tableCode: string, title: string): Promise<number> {
    const existing = await this.db
      .selectFrom('openDataTable')
      .select('id')
      .where('service', '=', service)
      .where('tableCode', '=', tableCode)
      .executeTakeFirst();
    if (existing) {
      await this.db.updateTable('openDataTable').set({ title }).where('id', '=', existing.id).execute();
      return existing.id;
    }
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('openDataTable').values({ service, tableCode, title }).returning('id').executeTakeFirstOrThrow();
      await sql`create table ${sql.id(partitionName(id))} partition of open_data_observation for values in (${sql.lit(id)})`.execute(trx);
      return id;
    });
  }

  async findTable(service: OpenDataService, tableCode: string): Promise<{ id: number; title: string } | undefined> {
    return this.db
      .selectFrom('openDataTable')
      .select(['id', 'title'])
      .where('service', '=', service)
      .where('tableCode', '=', tableCode)
      .executeTakeFirst();
  }

  async lastImport(tableId: number, scope: ImportScope, status?: ImportRecord['status']): Promise<ImportRecord | undefined> {
    let query = this.db
      .selectFrom('openDataImport')
      .selectAll()
      .where('tableId', '=', tableId)
      .where('scope', '=', scopeLabel(scope))
      .orderBy('startedAt', 'desc');
    if (status) query = query.where('status', '=', status);
    return (await query.executeTakeFirst()) as ImportRecord | undefined;
  }

  async importsOfTables(tableIds: number[], limit = 20): Promise<(ImportRecord & { tableCode: string })[]> {
    if (tableIds.length === 0) return [];
    return (await this.db
      .selectFrom('openDataImport')
      .innerJoin('openDataTable', 'openDataTable.id', 'openDataImport.tableId')
      .selectAll('openDataImport')
      .select('openDataTable.tableCode')
      .where('openDataImport.tableId', 'in', tableIds)
      .orderBy('openDataImport.startedAt', 'desc')
      .limit(limit)
      .execute()) as (ImportRecord & { tableCode: string })[];
  }

  async startImport(tableId: number, scope: ImportScope, pull: string, modified: string, actorLabel: string): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto('openDataImport')
      .values({ id, tableId, scope: scopeLabel(scope), pull, modified, status: 'running', actorLabel })
      .execute();
    return id;
  }

  /** Records that the table had not changed since the last import: nothing was fetched or written. */
  async recordUnchanged(tableId: number, scope: ImportScope, pull: string, modified: string, actorLabel: string): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto('openDataImport')
      .values({
        id,
        tableId,
        scope: scopeLabel(scope),
        pull,
        modified,
        status: 'done',
        actorLabel,
        unchanged: true,
        finishedAt: sql`now()`,
      })
      .execute();
    return id;
  }

  /** Records a pull that failed before its import was recorded (the table may not even be known yet). */
  async recordPullFailure(failure: PullFailure): Promise<void> {
    await this.db
      .insertInto('openDataPullFailure')
      .values({ id: randomUUID(), ...failure })
      .execute();
  }

  /** The failures of these pulls before an import was recorded, newest first. */
  async pullFailures(pulls: string[], limit = 20): Promise<(PullFailure & { failedAt: string })[]> {
    if (pulls.length === 0) return [];
    return this.db
      .selectFrom('openDataPullFailure')
      .select(['service', 'tableCode', 'pull', 'error', 'actorLabel', 'failedAt'])
      .where('pull', 'in', pulls)
      .orderBy('failedAt', 'desc')
      .limit(limit)
      .execute();
  }

  /** Of these pulls, the ones whose latest attempt failed, with the cause: before the import was recorded, or during it. */
  async failedPulls(pulls: string[]): Promise<FailedPull[]> {
    if (pulls.length === 0) return [];
    const { rows } = await sql<FailedPull & { status: string }>`
      select distinct on (attempt.pull) attempt.pull, attempt.service, attempt.table_code as "tableCode",
        attempt.at as "failedAt", attempt.error, attempt.status
      from (
        select f.pull, f.service, f.table_code, f.failed_at as at, f.error, 'failed' as status
        from open_data_pull_failure f where f.pull = any(${pulls}::text[])
        union all
        select i.pull, t.service, t.table_code, i.started_at as at, i.error, i.status
        from open_data_import i join open_data_table t on t.id = i.table_id
        where i.pull = any(${pulls}::text[]) and i.status <> 'running'
      ) attempt
      order by attempt.pull, attempt.at desc`.execute(this.db);
    return rows.filter((row) => row.status === 'failed').map(({ status: _status, ...failure }) => failure);
  }

  async failImport(importId: string, error: string): Promise<void> {
    await this.db
      .updateTable('openDataImport')
      .set({ status: 'failed', error, finishedAt: sql`now()` })
      .where('id', '=', importId)
      .execute();
    await this.dropStaging(importId);
  }

  /**
   * Moves a running import's heartbeat on, every fifth of the stale time,
   * until the returned function is called. A failed beat is left for the
   * next one: the import itself fails on its own when the database is gone.
   */
  keepImportAlive(importId: string): () => void {
    const beat = () => {
      this.db
        .updateTable('openDataImport')
        .set({ heartbeatAt: sql`now()` })
        .where('id', '=', importId)
        .where('status', '=', 'running')
        .execute()
        .catch(() => {});
    };
    const timer = setInterval(beat, Math.max(100, (this.staleSeconds * 1000) / 5));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** An empty staging table for an import's cells (dropped again when the import ends). */
  async createStaging(importId: string, tableId: number): Promise<void> {
    await sql`
      create table ${sql.id(stagingName(importId))} (
        table_id integer not null default ${sql.lit(tableId)} check (table_id = ${sql.lit(tableId)}),
        region_key text not null,
        category_key text not null,
        period_key text not null,
        topic text not null,
        value double precision
      )`.execute(this.db);
  }

  /** One batch of cells into staging by a multi-row insert (PGlite, which has no streaming COPY); committed at once. */
  private async insertStaged(importId: string, rows: readonly ObservationRow[]): Promise<void> {
    if (rows.length === 0) return;
    await sql`
      insert into ${sql.id(stagingName(importId))} (region_key, category_key, period_key, topic, value)
      select * from unnest(
        ${rows.map((row) => row.regionKey)}::text[], ${rows.map((row) => row.categoryKey)}::text[],
        ${rows.map((row) => row.periodKey)}::text[], ${rows.map((row) => row.topic)}::text[],
        ${rows.map((row) => row.value)}::double precision[]
      )`.execute(this.db);
  }

  /**
   * Streams many cells into staging with one COPY (PostgreSQL server) or batched inserts (PGlite).
   * When `batches` fails (a page that could not be fetched), the batches before the failure stay
   * staged, as with per-batch inserts: the COPY is ended and committed, not aborted, and then the
   * failure is thrown, so that a pull resumed from the failed page loses nothing.
   */
  async stageStream(importId: string, batches: AsyncIterable<readonly ObservationRow[]>): Promise<number> {
    let count = 0;
    if (this.handle.copyFrom) {
      const table = stagingName(importId);
      const source: { failed: boolean; error?: unknown } = { failed: false };
      await this.handle.copyFrom(
        `copy ${table} (region_key, category_key, period_key, topic, value) from stdin`,
        (async function* () {
          try {
            for await (const rows of batches) {
              count += rows.length;
              yield rows.map(copyLine).join('');
            }
          } catch (error) {
            source.failed = true;
            source.error = error;
          }
        })(),
      );
      if (source.failed) throw source.error;
      return count;
    }
    for await (const rows of batches) {
      await this.insertStaged(importId, rows);
      count += rows.length;
    }
    return count;
  }

  /**
   * Replaces the cells of the scope by the staged ones in one transaction,
   * keeping the previous value of every revised or dropped cell, and records
   * the period statuses. A whole-table import into an empty table attaches
   * the staging table as the table's partition instead of copying it again.
   */
  async swapIn(
    importId: string,
    tableId: number,
    scope: ImportScope,
    periods: { periodKey: string; status: PeriodStatusColumn | null }[],
  ): Promise<SwapCounts> {
    const staging = sql.id(stagingName(importId));
    const partition = sql.id(partitionName(tableId));
    const swap = async (trx: Kysely<Database>) => {
      const received = Number((await sql<{ count: string }>`select count(*) as count from ${staging}`.execute(trx)).rows[0]?.count ?? 0);
      const present = await sql<{ one: number }>`select 1 as one from ${partition} limit 1`.execute(trx);
      if (scope.kind === 'all' && present.rows.length === 0) {
        await sql`alter table ${staging} add primary key (table_id, region_key, category_key, period_key, topic)`.execute(trx);
        await sql`drop table ${partition}`.execute(trx);
        await sql`alter table ${staging} rename to ${partition}`.execute(trx);
        await sql`alter table open_data_observation attach partition ${partition} for values in (${sql.lit(tableId)})`.execute(trx);
        return { rowsNew: received, rowsChanged: 0, rowsRemoved: 0, rowsReceived: received };
      }
      const inScope = scopeCondition(scope, sql.ref('o.region_key'), sql.ref('o.category_key'));
      const storedInScope = await sql<{ one: number }>`select 1 as one from ${partition} o where ${inScope} limit 1`.execute(trx);
      if (storedInScope.rows.length === 0) {
        // Nothing of this scope is stored yet: nothing to compare, keep or remove.
        await sql`
          insert into ${partition} (table_id, region_key, category_key, period_key, topic, value)
          select table_id, region_key, category_key, period_key, topic, value from ${staging}`.execute(trx);
        await sql`drop table ${staging}`.execute(trx);
        return { rowsNew: received, rowsChanged: 0, rowsRemoved: 0, rowsReceived: received };
      }
      await sql`create index on ${staging} (region_key, category_key, period_key, topic)`.execute(trx);
      const changed = await sql`
        insert into open_data_revision (import_id, table_id, region_key, category_key, period_key, topic, previous_value, new_value, change)
        select ${importId}, o.table_id, o.region_key, o.category_key, o.period_key, o.topic, o.value, s.value, 'changed'
        from ${partition} o join ${staging} s using (region_key, category_key, period_key, topic)
        where ${inScope} and o.value is distinct from s.value`.execute(trx);
      const removed = await sql`
        insert into open_data_revision (import_id, table_id, region_key, category_key, period_key, topic, previous_value, new_value, change)
        select ${importId}, o.table_id, o.region_key, o.category_key, o.period_key, o.topic, o.value, null, 'removed'
        from ${partition} o
        where ${inScope} and not exists (
          select 1 from ${staging} s
          where s.region_key = o.region_key and s.category_key = o.category_key and s.period_key = o.period_key and s.topic = o.topic
        )`.execute(trx);
      const kept = Number(
        (
          await sql<{ count: string }>`
            select count(*) as count from ${partition} o join ${staging} s using (region_key, category_key, period_key, topic)
            where ${inScope}`.execute(trx)
        ).rows[0]?.count ?? 0,
      );
      await sql`delete from ${partition} o where ${inScope}`.execute(trx);
      await sql`
        insert into ${partition} (table_id, region_key, category_key, period_key, topic, value)
        select table_id, region_key, category_key, period_key, topic, value from ${staging}
        on conflict (table_id, region_key, category_key, period_key, topic) do update set value = excluded.value`.execute(trx);
      await sql`drop table ${staging}`.execute(trx);
      return {
        rowsNew: received - kept,
        rowsChanged: Number(changed.numAffectedRows ?? 0),
        rowsRemoved: Number(removed.numAffectedRows ?? 0),
        rowsReceived: received,
      };
    };
    // The cells, the periods' statuses and the import's outcome commit together, or not at all.
    const counts = await this.db.transaction().execute(async (trx) => {
      const counts = await swap(trx);
      await savePeriods(trx, tableId, periods);
      await trx
        .updateTable('openDataImport')
        .set({
          status: 'done',
          finishedAt: sql<string>`now()`,
          rowsReceived: counts.rowsReceived,
          rowsNew: counts.rowsNew,
          rowsChanged: counts.rowsChanged,
          rowsRemoved: counts.rowsRemoved,
        })
        .where('id', '=', importId)
        .execute();
      return counts;
    });
    return { rowsNew: counts.rowsNew, rowsChanged: counts.rowsChanged, rowsRemoved: counts.rowsRemoved };
  }

  /**
   * Cleans up after imports whose process stopped mid-import (killed, or
   * lost its database): a running import without a heartbeat for
   * `staleSeconds` is recorded as failed, and every staging table that does
   * not belong to a running import is dropped. The staging tables of imports
   * that still run, in this instance or another, are kept. Returns the
   * staging tables dropped.
   */
  async dropAbandonedStaging(): Promise<string[]> {
    await this.db
      .updateTable('openDataImport')
      .set({ status: 'failed', error: ABANDONED, finishedAt: sql`now()` })
      .where('status', '=', 'running')
      .where((eb) =>
        eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', sql<string>`now() - make_interval(secs => ${this.staleSeconds})`)]),
      )
      .execute();
    const { rows } = await sql<{ name: string }>`
      select tablename as name from pg_tables
      where schemaname = current_schema() and tablename like ${`${STAGING_PREFIX}%`}
        and not exists (
          select 1 from open_data_import i
          where i.status = 'running' and tablename = ${STAGING_PREFIX} || replace(i.id::text, '-', '')
        )`.execute(this.db);
    for (const { name } of rows) await sql`drop table if exists ${sql.id(name)}`.execute(this.db);
    return rows.map((row) => row.name);
  }

  async dropStaging(importId: string): Promise<void> {
    await sql`drop table if exists ${sql.id(stagingName(importId))}`.execute(this.db);
  }

  /** Cells of some regions and categories of a table (all periods, or one). */
  async observations(
    tableId: number,
    regionKeys: readonly string[],
    categoryKeys: readonly string[] | null,
    topic: string,
    periodKey?: string,
  ): Promise<ObservationRow[]> {
    if (regionKeys.length === 0) return [];
    let query = this.db
      .selectFrom('openDataObservation')
      .select(['regionKey', 'categoryKey', 'periodKey', 'topic', 'value'])
      .where('tableId', '=', tableId)
      .where('regionKey', 'in', [...regionKeys])
      .where('topic', '=', topic);
    if (categoryKeys) query = query.where('categoryKey', 'in', categoryKeys.length > 0 ? [...categoryKeys] : ['\u0000']);
    if (periodKey) query = query.where('periodKey', '=', periodKey);
    return query.execute();
  }

  /** Cells of every region of a level (GM: every municipality) for a topic, all categories, all periods or one. */
  async observationsOfLevel(tableId: number, level: 'GM' | 'NL', topic: string, periodKey?: string): Promise<ObservationRow[]> {
    let query = this.db
      .selectFrom('openDataObservation')
      .select(['regionKey', 'categoryKey', 'periodKey', 'topic', 'value'])
      .where('tableId', '=', tableId)
      .where('regionKey', 'like', `${level}%`)
      .where('topic', '=', topic);
    if (periodKey) query = query.where('periodKey', '=', periodKey);
    return query.execute();
  }

  /** The wijk keys (WK...) of a municipality present in a table. */
  async districtsOf(tableId: number, municipalityCode: string): Promise<string[]> {
    const digits = municipalityCode.slice(2);
    const rows = await this.db
      .selectFrom('openDataObservation')
      .select('regionKey')
      .distinct()
      .where('tableId', '=', tableId)
      .where('regionKey', 'like', `WK${digits}%`)
      .orderBy('regionKey')
      .execute();
    return rows.map((row) => row.regionKey);
  }

  /** Stores the table's category dimensions (in order) and the titles of their codes and regions. */
  async saveTableMetadata(
    tableId: number,
    categoryDimensions: string[],
    codes: { dimension: string; code: string; title: string }[],
  ): Promise<void> {
    await this.db.updateTable('openDataTable').set({ categoryDimensions }).where('id', '=', tableId).execute();
    for (let start = 0; start < codes.length; start += 5000) {
      const batch = codes.slice(start, start + 5000);
      await sql`
        insert into open_data_code (table_id, dimension, code, title)
        select ${tableId}, * from unnest(
          ${batch.map((code) => code.dimension)}::text[], ${batch.map((code) => code.code)}::text[], ${batch.map((code) => code.title)}::text[]
        )
        on conflict (table_id, dimension, code) do update set title = excluded.title`.execute(this.db);
    }
  }

  /** The category dimensions of a table in stored order, checked against the ones a series names. */
  async categoryDimensions(tableId: number, named: string[]): Promise<string[]> {
    const row = await this.db.selectFrom('openDataTable').select('categoryDimensions').where('id', '=', tableId).executeTakeFirst();
    const order = row?.categoryDimensions ?? [];
    return order.length > 0 ? order : named;
  }

  /** Titles of the codes of a table's (single) category dimension, and of its regions, by trimmed code. */
  async categoryTitles(tableId: number): Promise<Map<string, string>> {
    const row = await this.db.selectFrom('openDataTable').select('categoryDimensions').where('id', '=', tableId).executeTakeFirst();
    const dimension = row?.categoryDimensions[0];
    if (!dimension) return new Map();
    const rows = await this.db
      .selectFrom('openDataCode')
      .select(['code', 'title'])
      .where('tableId', '=', tableId)
      .where('dimension', '=', dimension)
      .execute();
    return new Map(rows.map((code) => [code.code, code.title]));
  }

  async regionTitles(tableId: number, regionKeys: string[]): Promise<Map<string, string>> {
    if (regionKeys.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('openDataCode')
      .select(['code', 'title'])
      .where('tableId', '=', tableId)
      .where('dimension', '=', 'regio')
      .where('code', 'in', regionKeys)
      .execute();
    return new Map(rows.map((code) => [code.code, code.title]));
  }

  /**
   * What changes whenever cells of these tables change: the number of imports
   * that swapped data in and the last moment one finished. Two reads with the
   * same stamp saw the same cells (an import swaps in and finishes in one
   * transaction).
   */
  async dataStamp(tables: readonly { service: OpenDataService; table: string }[]): Promise<string> {
    if (tables.length === 0) return '';
    const row = await this.db
      .selectFrom('openDataImport')
      .innerJoin('openDataTable', 'openDataTable.id', 'openDataImport.tableId')
      .select((eb) => [eb.fn.countAll<string>().as('imports'), eb.fn.max('openDataImport.finishedAt').as('last')])
      .where('openDataImport.status', '=', 'done')
      .where('openDataImport.unchanged', '=', false)
      .where((eb) =>
        eb.or(
          tables.map((table) => eb.and([eb('openDataTable.service', '=', table.service), eb('openDataTable.tableCode', '=', table.table)])),
        ),
      )
      .executeTakeFirst();
    const last = row?.last as string | Date | null | undefined;
    return `${row?.imports ?? 0}|${last instanceof Date ? last.toISOString() : (last ?? '')}`;
  }

  /** The Modified date of the table's latest successful import that fetched data. */
  async latestModified(tableId: number): Promise<string | null> {
    const row = await this.db
      .selectFrom('openDataImport')
      .select('modified')
      .where('tableId', '=', tableId)
      .where('status', '=', 'done')
      .orderBy('startedAt', 'desc')
      .executeTakeFirst();
    return row?.modified ?? null;
  }

  async periodStatuses(tableId: number): Promise<Map<string, PeriodStatusColumn | null>> {
    const rows = await this.db.selectFrom('openDataPeriod').select(['periodKey', 'status']).where('tableId', '=', tableId).execute();
    return new Map(rows.map((row) => [row.periodKey, row.status]));
  }

  async countObservations(tableId: number): Promise<number> {
    const row = await this.db
      .selectFrom('openDataObservation')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tableId', '=', tableId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}

async function savePeriods(
  db: Kysely<Database>,
  tableId: number,
  periods: { periodKey: string; status: PeriodStatusColumn | null }[],
): Promise<void> {
  if (periods.length === 0) return;
  await sql`
    insert into open_data_period (table_id, period_key, status)
    select ${tableId}, * from unnest(${periods.map((period) => period.periodKey)}::text[], ${periods.map((period) => period.status)}::text[])
    on conflict (table_id, period_key) do update set status = excluded.status`.execute(db);
}

function scopeCondition(scope: ImportScope, region: ReturnType<typeof sql.ref>, category: ReturnType<typeof sql.ref>) {
  if (scope.kind === 'all') return sql`true`;
  const digits = scope.codes.map((code) => code.slice(2));
  const regions = sql`(${region} = any(${scope.codes}::text[]) or (left(${region}, 2) in ('WK', 'BU') and substring(${region}, 3, 4) = any(${digits}::text[])))`;
  return scope.categories ? sql`${regions} and ${category} = any(${scope.categories}::text[])` : regions;
}

function partitionName(tableId: number): string {
  return `open_data_observation_${tableId}`;
}

function stagingName(importId: string): string {
  return `${STAGING_PREFIX}${importId.replaceAll('-', '')}`;
}

/** One row in COPY text format: tab-separated, \N for null, backslash, tab and newline escaped. */
function copyLine(row: ObservationRow): string {
  return `${copyText(row.regionKey)}\t${copyText(row.categoryKey)}\t${copyText(row.periodKey)}\t${copyText(row.topic)}\t${
    row.value === null ? '\\N' : String(row.value)
  }\n`;
}

function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}
