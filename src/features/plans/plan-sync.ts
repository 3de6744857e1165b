/**
 * Writes a plan's content into its tables by key, inside the caller's
 * transaction: an element whose key is new is inserted, one whose fields
 * differ is updated, one that is no longer in the content is ended
 * (`ended_version`), never deleted, and one whose key comes back is revived.
 * A new plan is the same operation on empty tables; an edit, a re-import of an
 * edited document and the withdrawal of a revision are too.
 *
 * Ids are fixed before anything is written (the stored id for a known key, a
 * fresh one for a new key), so every reference (a partner's parent, an
 * indicator's theme and goal, an activity's workstream) is known at once.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { IndicatorContent, PlanContent } from '../../domain/plan.js';

type KeyedTable =
  | 'planGoal'
  | 'planPrinciple'
  | 'portfolioHolder'
  | 'partner'
  | 'planTheme'
  | 'indicator'
  | 'workstream'
  | 'activity'
  | 'meeting'
  | 'accountabilityMoment'
  | 'policyFramework';

interface Desired {
  key: string;
  /** The columns the content decides (besides id, plan, key and ended_version). */
  row: Record<string, unknown>;
  /** Columns written only when the row is new (an indicator's lineage). */
  insertOnly?: Record<string, unknown>;
}

type StoredRow = { id: string; key: string; endedVersion: number | null } & Record<string, unknown>;

export interface SyncOptions {
  /** For a copy of an earlier plan: the lineage of each indicator key, so measurements continue. */
  lineageOf?: ReadonlyMap<string, string>;
}

