/**
 * A plan's prioritisation as stored: one row per plan, changed only at the
 * version it was read at (the update names the version it expects and takes
 * nothing else), and once its concept is made, tied to that plan. Works
 * inside the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PrioritisationTable } from '../../db/schema.js';
import type { Criterion, Scores } from '../../domain/prioritisation.js';
import type { Author } from '../monitoring/measurement.repository.js';

/** What the coordinator sets and chooses; the rest of a row is bookkeeping. */
export interface PrioritisationContent {
  criteria: Criterion[];
  scores: Scores;
  /** The coordinator's note per catalogue theme code. */
  notes: Record<string, string>;
  /** Catalogue theme codes, in order. */
  priorities: string[];
  strategic: string[];
}

export interface StoredPrioritisation extends PrioritisationContent {
  id: string;
  planId: string;
  municipalityId: string;
  catalogueEdition: string;
  version: number;
  conceptPlanId: string | null;
  updatedByLabel: string;
  updatedAt: string;
}

export class PrioritisationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The plan's prioritisation; with `lock`, held until the transaction ends, so two changes take turns. */
  async find(planId: string, options: { lock?: boolean } = {}): Promise<StoredPrioritisation | undefined> {
    let query = this.db.selectFrom('prioritisation').selectAll().where('planId', '=', planId);
    if (options.lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  /** The first save of a plan's prioritisation, as version 1; undefined when another was saved first. */
  async insert(
    input: { planId: string; municipalityId: string; catalogueEdition: string; content: PrioritisationContent },
    author: Author,
  ): Promise<StoredPrioritisation | undefined> {
    const row = await this.db
      .insertInto('prioritisation')
      .values({
        id: randomUUID(),
        planId: input.planId,
        municipalityId: input.municipalityId,
        catalogueEdition: input.catalogueEdition,
        ...columnsOf(input.content),
        version: 1,
        conceptPlanId: null,
        updatedBy: author.id,
        updatedByLabel: author.label,
      })
      .onConflict((conflict) => conflict.column('planId').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  /** Replaces the content at the version expected, as the next version; undefined when the version is no longer current. */
  async update(
    id: string,
    expectedVersion: number,
    content: PrioritisationContent,
    author: Author,
  ): Promise<StoredPrioritisation | undefined> {
    const row = await this.db
      .updateTable('prioritisation')
      .set({
        ...columnsOf(content),
        version: expectedVersion + 1,
        updatedBy: author.id,
        updatedByLabel: author.label,
        updatedAt: sql`now()`,
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('conceptPlanId', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  /** Ties the prioritisation to the concept it made, as the next version; undefined when a concept was made already. */
  async recordConcept(
    id: string,
    expectedVersion: number,
    conceptPlanId: string,
    author: Author,
  ): Promise<StoredPrioritisation | undefined> {
    const row = await this.db
      .updateTable('prioritisation')
      .set({ conceptPlanId, version: expectedVersion + 1, updatedBy: author.id, updatedByLabel: author.label, updatedAt: sql`now()` })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('conceptPlanId', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toStored(row) : undefined;
  }
}

function columnsOf(content: PrioritisationContent) {
  return {
    criteria: JSON.stringify(content.criteria),
    scores: JSON.stringify(content.scores),
    notes: JSON.stringify(content.notes),
    priorities: JSON.stringify(content.priorities),
    strategic: JSON.stringify(content.strategic),
  };
}

function toStored(row: Selectable<PrioritisationTable>): StoredPrioritisation {
  return {
    id: row.id,
    planId: row.planId,
    municipalityId: row.municipalityId,
    catalogueEdition: row.catalogueEdition,
    criteria: parseJson(row.criteria) as Criterion[],
    scores: parseJson(row.scores) as Scores,
    notes: parseJson(row.notes) as Record<string, string>,
    priorities: parseJson(row.priorities) as string[],
    strategic: parseJson(row.strategic) as string[],
    version: row.version,
    conceptPlanId: row.conceptPlanId,
    updatedByLabel: row.updatedByLabel,
    updatedAt: String(row.updatedAt),
  };
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
