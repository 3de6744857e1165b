/**
 * Plans in the database: a whole plan is written in one go (import) and read
 * in one go (every page and resource is a view of it). The only file of the
 * feature that speaks SQL.
 */
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { MunicipalityRef, Plan, PlanContent, PlanSummary, StoredIndicator, StoredTheme } from '../../domain/plan.js';
import type { PlanScope } from '../accounts/access.policy.js';
import type { IndicatorBinding } from '../monitoring/series.js';
import { PlanWriter } from './plan-writer.js';

export class PlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

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

  /** The ids of the municipalities a plan belongs to (for authorisation). */
  async municipalityIdsOfPlan(planId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('planMunicipality').select('municipalityId').where('planId', '=', planId).execute();
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

  /**
   * Writes a whole plan in one transaction (the caller's, or one of its own)
   * and returns its id. The content must have been validated.
   */
  async insertPlan(content: PlanContent): Promise<string> {
    if (!this.db.isTransaction) return this.db.transaction().execute((trx) => new PlanRepository(trx).insertPlan(content));
    {
      const trx = this.db;
      const planId = randomUUID();
      await trx
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
        })
        .execute();
      await new PlanWriter(trx, planId).writeParts(content);
      return planId;
    }
  }

  async findPlan(planId: string, scope: PlanScope): Promise<Plan | undefined> {
    const plan = await this.db
      .selectFrom('plan')
      .selectAll()
      .where('id', '=', planId)
      .where((eb) => this.inScope(eb, scope))
      .executeTakeFirst();
    if (!plan) return undefined;
    const [municipalities, goals, principles, fieldContexts, holders, partners, themes, indicators, workstreams, activities] =
      await Promise.all([
        this.municipalitiesByPlan([planId]),
        this.db.selectFrom('planGoal').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('planPrinciple').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('planFieldContext').selectAll().where('planId', '=', planId).orderBy('fieldNumber').execute(),
        this.db.selectFrom('portfolioHolder').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('partner').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('planTheme').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('indicator').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('workstream').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('activity').selectAll().where('planId', '=', planId).orderBy('position').execute(),
      ]);
    const themeIds = themes.map((theme) => theme.id);
    const [approachLines, catalogueLinks, leads, activityPartners, meetings, meetingPartners, accountability, frameworks] =
      await Promise.all([
        themeIds.length
          ? this.db.selectFrom('planThemeApproachLine').selectAll().where('themeId', 'in', themeIds).orderBy('position').execute()
          : [],
        themeIds.length
          ? this.db.selectFrom('planThemeCatalogueTheme').selectAll().where('themeId', 'in', themeIds).orderBy('position').execute()
          : [],
        this.db.selectFrom('activityLead').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('activityPartner').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('meeting').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('meetingPartner').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('accountabilityMoment').selectAll().where('planId', '=', planId).orderBy('position').execute(),
        this.db.selectFrom('policyFramework').selectAll().where('planId', '=', planId).orderBy('position').execute(),
      ]);

    const goalKey = new Map(goals.map((goal) => [goal.id, goal.key]));
    const holderKey = new Map(holders.map((holder) => [holder.id, holder.key]));
    const partnerKey = new Map(partners.map((partner) => [partner.id, partner.key]));
    const themeKey = new Map(themes.map((theme) => [theme.id, theme.key]));
    const keysOf = <R>(rows: R[], ownerOf: (row: R) => string, keyOf: (row: R) => string | undefined) => {
      const grouped = new Map<string, string[]>();
      for (const row of rows) grouped.set(ownerOf(row), [...(grouped.get(ownerOf(row)) ?? []), keyOf(row) ?? '?']);
      return grouped;
    };
    const leadKeys = keysOf(
      leads,
      (row) => row.activityId,
      (row) => holderKey.get(row.portfolioHolderId),
    );
    const partnerKeys = keysOf(
      activityPartners,
      (row) => row.activityId,
      (row) => partnerKey.get(row.partnerId),
    );
    const meetingPartnerKeys = keysOf(
      meetingPartners,
      (row) => row.meetingId,
      (row) => partnerKey.get(row.partnerId),
    );

    const toIndicator = (row: (typeof indicators)[number]): StoredIndicator => ({
      id: row.id,
      key: row.key,
      themeKey: row.themeId ? (themeKey.get(row.themeId) ?? null) : null,
      name: row.name,
      source: row.source,
      unit: row.unit,
      ageBand: row.ageFrom !== null && row.ageTo !== null ? { from: row.ageFrom, to: row.ageTo } : null,
      seriesCode: row.seriesCode,
      goalKey: row.goalId ? (goalKey.get(row.goalId) ?? null) : null,
      baselineValue: row.baselineValue,
      baselineYear: row.baselineYear,
      targetComparison: row.targetComparison,
      targetValue: row.targetValue,
      targetYear: row.targetYear,
      binding: (row.binding as IndicatorBinding | null) ?? null,
    });

    const storedThemes: StoredTheme[] = themes.map((theme) => ({
      id: theme.id,
      key: theme.key,
      kind: theme.kind,
      number: theme.number,
      paragraph: theme.paragraph,
      name: theme.name,
      catalogueThemeCodes: catalogueLinks.filter((link) => link.themeId === theme.id).map((link) => link.catalogueThemeCode),
      summary: theme.summary,
      approachLines: approachLines
        .filter((line) => line.themeId === theme.id)
        .map((line) => ({ title: line.title, description: line.description })),
      goal: theme.goal,
      qualitativeAssessment: theme.qualitativeAssessment,
      previousPlanNote: theme.previousPlanNote,
      indicators: indicators.filter((row) => row.themeId === theme.id).map(toIndicator),
      workstreams: workstreams
        .filter((workstream) => workstream.themeId === theme.id)
        .map((workstream) => ({
          id: workstream.id,
          name: workstream.name,
          activities: activities
            .filter((activity) => activity.workstreamId === workstream.id)
            .map((activity) => ({
              id: activity.id,
              name: activity.name,
              description: activity.description,
              groupLabel: activity.groupLabel,
              quantity:
                activity.quantity !== null && activity.quantityUnit !== null
                  ? { value: activity.quantity, unit: activity.quantityUnit }
                  : null,
              cadence: activity.cadence,
              leadKeys: leadKeys.get(activity.id) ?? [],
              partnerKeys: partnerKeys.get(activity.id) ?? [],
              schedule: {
                ongoing: activity.ongoing,
                startYear: activity.startYear,
                startQuarter: activity.startQuarter,
                endYear: activity.endYear,
              },
            })),
        })),
    }));

    return {
      id: plan.id,
      createdAt: plan.createdAt,
      published: plan.published,
      title: plan.title,
      subtitle: plan.subtitle,
      municipalities: municipalities.get(planId) ?? [],
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      status: plan.status,
      adoptedOn: plan.adoptedOn,
      catalogueEdition: plan.catalogueEdition,
      summary: plan.summary,
      budgetNote: plan.budgetNote,
      goals: goals.map((goal) => ({ key: goal.key, title: goal.title, description: goal.description })),
      principles: principles.map((principle) => ({ name: principle.name, description: principle.description })),
      fieldContexts: fieldContexts.map((context) => ({ fieldNumber: context.fieldNumber, summary: context.summary })),
      portfolioHolders: holders.map((holder) => ({ id: holder.id, key: holder.key, name: holder.name })),
      partners: partners.map((partner) => ({
        id: partner.id,
        key: partner.key,
        name: partner.name,
        kind: partner.kind,
        isCore: partner.isCore,
        parentKey: partner.parentId ? (partnerKey.get(partner.parentId) ?? null) : null,
        description: partner.description,
      })),
      indicators: indicators.filter((row) => row.themeId === null).map(toIndicator),
      themes: storedThemes,
      meetings: meetings.map((meeting) => ({
        name: meeting.name,
        cadence: meeting.cadence,
        description: meeting.description,
        partnerKeys: meetingPartnerKeys.get(meeting.id) ?? [],
      })),
      accountability: accountability.map((moment) => ({
        name: moment.name,
        timing: moment.timing,
        audience: moment.audience,
        description: moment.description,
      })),
      frameworks: frameworks.map((framework) => ({ name: framework.name, level: framework.level, description: framework.description })),
    };
  }
}