export class PlanSync {
  private readonly stored = new Map<KeyedTable, Map<string, StoredRow>>();
  private readonly ids = new Map<KeyedTable, Map<string, string>>();
  /** The stored rows of each link table (those of the plan's themes, ended themes too, for the theme-scoped ones). */
  private readonly storedLinks = new Map<LinkTable, Record<string, unknown>[]>();
  /** The plan's own row as stored; undefined for a plan being inserted in this same transaction before its first sync. */
  private storedPlan: Record<string, unknown> | undefined;

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly planId: string,
    /** The version this write makes: what is ended now is ended from this version on. */
    private readonly version: number,
    private readonly options: SyncOptions = {},
  ) {}

  async apply(content: PlanContent): Promise<void> {
    await this.loadStored();
    this.assignIds(content);
    const { planId } = this;
    const fields = {
      title: content.title,
      subtitle: content.subtitle,
      periodStart: content.periodStart,
      periodEnd: content.periodEnd,
      catalogueEdition: content.catalogueEdition,
      summary: content.summary,
      budgetNote: content.budgetNote,
    };
    const stored = this.storedPlan;
    if (!stored || Object.entries(fields).some(([column, value]) => !sameValue(stored[column], value)))
      await this.trx.updateTable('plan').set(fields).where('id', '=', planId).execute();

    const allIndicators = [
      ...content.indicators.map((indicator) => ({ indicator, themeKey: null as string | null })),
      ...content.themes.flatMap((theme) => theme.indicators.map((indicator) => ({ indicator, themeKey: theme.key }))),
    ];
    const workstreams = content.themes.flatMap((theme) =>
      theme.workstreams.map((workstream, position) => ({ workstream, position, themeKey: theme.key })),
    );
    const activities = workstreams.flatMap(({ workstream }) =>
      workstream.activities.map((activity, position) => ({ activity, position, workstreamKey: workstream.key })),
    );

    await this.syncTable(
      'planGoal',
      content.goals.map((goal, position) => ({ key: goal.key, row: { position, title: goal.title, description: goal.description } })),
    );
    await this.syncTable(
      'portfolioHolder',
      content.portfolioHolders.map((holder, position) => ({ key: holder.key, row: { position, name: holder.name } })),
    );
    await this.syncTable(
      'partner',
      content.partners.map((partner, position) => ({
        key: partner.key,
        row: {
          position,
          name: partner.name,
          kind: partner.kind,
          isCore: partner.isCore,
          parentId: partner.parentKey ? this.idOf('partner', partner.parentKey) : null,
          description: partner.description,
        },
      })),
    );
    await this.syncTable(
      'planTheme',
      content.themes.map((theme, position) => ({
        key: theme.key,
        row: {
          position,
          kind: theme.kind,
          number: theme.number,
          paragraph: theme.paragraph,
          name: theme.name,
          summary: theme.summary,
          goal: theme.goal,
          qualitativeAssessment: theme.qualitativeAssessment,
          previousPlanNote: theme.previousPlanNote,
          outsideCatalogueReason: theme.outsideCatalogueReason,
        },
      })),
    );
    const positions = new Map<string | null, number>();
    await this.syncTable(
      'indicator',
      allIndicators.map(({ indicator, themeKey }) => {
        const position = positions.get(themeKey) ?? 0;
        positions.set(themeKey, position + 1);
        return this.indicatorRow(indicator, themeKey, position);
      }),
    );
    await this.syncTable(
      'workstream',
      workstreams.map(({ workstream, position, themeKey }) => ({
        key: workstream.key,
        row: { position, name: workstream.name, themeId: this.idOf('planTheme', themeKey) },
      })),
    );
    await this.syncTable(
      'activity',
      activities.map(({ activity, position, workstreamKey }) => ({
        key: activity.key,
        row: {
          position,
          workstreamId: this.idOf('workstream', workstreamKey),
          name: activity.name,
          description: activity.description,
          groupLabel: activity.groupLabel,
          quantity: activity.quantity?.value ?? null,
          quantityUnit: activity.quantity?.unit ?? null,
          cadence: activity.cadence,
          weight: activity.weight ?? null,
          ongoing: activity.schedule.ongoing,
          startYear: activity.schedule.startYear,
          startQuarter: activity.schedule.startQuarter,
          endYear: activity.schedule.endYear,
        },
      })),
    );
    await this.syncTable(
      'meeting',
      content.meetings.map((meeting, position) => ({
        key: meeting.key,
        row: { position, name: meeting.name, cadence: meeting.cadence, description: meeting.description },
      })),
    );
    await this.syncTable(
      'accountabilityMoment',
      content.accountability.map((moment, position) => ({
        key: moment.key,
        row: { position, name: moment.name, timing: moment.timing, audience: moment.audience, description: moment.description },
      })),
    );
    await this.syncTable(
      'policyFramework',
      content.frameworks.map((framework, position) => ({
        key: framework.key,
        row: { position, name: framework.name, level: framework.level, description: framework.description },
      })),
    );
    await this.syncTable(
      'planPrinciple',
      content.principles.map((principle, position) => ({
        key: principle.key,
        row: { position, name: principle.name, description: principle.description },
      })),
    );

    await this.syncLinks(
      'activityLead',
      ['activityId', 'portfolioHolderId'],
      activities.flatMap(({ activity }) =>
        activity.leadKeys.map((key, position) => ({
          planId,
          activityId: this.idOf('activity', activity.key),
          portfolioHolderId: this.idOf('portfolioHolder', key),
          position,
        })),
      ),
    );
    await this.syncLinks(
      'activityPartner',
      ['activityId', 'partnerId'],
      activities.flatMap(({ activity }) =>
        activity.partnerKeys.map((key, position) => ({
          planId,
          activityId: this.idOf('activity', activity.key),
          partnerId: this.idOf('partner', key),
          position,
        })),
      ),
    );
    await this.syncLinks(
      'meetingPartner',
      ['meetingId', 'partnerId'],
      content.meetings.flatMap((meeting) =>
        meeting.partnerKeys.map((key, position) => ({
          planId,
          meetingId: this.idOf('meeting', meeting.key),
          partnerId: this.idOf('partner', key),
          position,
        })),
      ),
    );
    await this.syncLinks(
      'planFieldContext',
      ['fieldNumber'],
      content.fieldContexts.map((context) => ({ planId, fieldNumber: context.fieldNumber, summary: context.summary })),
    );
    await this.syncLinks(
      'planCatalogueExclusion',
      ['catalogueThemeCode'],
      content.catalogueExclusions.map((exclusion, position) => ({
        planId,
        catalogueThemeCode: exclusion.code,
        position,
        reason: exclusion.reason,
      })),
    );
    const themeIds = [...(this.ids.get('planTheme')?.values() ?? [])];
    await this.syncLinks(
      'planThemeApproachLine',
      ['themeId', 'position'],
      content.themes.flatMap((theme) =>
        theme.approachLines.map((line, position) => ({
          themeId: this.idOf('planTheme', theme.key),
          position,
          title: line.title,
          description: line.description,
        })),
      ),
      themeIds,
    );
    await this.syncLinks(
      'planThemeCatalogueTheme',
      ['themeId', 'catalogueThemeCode'],
      content.themes.flatMap((theme) =>
        theme.catalogueThemeCodes.map((code, position) => ({
          themeId: this.idOf('planTheme', theme.key),
          catalogueThemeCode: code,
          position,
        })),
      ),
      themeIds,
    );
  }

  private indicatorRow(indicator: IndicatorContent, themeKey: string | null, position: number): Desired {
    const id = this.idOf('indicator', indicator.key);
    return {
      key: indicator.key,
      row: {
        position,
        themeId: themeKey === null ? null : this.idOf('planTheme', themeKey),
        goalId: indicator.goalKey ? this.idOf('planGoal', indicator.goalKey) : null,
        name: indicator.name,
        source: indicator.source,
        unit: indicator.unit,
        ageFrom: indicator.ageBand?.from ?? null,
        ageTo: indicator.ageBand?.to ?? null,
        seriesCode: indicator.seriesCode,
        baselineValue: indicator.baselineValue,
        baselineYear: indicator.baselineYear,
        targetComparison: indicator.targetComparison,
        targetValue: indicator.targetValue,
        targetYear: indicator.targetYear,
        binding: indicator.binding ? JSON.stringify(indicator.binding) : null,
      },
      insertOnly: { lineageId: this.options.lineageOf?.get(indicator.key) ?? id },
    };
  }

  /** Every stored row of the plan's keyed tables, ended ones too, in one query (each table as a JSON array). */
  private async loadStored(): Promise<void> {
    const tables: Record<KeyedTable, string> = {
      planGoal: 'plan_goal',
      planPrinciple: 'plan_principle',
      portfolioHolder: 'portfolio_holder',
      partner: 'partner',
      planTheme: 'plan_theme',
      indicator: 'indicator',
      workstream: 'workstream',
      activity: 'activity',
      meeting: 'meeting',
      accountabilityMoment: 'accountability_moment',
      policyFramework: 'policy_framework',
    };
    const links: Record<LinkTable, string> = {
      activityLead: 'activity_lead',
      activityPartner: 'activity_partner',
      meetingPartner: 'meeting_partner',
      planFieldContext: 'plan_field_context',
      planCatalogueExclusion: 'plan_catalogue_exclusion',
      planThemeApproachLine: 'plan_theme_approach_line',
      planThemeCatalogueTheme: 'plan_theme_catalogue_theme',
    };
    const entries = Object.entries(tables) as [KeyedTable, string][];
    const linkEntries = Object.entries(links) as [LinkTable, string][];
    const columns = [
      sql`(select row_to_json(p) from plan p where p.id = ${this.planId}) as plan`,
      ...entries.map(
        ([name, table]) =>
          sql`(select coalesce(json_agg(t), '[]'::json) from ${sql.table(table)} t where t.plan_id = ${this.planId}) as ${sql.ref(name)}`,
      ),
      ...linkEntries.map(([name, table]) =>
        THEME_SCOPED.has(name)
          ? sql`(select coalesce(json_agg(t), '[]'::json) from ${sql.table(table)} t
                  join plan_theme th on th.id = t.theme_id where th.plan_id = ${this.planId}) as ${sql.ref(name)}`
          : sql`(select coalesce(json_agg(t), '[]'::json) from ${sql.table(table)} t where t.plan_id = ${this.planId}) as ${sql.ref(name)}`,
      ),
    ];
    const result = await sql<
      Record<KeyedTable, StoredRow[]> & Record<LinkTable, Record<string, unknown>[]> & { plan: Record<string, unknown> | null }
    >`
      select ${sql.join(columns)}`.execute(this.trx);
    const rows = result.rows[0];
    this.storedPlan = rows?.plan ?? undefined;
    for (const [name] of entries) this.stored.set(name, new Map((rows?.[name] ?? []).map((row) => [row.key, row])));
    for (const [name] of linkEntries) this.storedLinks.set(name, rows?.[name] ?? []);
  }

  /** The id of every key the content names: the stored one, or a fresh one for a new key. */
  private assignIds(content: PlanContent): void {
    const keysOf: Record<KeyedTable, string[]> = {
      planGoal: content.goals.map((goal) => goal.key),
      planPrinciple: content.principles.map((principle) => principle.key),
      portfolioHolder: content.portfolioHolders.map((holder) => holder.key),
      partner: content.partners.map((partner) => partner.key),
      planTheme: content.themes.map((theme) => theme.key),
      indicator: [...content.indicators, ...content.themes.flatMap((theme) => theme.indicators)].map((indicator) => indicator.key),
      workstream: content.themes.flatMap((theme) => theme.workstreams.map((workstream) => workstream.key)),
      activity: content.themes.flatMap((theme) =>
        theme.workstreams.flatMap((workstream) => workstream.activities.map((activity) => activity.key)),
      ),
      meeting: content.meetings.map((meeting) => meeting.key),
      accountabilityMoment: content.accountability.map((moment) => moment.key),
      policyFramework: content.frameworks.map((framework) => framework.key),
    };
    for (const [table, keys] of Object.entries(keysOf) as [KeyedTable, string[]][]) {
      const stored = this.stored.get(table) ?? new Map<string, StoredRow>();
      this.ids.set(table, new Map(keys.map((key) => [key, stored.get(key)?.id ?? randomUUID()])));
    }
  }

  private idOf(table: KeyedTable, key: string): string {
    const id = this.ids.get(table)?.get(key);
    if (!id) throw new Error(`${table} "${key}" komt in dit plan niet voor`);
    return id;
  }

  private async syncTable(table: KeyedTable, desired: Desired[]): Promise<void> {
    const stored = this.stored.get(table) ?? new Map<string, StoredRow>();
    const inserts: Record<string, unknown>[] = [];
    for (const item of desired) {
      const existing = stored.get(item.key);
      if (!existing) {
        inserts.push({ id: this.idOf(table, item.key), planId: this.planId, key: item.key, ...item.row, ...item.insertOnly });
        continue;
      }
      const differs =
        existing.endedVersion !== null || Object.entries(item.row).some(([column, value]) => !sameValue(existing[column], value));
      if (differs)
        await this.trx
          .updateTable(table)
          .set({ ...item.row, endedVersion: null } as never)
          .where('id', '=', existing.id)
          .execute();
    }
    if (inserts.length > 0)
      await this.trx
        .insertInto(table)
        .values(inserts as never)
        .execute();
    const wanted = new Set(desired.map((item) => item.key));
    const ended = [...stored.values()].filter((row) => row.endedVersion === null && !wanted.has(row.key)).map((row) => row.id);
    if (ended.length > 0)
      await this.trx
        .updateTable(table)
        .set({ endedVersion: this.version } as never)
        .where('id', 'in', ended)
        .execute();
  }

  /**
   * Rows that belong to the elements and carry no history of their own
   * (links, approach lines, field contexts, exclusions): made equal to the
   * content, matched on `identity`. Scoped by plan, or by the plan's themes.
   */
  private async syncLinks<T extends LinkTable>(
    table: T,
    identity: string[],
    desired: Record<string, unknown>[],
    themeIds?: string[],
  ): Promise<void> {
    const ofThemes = new Set(themeIds);
    const existing = (this.storedLinks.get(table) ?? []).filter((row) => themeIds === undefined || ofThemes.has(String(row.themeId)));
    const idOf = (row: Record<string, unknown>) => identity.map((column) => String(row[column])).join('\u0000');
    const stored = new Map(existing.map((row) => [idOf(row), row]));
    const wanted = new Map(desired.map((row) => [idOf(row), row]));
    for (const [id, row] of stored) {
      if (wanted.has(id)) continue;
      let remove = this.trx.deleteFrom(table as LinkTable) as unknown as DeleteLike;
      for (const column of [...identity, ...(themeIds === undefined ? ['planId'] : [])]) remove = remove.where(column, '=', row[column]);
      await remove.execute();
    }
    const inserts: Record<string, unknown>[] = [];
    for (const [id, row] of wanted) {
      const old = stored.get(id);
      if (!old) {
        inserts.push(row);
        continue;
      }
      if (Object.entries(row).every(([column, value]) => sameValue(old[column], value))) continue;
      let update = this.trx.updateTable(table as LinkTable).set(row as never) as unknown as DeleteLike;
      for (const column of [...identity, ...(themeIds === undefined ? ['planId'] : [])]) update = update.where(column, '=', old[column]);
      await update.execute();
    }
    if (inserts.length > 0)
      await this.trx
        .insertInto(table as LinkTable)
        .values(inserts as never)
        .execute();
  }
}

type LinkTable =
  | 'activityLead'
  | 'activityPartner'
  | 'meetingPartner'
  | 'planFieldContext'
  | 'planCatalogueExclusion'
  | 'planThemeApproachLine'
  | 'planThemeCatalogueTheme';

/** The link tables whose rows belong to the plan's themes rather than to the plan itself. */
const THEME_SCOPED = new Set<LinkTable>(['planThemeApproachLine', 'planThemeCatalogueTheme']);

/** The narrow part of a Kysely delete or update builder the link sync needs. */
interface DeleteLike {
  where(column: string, operator: '=', value: unknown): DeleteLike;
  execute(): Promise<unknown>;
}

/** Equal as stored: numbers, booleans, text, and JSON (jsonb orders keys its own way) by canonical form. */
function sameValue(stored: unknown, wanted: unknown): boolean {
  if (stored === null || stored === undefined || wanted === null || wanted === undefined) return (stored ?? null) === (wanted ?? null);
  if (typeof stored === 'object') return canonical(stored) === canonical(typeof wanted === 'string' ? JSON.parse(wanted) : wanted);
  if (typeof stored === 'number' || typeof wanted === 'number') return Number(stored) === Number(wanted);
  return stored === wanted;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
