/**
 * Report versions as stored. A concept's texts may change; a definitive
 * version never does: the update that freezes it only takes a concept, and
 * no statement here changes a definitive row or its files. Versions of one
 * plan and year are numbered one after the other under an advisory lock.
 * Works inside the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, ReportFileTable, ReportVersionTable } from '../../db/schema.js';
import type { Author } from '../monitoring/measurement.repository.js';
import type { ReportModel } from './report-model.js';
import type { ReportTexts } from './report-texts.js';

export type ReportFormat = ReportFileTable['format'];

export interface ReportVersion {
  id: string;
  planId: string;
  year: number;
  number: number;
  status: ReportVersionTable['status'];
  reason: string;
  texts: ReportTexts;
  checksum: string | null;
  createdByLabel: string;
  createdAt: string;
  textsEditedByLabel: string | null;
  textsEditedAt: string | null;
  finalisedByLabel: string | null;
  finalisedAt: string | null;
  /** The formats kept with a definitive version, with their checksums. */
  files: { format: ReportFormat; sha256: string; size: number }[];
}

/** Every column but the frozen model. */
const COLUMNS = [
  'id',
  'planId',
  'year',
  'number',
  'status',
  'reason',
  'texts',
  'checksum',
  'createdByLabel',
  'createdAt',
  'textsEditedByLabel',
  'textsEditedAt',
  'finalisedByLabel',
  'finalisedAt',
] as const;

type VersionRow = Pick<Selectable<ReportVersionTable>, (typeof COLUMNS)[number]>;

/** Key space of the advisory locks that serialise the versions of one plan and year ('rp' in ASCII). */
const REPORT_LOCK_SPACE = 0x7270;

export class ReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every version of the plan's reports, newest year first and, within a year, newest version first. */
  async versions(planId: string, year?: number): Promise<ReportVersion[]> {
    let query = this.db.selectFrom('reportVersion').select(COLUMNS).where('planId', '=', planId);
    if (year !== undefined) query = query.where('year', '=', year);
    const rows = await query.orderBy('year', 'desc').orderBy('number', 'desc').execute();
    return this.withFiles(rows);
  }

  async version(planId: string, year: number, number: number): Promise<ReportVersion | undefined> {
    const row = await this.db
      .selectFrom('reportVersion')
      .select(COLUMNS)
      .where('planId', '=', planId)
      .where('year', '=', year)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? (await this.withFiles([row]))[0] : undefined;
  }

  /** The model a definitive version was frozen with; null for a concept. Read apart: it is large, and a list or a file needs none. */
  async frozenModel(versionId: string): Promise<ReportModel | null> {
    const row = await this.db.selectFrom('reportVersion').select('model').where('id', '=', versionId).executeTakeFirst();
    return row?.model == null ? null : (parseJson(row.model) as ReportModel);
  }

  /**
   * Adds the next version of the plan's report over the year, as a concept.
   * Returns null when a concept exists already (there is one at a time).
   */
  async addConcept(
    input: { planId: string; year: number; reason: string; texts: ReportTexts },
    author: Author,
  ): Promise<ReportVersion | null> {
    await sql`select pg_advisory_xact_lock(${REPORT_LOCK_SPACE}, hashtext(${`${input.planId}/${input.year}`}))`.execute(this.db);
    const existing = await this.db
      .selectFrom('reportVersion')
      .select(['status', 'number'])
      .where('planId', '=', input.planId)
      .where('year', '=', input.year)
      .orderBy('number', 'desc')
      .execute();
    if (existing.some((row) => row.status === 'concept')) return null;
    const row = await this.db
      .insertInto('reportVersion')
      .values({
        id: randomUUID(),
        planId: input.planId,
        year: input.year,
        number: (existing[0]?.number ?? 0) + 1,
        status: 'concept',
        reason: input.reason,
        texts: JSON.stringify(input.texts),
        model: null,
        checksum: null,
        createdBy: author.id,
        createdByLabel: author.label,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toVersion(row, []);
  }

  /** Replaces a concept's texts; undefined when the version is no (longer a) concept. */
  async updateTexts(versionId: string, texts: ReportTexts, author: Author): Promise<ReportVersion | undefined> {
    const row = await this.db
      .updateTable('reportVersion')
      .set({ texts: JSON.stringify(texts), textsEditedByLabel: author.label, textsEditedAt: sql`now()` })
      .where('id', '=', versionId)
      .where('status', '=', 'concept')
      .returning(COLUMNS)
      .executeTakeFirst();
    return row ? toVersion(row, []) : undefined;
  }

  /** Freezes a concept with its model, files and checksum; undefined when it is no (longer a) concept. */
  async finalise(
    versionId: string,
    frozen: { model: ReportModel; checksum: string; files: { format: ReportFormat; content: Uint8Array; sha256: string }[] },
    author: Author,
  ): Promise<ReportVersion | undefined> {
    const row = await this.db
      .updateTable('reportVersion')
      .set({
        status: 'definitief',
        model: JSON.stringify(frozen.model),
        checksum: frozen.checksum,
        finalisedByLabel: author.label,
        finalisedAt: sql`now()`,
      })
      .where('id', '=', versionId)
      .where('status', '=', 'concept')
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) return undefined;
    await this.db
      .insertInto('reportFile')
      .values(frozen.files.map((file) => ({ versionId, format: file.format, content: file.content, sha256: file.sha256 })))
      .execute();
    return (await this.withFiles([row]))[0];
  }

  async file(versionId: string, format: ReportFormat): Promise<{ content: Uint8Array; sha256: string } | undefined> {
    const row = await this.db
      .selectFrom('reportFile')
      .select(['content', 'sha256'])
      .where('versionId', '=', versionId)
      .where('format', '=', format)
      .executeTakeFirst();
    return row ? { content: new Uint8Array(row.content), sha256: row.sha256 } : undefined;
  }

  private async withFiles(rows: VersionRow[]): Promise<ReportVersion[]> {
    const ids = rows.filter((row) => row.status === 'definitief').map((row) => row.id);
    const files =
      ids.length === 0
        ? []
        : await this.db
            .selectFrom('reportFile')
            .select(['versionId', 'format', 'sha256', sql<number>`octet_length(content)`.as('size')])
            .where('versionId', 'in', ids)
            .orderBy('format')
            .execute();
    return rows.map((row) =>
      toVersion(
        row,
        files
          .filter((file) => file.versionId === row.id)
          .map((file) => ({ format: file.format, sha256: file.sha256, size: Number(file.size) })),
      ),
    );
  }
}

function toVersion(row: VersionRow, files: ReportVersion['files']): ReportVersion {
  return {
    id: row.id,
    planId: row.planId,
    year: row.year,
    number: row.number,
    status: row.status,
    reason: row.reason,
    texts: parseJson(row.texts) as ReportTexts,
    checksum: row.checksum,
    createdByLabel: row.createdByLabel,
    createdAt: row.createdAt,
    textsEditedByLabel: row.textsEditedByLabel,
    textsEditedAt: row.textsEditedAt,
    finalisedByLabel: row.finalisedByLabel,
    finalisedAt: row.finalisedAt,
    files,
  };
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
