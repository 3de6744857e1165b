/**
 * Writes the parts of one new plan inside the import transaction: every key of
 * the content (goal, lead, partner) becomes a fresh id, and rows are inserted
 * per table in batches.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { IndicatorContent, PlanContent } from '../../domain/plan.js';

export class PlanWriter {
  private readonly goalIds = new Map<string, string>();
  private readonly holderIds = new Map<string, string>();
  private readonly partnerIds = new Map<string, string>();

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly planId: string,
  ) {}

  private idOf(ids: Map<string, string>, key: string, what: string): string {
    const id = ids.get(key);
    if (!id) throw new Error(`${what} "${key}" is unknown in this plan`);
    return id;
  }

  async writeParts(content: PlanContent): Promise<void> {
    const { trx, planId } = this;
    for (const [position, municipality] of content.municipalities.entries()) {
      await trx
        .insertInto('municipality')
        .values({ id: randomUUID(), code: municipality.code, name: municipality.name })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      const { id } = await trx.selectFrom('municipality').select('id').where('code', '=', municipality.code).executeTakeFirstOrThrow();
      await trx.insertInto('planMunicipality').values({ planId, municipalityId: id, position }).execute();
    }
    await this.insertMany('planGoal', content.goals, (goal, position) => {
      const id = randomUUID();
      this.goalIds.set(goal.key, id);
      return { id, planId, key: goal.key, position, title: goal.title, description: goal.description };
    });
    await this.insertMany('planPrinciple', content.principles, (principle, position) => ({
      id: randomUUID(),
      planId,
      position,
      name: principle.name,
      description: principle.description,
    }));
    await this.insertMany('planFieldContext', content.fieldContexts, (context) => ({
      planId,
      fieldNumber: context.fieldNumber,
      summary: context.summary,
    }));
    await this.insertMany('portfolioHolder', content.portfolioHolders, (holder, position) => {
      const id = randomUUID();
      this.holderIds.set(holder.key, id);
      return { id, planId, key: holder.key, position, name: holder.name };
    });
    for (const partner of content.partners) this.partnerIds.set(partner.key, randomUUID());
    await this.insertMany('partner', content.partners, (partner, position) => ({
      id: this.idOf(this.partnerIds, partner.key, 'partner'),
      planId,
      key: partner.key,
      position,
      name: partner.name,
      kind: partner.kind,
      isCore: partner.isCore,
      parentId: partner.parentKey ? this.idOf(this.partnerIds, partner.parentKey, 'partner') : null,
      description: partner.description,
    }));
    await this.insertIndicators(content.indicators, null);
    for (const [position, theme] of content.themes.entries()) await this.insertTheme(theme, position);
    for (const [position, meeting] of content.meetings.entries()) {
      const id = randomUUID();
      await trx
        .insertInto('meeting')
        .values({ id, planId, position, name: meeting.name, cadence: meeting.cadence, description: meeting.description })
        .execute();
      await this.insertMany('meetingPartner', meeting.partnerKeys, (key, partnerPosition) => ({
        planId,
        meetingId: id,
        partnerId: this.idOf(this.partnerIds, key, 'partner'),
        position: partnerPosition,
      }));
    }
    await this.insertMany('accountabilityMoment', content.accountability, (moment, position) => ({
      id: randomUUID(),
      planId,
      position,
      ...moment,
    }));
    await this.insertMany('policyFramework', content.frameworks, (framework, position) => ({
      id: randomUUID(),
      planId,
      position,
      ...framework,
    }));
  }

  private async insertTheme(theme: PlanContent['themes'][number], position: number) {
    const { trx, planId } = this;
    const themeId = randomUUID();
    await trx
      .insertInto('planTheme')
      .values({
        id: themeId,
        planId,
        key: theme.key,
        position,
        kind: theme.kind,
        number: theme.number,
        paragraph: theme.paragraph,
        name: theme.name,
        summary: theme.summary,
        goal: theme.goal,
        qualitativeAssessment: theme.qualitativeAssessment,
        previousPlanNote: theme.previousPlanNote,
      })
      .execute();
    await this.insertMany('planThemeApproachLine', theme.approachLines, (line, linePosition) => ({
      themeId,
      position: linePosition,
      title: line.title,
      description: line.description,
    }));
    await this.insertMany('planThemeCatalogueTheme', theme.catalogueThemeCodes, (code, codePosition) => ({
      themeId,
      catalogueThemeCode: code,
      position: codePosition,
    }));
    await this.insertIndicators(theme.indicators, themeId);
    for (const [workstreamPosition, workstream] of theme.workstreams.entries()) {
      const workstreamId = randomUUID();
      await trx
        .insertInto('workstream')
        .values({ id: workstreamId, planId, themeId, position: workstreamPosition, name: workstream.name })
        .execute();
      const activityIds = workstream.activities.map(() => randomUUID());
      await this.insertMany('activity', workstream.activities, (activity, activityPosition) => ({
        id: activityIds[activityPosition] as string,
        planId,
        workstreamId,
        position: activityPosition,
        name: activity.name,
        description: activity.description,
        groupLabel: activity.groupLabel,
        quantity: activity.quantity?.value ?? null,
        quantityUnit: activity.quantity?.unit ?? null,
        cadence: activity.cadence,
        ongoing: activity.schedule.ongoing,
        startYear: activity.schedule.startYear,
        startQuarter: activity.schedule.startQuarter,
        endYear: activity.schedule.endYear,
      }));
      const leads = workstream.activities.flatMap((activity, index) =>
        activity.leadKeys.map((key, leadPosition) => ({
          planId,
          activityId: activityIds[index] as string,
          portfolioHolderId: this.idOf(this.holderIds, key, 'portfolio holder'),
          position: leadPosition,
        })),
      );
      const partners = workstream.activities.flatMap((activity, index) =>
        activity.partnerKeys.map((key, partnerPosition) => ({
          planId,
          activityId: activityIds[index] as string,
          partnerId: this.idOf(this.partnerIds, key, 'partner'),
          position: partnerPosition,
        })),
      );
      await this.insertMany('activityLead', leads, (row) => row);
      await this.insertMany('activityPartner', partners, (row) => row);
    }
  }

  private async insertIndicators(indicators: IndicatorContent[], themeId: string | null) {
    await this.insertMany('indicator', indicators, (indicator, position) => ({
      id: randomUUID(),
      planId: this.planId,
      themeId,
      goalId: indicator.goalKey ? this.idOf(this.goalIds, indicator.goalKey, 'goal') : null,
      key: indicator.key,
      position,
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
    }));
  }

  private async insertMany<T extends keyof Database & string, S>(
    table: T,
    source: readonly S[],
    toRow: (item: S, position: number) => object,
  ) {
    if (source.length === 0) return;
    await this.trx
      .insertInto(table)
      .values(source.map(toRow) as never)
      .execute();
  }
}
