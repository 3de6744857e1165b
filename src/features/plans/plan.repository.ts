/**
 * Plans in the database. The only file of the feature that speaks SQL (with
 * plan-sync.ts, which writes a plan's content by key).
 *
 * A plan has two faces:
 * - the working copy: the rows of its tables, where every edit lands;
 * - the current plan: for a concept, the working copy; once adopted, the
 *   latest snapshot (the plan as adopted, then after each applied revision),
 *   so edits in an open revision stay out of sight until it is applied.
 * The plan as of a date is the snapshot in force on that date.
 *
 * Reads are a fixed number of queries whatever the plan's size: one for the
 * plan's head (version, status, municipalities, which snapshot applies), one
 * for the working copy (every table as a JSON array) or one for a snapshot.
 * Outside a transaction, what those return is kept in memory per plan and
 * version (or snapshot), so a repeated read costs the head query alone.
 */
import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type {
  AdoptingBody,
  Adoption,
  IndicatorBinding,
  MunicipalityRef,
  Plan,
  PlanContent,
  PlanStatus,
  PlanSummary,
  RevisionDecider,
  StoredIndicator,
  StoredTheme,
} from '../../domain/plan.js';
import type { ElementChange } from '../../domain/plan-diff.js';
import type { PlanScope } from '../accounts/access.policy.js';
import { type HeadFacts, PlanCache, type PlanRow } from './plan-cache.js';
import { PlanSync, type SyncOptions } from './plan-sync.js';

/** What every read of a plan starts with: the fields that change without changing the content. */
export interface PlanHead extends PlanRow {
  municipalities: (MunicipalityRef & { id: string; adoptedOn: string | null; body: AdoptingBody | null })[];
  /** The snapshot in force (latest, or on the date asked); null when there is none (a concept, or before adoption). */
  snapshotSequence: number | null;
  /** How many snapshots the plan has in all. */
  snapshotCount: number;
}

