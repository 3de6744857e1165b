/**
 * Budget lines as stored. Nothing is overwritten: a new amount for the same
 * theme or activity, year, kind and source supersedes the current one, which
 * stays as history. Works inside the caller's transaction when given one.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { BudgetLineTable, Database } from '../../db/schema.js';
import type { Author } from '../monitoring/measurement.repository.js';

export type BudgetKind = BudgetLineTable['kind'];
export type BudgetSource = BudgetLineTable['source'];

export interface BudgetLine {
  id: string;
  themeId: string | null;
  activityId: string | null;
  year: number;
  kind: BudgetKind;
  source: BudgetSource;
  amountCents: number;
  note: string;
  enteredByLabel: string;
  enteredAt: string;
  supersededAt: string | null;
}

export type BudgetLineInput = Pick<BudgetLine, 'themeId' | 'activityId' | 'year' | 'kind' | 'source' | 'amountCents' | 'note'>;

/** Key space of the advisory locks that serialise lines of one identity ('bu' in ASCII). */
const BUDGET_LOCK_SPACE = 0x6275;

export class BudgetRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async currentLines(planId: string): Promise<BudgetLine[]> {
    const rows = await this.db
      .selectFrom('budgetLine')
      .selectAll()
      .where('planId', '=', planId)
      .where('supersededAt', 'is', null)
      .orderBy('year')
      .orderBy('enteredAt')
      .execute();
    return rows.map(toLine);
  }

  /**
   * Records a line, superseding the current one of the same theme or
   * activity, year, kind and source; returns the line before, if any.
   * Lines of one identity are written one after the other.
   */
  async record(planId: string, input: BudgetLineInput, author: Author): Promise<{ line: BudgetLine; before: BudgetLine | null }> {
    const target = input.activityId ?? input.themeId ?? '';
    await sql`select pg_advisory_xact_lock(${BUDGET_LOCK_SPACE}, hashtext(${`${target}/${input.year}/${input.kind}/${input.source}`}))`.execute(
      this.db,
    );
    const superseded = await this.db
      .updateTable('budgetLine')
      .set({ supersededAt: sql`now()` })
      .where('planId', '=', planId)
      .where(input.activityId ? 'activityId' : 'themeId', '=', target)
      .where('year', '=', input.year)
      .where('kind', '=', input.kind)
      .where('source', '=', input.source)
      .where('supersededAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
    const row = await this.db
      .insertInto('budgetLine')
      .values({ id: randomUUID(), planId, ...input, enteredBy: author.id, enteredByLabel: author.label })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { line: toLine(row), before: superseded ? toLine(superseded) : null };
  }
}

function toLine(row: Selectable<BudgetLineTable>): BudgetLine {
  return {
    id: row.id,
    themeId: row.themeId,
    activityId: row.activityId,
    year: row.year,
    kind: row.kind,
    source: row.source,
    amountCents: Number(row.amountCents),
    note: row.note,
    enteredByLabel: row.enteredByLabel,
    enteredAt: row.enteredAt,
    supersededAt: row.supersededAt,
  };
}