export interface PlanRevision {
  id: string;
  number: number;
  reason: string;
  decidedOn: string;
  decidedBy: RevisionDecider;
  status: 'open' | 'applied' | 'withdrawn';
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface PlanSnapshot {
  sequence: number;
  revisionId: string | null;
  effectiveOn: string;
  version: number;
  plan: Plan;
}

export interface RecordedChange {
  version: number;
  revisionId: string | null;
  madeAt: string;
  madeBy: string;
  changes: ElementChange[];
}

const defaultCache = new PlanCache();

export class PlanRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cache: PlanCache = defaultCache,
    /** In a unit of work: runs what is given once the transaction has committed. */
    private readonly afterCommit?: (work: () => void) => void,
  ) {}

  /** The plans within the scope: every published plan, and all plans of the scope's municipalities. */
  async listPlans(scope: PlanScope): Promise<PlanSummary[]> {
    const plans = await this.db
      .selectFrom('plan')
      .select(['id', 'title', 'periodStart', 'periodEnd', 'status', 'adoptedOn', 'published'])
      .where((eb) => this.inScope(eb, scope))
      .orderBy('periodStart', 'desc')
      .orderBy('title')
      .orderBy('createdAt')
      .execute();
    const municipalities = await this.municipalitiesByPlan(plans.map((plan) => plan.id));
    return plans.map((plan) => ({ ...plan, municipalities: municipalities.get(plan.id) ?? [] }));
  }

  /** The tenant filter every plan read goes through: published, or of a municipality in scope. */
  private inScope(eb: ExpressionBuilder<Database, 'plan'>, scope: PlanScope) {
    if (scope.all) return eb.lit(true);
    const ofScope =
      scope.municipalityIds.length === 0
        ? eb.lit(false)
        : eb.exists(
            eb
              .selectFrom('planMunicipality')
              .select('planMunicipality.planId')
              .whereRef('planMunicipality.planId', '=', 'plan.id')
              .where('planMunicipality.municipalityId', 'in', scope.municipalityIds),
          );
    return eb.or([eb('plan.published', '=', true), ofScope]);
  }

  async setPublished(planId: string, published: boolean): Promise<void> {
    await this.db.updateTable('plan').set({ published }).where('id', '=', planId).execute();
  }

  /**
   * For a published plan: its version, and a count that grows with every
   * measurement and assessment recorded for it (they are never deleted, only
   * superseded). Undefined for a plan that is not published or does not exist.
   * What the cache of public pages checks before every answer.
   */
  async publicStamp(planId: string): Promise<{ version: number; monitored: string } | undefined> {
    const row = await this.db
      .selectFrom('plan')
      .select([
        'version',
        sql<string>`concat_ws('/',
          (select count(*) from measurement m where m.plan_id = plan.id),
          (select count(*) from theme_assessment a where a.plan_id = plan.id),
          (select count(*) from progress_entry e where e.plan_id = plan.id),
          (select count(*) from progress_review r where r.plan_id = plan.id),
          (select count(*) + count(closed_at) from reporting_round o where o.plan_id = plan.id),
          (select count(*) from progress_status s where s.plan_id = plan.id),
          plan.reporting_frequency)`.as('monitored'),
      ])
      .where('id', '=', planId)
      .where('published', '=', true)
      .executeTakeFirst();
    return row ? { version: row.version, monitored: row.monitored } : undefined;
  }

  /** The ids of the municipalities a plan belongs to (for authorisation). */
  async municipalityIdsOfPlan(planId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('planMunicipality')
      .select('municipalityId')
      .where('planId', '=', planId)
      .orderBy('position')
      .execute();
    return rows.map((row) => row.municipalityId);
  }

  async countPlans(): Promise<number> {
    const row = await this.db
      .selectFrom('plan')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Known municipalities by CBS code, to check a document against. */
  async findMunicipalities(codes: string[]): Promise<(MunicipalityRef & { id: string })[]> {
    if (codes.length === 0) return [];
    return this.db.selectFrom('municipality').select(['id', 'code', 'name']).where('code', 'in', codes).execute();
  }

  private async municipalitiesByPlan(planIds: string[]): Promise<Map<string, MunicipalityRef[]>> {
    const byPlan = new Map<string, MunicipalityRef[]>();
    if (planIds.length === 0) return byPlan;
    const rows = await this.db
      .selectFrom('planMunicipality')
      .innerJoin('municipality', 'municipality.id', 'planMunicipality.municipalityId')
      .select(['planMunicipality.planId', 'municipality.code', 'municipality.name'])
      .where('planMunicipality.planId', 'in', planIds)
      .orderBy('planMunicipality.position')
      .execute();
    for (const row of rows) byPlan.set(row.planId, [...(byPlan.get(row.planId) ?? []), { code: row.code, name: row.name }]);
    return byPlan;
  }

  // -------------------------------------------------------------------------
  // Reading a plan

  /**
   * The plan's head within the scope, or undefined. With `asOf`, the snapshot
   * in force on that date; without, the latest. `lock` takes the plan's row
   * for the rest of the transaction, so two changes of one plan run one after
   * the other and each sees the version the other left.
   *
   * Outside a transaction this is one small query for the plan's row (shared
   * by the requests for the same plan that arrive while it runs); its
   * municipalities and snapshots change only with its version and are kept
   * per version (a second query when they are not known yet). Inside a
   * transaction, which may have changed them before the version, they are read
   * with the row.
   */
  async findHead(planId: string, scope: PlanScope, options: { asOf?: string; lock?: boolean } = {}): Promise<PlanHead | undefined> {
    if (options.lock || this.db.isTransaction) return this.readHead(planId, scope, options);
    const row = await this.cache.rows.read(planId, () =>
      this.db
        .selectFrom('plan')
        .select(['id', 'version', 'status', 'adoptedOn', 'published', 'predecessorId', 'createdAt'])
        .where('id', '=', planId)
        .executeTakeFirst(),
    );
    if (!row) return undefined;
    let facts = this.cache.heads.get(`${planId}:${row.version}`);
    if (!facts) {
      const read = await this.readHead(planId, { all: true }, {});
      if (!read) return undefined;
      facts = { municipalities: read.municipalities, snapshots: read.snapshots };
      this.cache.heads.set(`${planId}:${read.version}`, facts);
    }
    const inScope =
      scope.all || row.published || facts.municipalities.some((municipality) => scope.municipalityIds.includes(municipality.id));
    if (!inScope) return undefined;
    return headOf(row, facts, options.asOf);
  }

  /** The head in one query: the row, its municipalities and its snapshots. */
  private async readHead(
    planId: string,
    scope: PlanScope,
    options: { asOf?: string; lock?: boolean },
  ): Promise<(PlanHead & HeadFacts) | undefined> {
    let query = this.db
      .selectFrom('plan')
      .select([
        'plan.id',
        'plan.version',
        'plan.status',
        'plan.adoptedOn',
        'plan.published',
        'plan.predecessorId',
        'plan.createdAt',
        sql<PlanHead['municipalities']>`(
          select coalesce(json_agg(json_build_object('id', m.id, 'code', m.code, 'name', m.name,
              'adoptedOn', to_char(pm.adopted_on, 'YYYY-MM-DD'), 'body', pm.adopted_by) order by pm.position), '[]'::json)
          from plan_municipality pm join municipality m on m.id = pm.municipality_id where pm.plan_id = plan.id)`.as('municipalities'),
        sql<HeadFacts['snapshots']>`(
          select coalesce(json_agg(json_build_object('sequence', s.sequence, 'effectiveOn', to_char(s.effective_on, 'YYYY-MM-DD'))
              order by s.sequence), '[]'::json)
          from plan_snapshot s where s.plan_id = plan.id)`.as('snapshots'),
      ])
      .where('plan.id', '=', planId)
      .where((eb) => this.inScope(eb, scope));
    if (options.lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    const facts: HeadFacts = { municipalities: row.municipalities, snapshots: row.snapshots };
    return { ...headOf(row, facts, options.asOf), snapshots: facts.snapshots };
  }

  /**
   * The current plan (see the top of this file), or the plan as of a date.
   * Undefined when no such plan is in scope; `notYetAdopted` when the date
   * lies before the plan's adoption; `concept` for a date asked of a plan
   * that was never adopted (it has no history).
   */
  async findPlan(
    planId: string,
    scope: PlanScope,
    options: { asOf?: string } = {},
  ): Promise<Plan | 'notYetAdopted' | 'concept' | undefined> {
    const head = await this.findHead(planId, scope, options);
    if (!head) return undefined;
    if (options.asOf !== undefined) {
      if (head.status === 'draft') return 'concept';
      if (head.snapshotSequence !== null) return this.snapshotPlan(head, head.snapshotSequence);
      // A plan adopted before snapshots existed: its working copy is the plan as adopted until a revision opens.
      if (head.snapshotCount === 0 && head.adoptedOn !== null && head.adoptedOn <= options.asOf) return this.workingCopy(head);
      return 'notYetAdopted';
    }
    if (head.status !== 'draft' && head.snapshotSequence !== null) return this.snapshotPlan(head, head.snapshotSequence);
    return this.workingCopy(head);
  }

  /** The working copy: the plan as it stands with every edit, also those of an open revision. */
  async findWorkingCopy(planId: string, scope: PlanScope, options: { lock?: boolean } = {}): Promise<Plan | undefined> {
    const head = await this.findHead(planId, scope, options);
    return head ? this.workingCopy(head) : undefined;
  }

  async workingCopy(head: PlanHead): Promise<Plan> {
    const cacheKey = `${head.id}:w:${head.version}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return withHead(cached, head);
    const plan = await this.readWorkingCopy(head);
    // Only what is committed may be shared: a read inside a transaction may see changes that are rolled back,
    // so it is kept once its unit of work has committed (the version it read is then the version committed).
    if (!this.db.isTransaction) this.cache.set(cacheKey, plan);
    else this.afterCommit?.(() => this.cache.set(cacheKey, plan));
    return plan;
  }

  private async snapshotPlan(head: PlanHead, sequence: number): Promise<Plan> {
    const cacheKey = `${head.id}:s:${sequence}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return withHead(cached, head);
    const row = await this.db
      .selectFrom('planSnapshot')
      .select('content')
      .where('planId', '=', head.id)
      .where('sequence', '=', sequence)
      .executeTakeFirstOrThrow();
    const plan = row.content as Plan;
    // Snapshots never change: shared even when read inside a transaction.
    this.cache.set(cacheKey, plan);
    return withHead(plan, head);
  }

  /** Every table of the working copy in one query, each as a JSON array of its current rows. */
  private async readWorkingCopy(head: PlanHead): Promise<Plan> {
    const planId = head.id;
    const current = (table: string, order = 'position') =>
      sql`(select coalesce(json_agg(t order by t.${sql.raw(order)}), '[]'::json) from ${sql.table(table)} t where t.plan_id = ${planId} and t.ended_version is null)`;
    const all = (table: string, order = 'position') =>
      sql`(select coalesce(json_agg(t order by t.${sql.raw(order)}), '[]'::json) from ${sql.table(table)} t where t.plan_id = ${planId})`;
    const ofThemes = (table: string) =>
      sql`(select coalesce(json_agg(t order by t.position), '[]'::json) from ${sql.table(table)} t
          join plan_theme th on th.id = t.theme_id where th.plan_id = ${planId} and th.ended_version is null)`;
    const result = await sql<Rows>`
      select
        (select row_to_json(p) from plan p where p.id = ${planId}) as plan,
        ${current('plan_goal')} as goals,
        ${current('plan_principle')} as principles,
        ${all('plan_field_context', 'field_number')} as field_contexts,
        ${current('portfolio_holder')} as holders,
        ${current('partner')} as partners,
        ${current('plan_theme')} as themes,
        ${current('indicator')} as indicators,
        ${current('workstream')} as workstreams,
        ${current('activity')} as activities,
        ${all('activity_lead')} as leads,
        ${all('activity_partner')} as activity_partners,
        ${current('meeting')} as meetings,
        ${all('meeting_partner')} as meeting_partners,
        ${current('accountability_moment')} as accountability,
        ${current('policy_framework')} as frameworks,
        ${all('plan_catalogue_exclusion')} as exclusions,
        ${ofThemes('plan_theme_approach_line')} as approach_lines,
        ${ofThemes('plan_theme_catalogue_theme')} as catalogue_links
    `.execute(this.db);
    const rows = result.rows[0];
    if (!rows?.plan) throw new Error(`plan ${planId} verdween tijdens het lezen`);
    return assemblePlan(head, rows);
  }

  // -------------------------------------------------------------------------
  // Writing a plan

  /**
   * Writes a whole new plan in the caller's transaction (or one of its own) and
   * returns its id. The content must have been validated. An adopted plan gets
   * its adoption snapshot at once.
   */
  async insertPlan(content: PlanContent, options: SyncOptions & { predecessorId?: string | null } = {}): Promise<string> {
    if (!this.db.isTransaction)
      return this.db.transaction().execute((trx) => new PlanRepository(trx, this.cache).insertPlan(content, options));
    const planId = randomUUID();
    await this.db
      .insertInto('plan')
      .values({
        id: planId,
        title: content.title,
        subtitle: content.subtitle,
        periodStart: content.periodStart,
        periodEnd: content.periodEnd,
        status: content.status,
        adoptedOn: content.adoptedOn,
        catalogueEdition: content.catalogueEdition,
        summary: content.summary,
        budgetNote: content.budgetNote,
        predecessorId: options.predecessorId ?? null,
      })
      .execute();
    for (const [position, municipality] of content.municipalities.entries()) {
      await this.db
        .insertInto('municipality')
        .values({ id: randomUUID(), code: municipality.code, name: municipality.name })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      const { id } = await this.db.selectFrom('municipality').select('id').where('code', '=', municipality.code).executeTakeFirstOrThrow();
      const adoption = content.adoptions.find((candidate) => candidate.municipalityCode === municipality.code);
      await this.db
        .insertInto('planMunicipality')
        .values({ planId, municipalityId: id, position, adoptedOn: adoption?.adoptedOn ?? null, adoptedBy: adoption?.body ?? null })
        .execute();
    }
    await new PlanSync(this.db, planId, 1, options).apply(content);
    if (content.status !== 'draft' && content.adoptedOn) await this.insertSnapshot(planId, null, content.adoptedOn);
    return planId;
  }

  /** Makes the working copy equal to the content, as `version` (see plan-sync.ts), and records the version. */
  async syncWorkingCopy(planId: string, version: number, content: PlanContent): Promise<void> {
    await new PlanSync(this.db, planId, version).apply(content);
    await this.db.updateTable('plan').set({ version }).where('id', '=', planId).execute();
  }

  async setVersion(planId: string, version: number): Promise<void> {
    await this.db.updateTable('plan').set({ version }).where('id', '=', planId).execute();
  }

  async setStatus(planId: string, status: PlanStatus, adoptedOn: string | null): Promise<void> {
    await this.db.updateTable('plan').set({ status, adoptedOn }).where('id', '=', planId).execute();
  }

  async recordAdoption(planId: string, municipalityId: string, adoption: Pick<Adoption, 'adoptedOn' | 'body'>): Promise<void> {
    await this.db
      .updateTable('planMunicipality')
      .set({ adoptedOn: adoption.adoptedOn, adoptedBy: adoption.body })
      .where('planId', '=', planId)
      .where('municipalityId', '=', municipalityId)
      .execute();
  }

  /** Keeps the working copy as it stands now as the plan in force from `effectiveOn`. */
  async insertSnapshot(planId: string, revisionId: string | null, effectiveOn: string): Promise<number> {
    const head = await this.findHead(planId, { all: true });
    if (!head) throw new Error(`plan ${planId} bestaat niet`);
    const plan = await this.readWorkingCopy(head);
    const sequence = head.snapshotCount + 1;
    await this.db
      .insertInto('planSnapshot')
      .values({ planId, sequence, revisionId, effectiveOn, version: head.version, content: JSON.stringify(plan) })
      .execute();
    return sequence;
  }

  /** Every snapshot of the plan, oldest first. */
  async snapshots(planId: string): Promise<PlanSnapshot[]> {
    const head = await this.findHead(planId, { all: true });
    if (!head) return [];
    const rows = await this.db
      .selectFrom('planSnapshot')
      .select(['sequence', 'revisionId', 'effectiveOn', 'version'])
      .where('planId', '=', planId)
      .orderBy('sequence')
      .execute();
    const snapshots: PlanSnapshot[] = [];
    for (const row of rows) snapshots.push({ ...row, plan: await this.snapshotPlan(head, row.sequence) });
    return snapshots;
  }

  async recordChange(planId: string, change: Omit<RecordedChange, 'madeAt'>): Promise<void> {
    await this.db
      .insertInto('planChange')
      .values({
        planId,
        version: change.version,
        revisionId: change.revisionId,
        madeBy: change.madeBy,
        changes: JSON.stringify(change.changes),
      })
      .execute();
  }

  /** The changes made after `version`, oldest first. */
  async changesSince(planId: string, version: number): Promise<RecordedChange[]> {
    const rows = await this.db
      .selectFrom('planChange')
      .select(['version', 'revisionId', 'madeAt', 'madeBy', 'changes'])
      .where('planId', '=', planId)
      .where('version', '>', version)
      .orderBy('version')
      .execute();
    return rows.map((row) => ({ ...row, changes: row.changes as ElementChange[] }));
  }

  /** The changes recorded within a revision, oldest first. */
  async changesOfRevision(revisionId: string): Promise<RecordedChange[]> {
    const rows = await this.db
      .selectFrom('planChange')
      .select(['version', 'revisionId', 'madeAt', 'madeBy', 'changes'])
      .where('revisionId', '=', revisionId)
      .orderBy('version')
      .execute();
    return rows.map((row) => ({ ...row, changes: row.changes as ElementChange[] }));
  }

  // -------------------------------------------------------------------------
  // Revisions

  async revisions(planId: string): Promise<PlanRevision[]> {
    return this.db.selectFrom('planRevision').selectAll().where('planId', '=', planId).orderBy('number').execute() as Promise<
      PlanRevision[]
    >;
  }

  async openRevision(
    planId: string,
    revision: { reason: string; decidedOn: string; decidedBy: RevisionDecider; openedBy: string },
  ): Promise<PlanRevision> {
    const last = await this.db
      .selectFrom('planRevision')
      .select((eb) => eb.fn.max('number').as('number'))
      .where('planId', '=', planId)
      .executeTakeFirst();
    const row = await this.db
      .insertInto('planRevision')
      .values({
        id: randomUUID(),
        planId,
        number: Number(last?.number ?? 0) + 1,
        status: 'open',
        closedAt: null,
        closedBy: null,
        ...revision,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return row as PlanRevision;
  }

  async closeRevision(revisionId: string, status: 'applied' | 'withdrawn', closedBy: string): Promise<void> {
    await this.db
      .updateTable('planRevision')
      .set({ status, closedBy, closedAt: sql<string>`now()` })
      .where('id', '=', revisionId)
      .execute();
  }

  /** Updates an open revision's reason, date and decider. */
  async describeRevision(revisionId: string, revision: { reason: string; decidedOn: string; decidedBy: RevisionDecider }): Promise<void> {
    await this.db.updateTable('planRevision').set(revision).where('id', '=', revisionId).execute();
  }

  /** The ids every version of a plan gave its indicators, by key, with their lineage (for a copy). */
  async indicatorLineages(planId: string): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('indicator').select(['key', 'lineageId']).where('planId', '=', planId).execute();
    return new Map(rows.map((row) => [row.key, row.lineageId]));
  }

  /** The ids of the indicators (of any plan) that share a lineage with this one, the indicator itself included. */
  async indicatorIdsOfLineage(indicatorId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('indicator as other')
      .innerJoin('indicator as self', 'self.lineageId', 'other.lineageId')
      .select('other.id')
      .where('self.id', '=', indicatorId)
      .execute();
    return rows.map((row) => row.id);
  }
}

/** The head from the plan's row and its facts: the snapshot in force on `asOf` (the latest without), and how many there are. */
function headOf(
  row: Pick<PlanHead, 'id' | 'version' | 'status' | 'adoptedOn' | 'published' | 'predecessorId' | 'createdAt'>,
  facts: HeadFacts,
  asOf: string | undefined,
): PlanHead {
  const inForce = facts.snapshots.filter((snapshot) => asOf === undefined || snapshot.effectiveOn <= asOf);
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    adoptedOn: row.adoptedOn,
    published: row.published,
    predecessorId: row.predecessorId,
    createdAt: row.createdAt,
    municipalities: facts.municipalities,
    snapshotSequence: inForce.length === 0 ? null : Math.max(...inForce.map((snapshot) => snapshot.sequence)),
    snapshotCount: facts.snapshots.length,
  };
}

/** The fields of a plan that come from its head: the same for the working copy and every snapshot. */
function withHead(plan: Plan, head: PlanHead): Plan {
  return {
    ...plan,
    id: head.id,
    createdAt: head.createdAt,
    published: head.published,
    version: head.version,
    status: head.status,
    adoptedOn: head.adoptedOn,
    predecessorId: head.predecessorId,
    municipalities: head.municipalities.map(({ code, name }) => ({ code, name })),
    adoptions: head.municipalities.flatMap((municipality) =>
      municipality.adoptedOn && municipality.body
        ? [{ municipalityCode: municipality.code, adoptedOn: municipality.adoptedOn, body: municipality.body }]
        : [],
    ),
  };
}

/** The rows of a working copy as the JSON of one query returns them (snakeCase, as stored). */
type Row = Record<string, unknown>;
interface Rows {
  plan: Row;
  goals: Row[];
  principles: Row[];
  fieldContexts: Row[];
  holders: Row[];
  partners: Row[];
  themes: Row[];
  indicators: Row[];
  workstreams: Row[];
  activities: Row[];
  leads: Row[];
  activityPartners: Row[];
  meetings: Row[];
  meetingPartners: Row[];
  accountability: Row[];
  frameworks: Row[];
  exclusions: Row[];
  approachLines: Row[];
  catalogueLinks: Row[];
}

const str = (value: unknown) => value as string;
const strOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));
const num = (value: unknown) => Number(value);
const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function assemblePlan(head: PlanHead, rows: Rows): Plan {
  const idToKey = (list: Row[]) => new Map(list.map((row) => [str(row.id), str(row.key)]));
  const goalKey = idToKey(rows.goals);
  const holderKey = idToKey(rows.holders);
  const partnerKey = idToKey(rows.partners);
  const themeKey = idToKey(rows.themes);
  const grouped = (list: Row[], owner: string, value: (row: Row) => string | undefined) => {
    const byOwner = new Map<string, string[]>();
    for (const row of list) {
      const key = value(row);
      if (key === undefined) continue;
      byOwner.set(str(row[owner]), [...(byOwner.get(str(row[owner])) ?? []), key]);
    }
    return byOwner;
  };
  const leadKeys = grouped(rows.leads, 'activityId', (row) => holderKey.get(str(row.portfolioHolderId)));
  const activityPartnerKeys = grouped(rows.activityPartners, 'activityId', (row) => partnerKey.get(str(row.partnerId)));
  const meetingPartnerKeys = grouped(rows.meetingPartners, 'meetingId', (row) => partnerKey.get(str(row.partnerId)));

  const toIndicator = (row: Row): StoredIndicator => ({
    id: str(row.id),
    key: str(row.key),
    lineageId: str(row.lineageId),
    themeKey: row.themeId ? (themeKey.get(str(row.themeId)) ?? null) : null,
    name: str(row.name),
    source: str(row.source),
    unit: row.unit as StoredIndicator['unit'],
    ageBand: row.ageFrom !== null && row.ageTo !== null ? { from: num(row.ageFrom), to: num(row.ageTo) } : null,
    seriesCode: strOrNull(row.seriesCode),
    goalKey: row.goalId ? (goalKey.get(str(row.goalId)) ?? null) : null,
    baselineValue: num(row.baselineValue),
    baselineYear: num(row.baselineYear),
    targetComparison: row.targetComparison as StoredIndicator['targetComparison'],
    targetValue: num(row.targetValue),
    targetYear: num(row.targetYear),
    binding: (row.binding as IndicatorBinding | null) ?? null,
  });

  const themes: StoredTheme[] = rows.themes.map((theme) => ({
    id: str(theme.id),
    key: str(theme.key),
    kind: theme.kind as StoredTheme['kind'],
    number: num(theme.number),
    paragraph: str(theme.paragraph),
    name: str(theme.name),
    catalogueThemeCodes: rows.catalogueLinks.filter((link) => link.themeId === theme.id).map((link) => str(link.catalogueThemeCode)),
    outsideCatalogueReason: strOrNull(theme.outsideCatalogueReason),
    summary: str(theme.summary),
    approachLines: rows.approachLines
      .filter((line) => line.themeId === theme.id)
      .map((line) => ({ title: str(line.title), description: str(line.description) })),
    goal: str(theme.goal),
    qualitativeAssessment: strOrNull(theme.qualitativeAssessment),
    previousPlanNote: strOrNull(theme.previousPlanNote),
    indicators: rows.indicators.filter((row) => row.themeId === theme.id).map(toIndicator),
    workstreams: rows.workstreams
      .filter((workstream) => workstream.themeId === theme.id)
      .map((workstream) => ({
        id: str(workstream.id),
        key: str(workstream.key),
        name: str(workstream.name),
        activities: rows.activities
          .filter((activity) => activity.workstreamId === workstream.id)
          .map((activity) => ({
            id: str(activity.id),
            key: str(activity.key),
            name: str(activity.name),
            description: str(activity.description),
            groupLabel: strOrNull(activity.groupLabel),
            quantity:
              activity.quantity !== null && activity.quantityUnit !== null
                ? { value: num(activity.quantity), unit: str(activity.quantityUnit) }
                : null,
            cadence: strOrNull(activity.cadence),
            weight: numOrNull(activity.weight),
            leadKeys: leadKeys.get(str(activity.id)) ?? [],
            partnerKeys: activityPartnerKeys.get(str(activity.id)) ?? [],
            schedule: {
              ongoing: Boolean(activity.ongoing),
              startYear: numOrNull(activity.startYear),
              startQuarter: numOrNull(activity.startQuarter),
              endYear: numOrNull(activity.endYear),
            },
          })),
      })),
  }));

  const plan = rows.plan;
  return withHead(
    {
      id: head.id,
      createdAt: head.createdAt,
      published: head.published,
      version: head.version,
      predecessorId: head.predecessorId,
      title: str(plan.title),
      subtitle: strOrNull(plan.subtitle),
      municipalities: [],
      periodStart: num(plan.periodStart),
      periodEnd: num(plan.periodEnd),
      status: head.status,
      adoptedOn: head.adoptedOn,
      adoptions: [],
      catalogueEdition: str(plan.catalogueEdition),
      catalogueExclusions: rows.exclusions.map((row) => ({ code: str(row.catalogueThemeCode), reason: str(row.reason) })),
      summary: str(plan.summary),
      budgetNote: strOrNull(plan.budgetNote),
      goals: rows.goals.map((goal) => ({ key: str(goal.key), title: str(goal.title), description: str(goal.description) })),
      principles: rows.principles.map((row) => ({ key: str(row.key), name: str(row.name), description: str(row.description) })),
      fieldContexts: rows.fieldContexts.map((row) => ({ fieldNumber: num(row.fieldNumber), summary: str(row.summary) })),
      portfolioHolders: rows.holders.map((holder) => ({ id: str(holder.id), key: str(holder.key), name: str(holder.name) })),
      partners: rows.partners.map((partner) => ({
        id: str(partner.id),
        key: str(partner.key),
        name: str(partner.name),
        kind: partner.kind as Plan['partners'][number]['kind'],
        isCore: Boolean(partner.isCore),
        parentKey: partner.parentId ? (partnerKey.get(str(partner.parentId)) ?? null) : null,
        description: strOrNull(partner.description),
      })),
      indicators: rows.indicators.filter((row) => row.themeId === null).map(toIndicator),
      themes,
      meetings: rows.meetings.map((meeting) => ({
        key: str(meeting.key),
        name: str(meeting.name),
        cadence: str(meeting.cadence),
        description: str(meeting.description),
        partnerKeys: meetingPartnerKeys.get(str(meeting.id)) ?? [],
      })),
      accountability: rows.accountability.map((moment) => ({
        key: str(moment.key),
        name: str(moment.name),
        timing: str(moment.timing),
        audience: str(moment.audience),
        description: str(moment.description),
      })),
      frameworks: rows.frameworks.map((framework) => ({
        key: str(framework.key),
        name: str(framework.name),
        level: framework.level as Plan['frameworks'][number]['level'],
        description: str(framework.description),
      })),
    },
    head,
  );
}
