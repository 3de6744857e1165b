/** The only place where the regional view becomes API JSON. */
import type { z } from '@hono/zod-openapi';
import type { Region } from '../../catalogue/regions.js';
import { STATUS_NAMES as INDICATOR_STATUS_NAMES } from '../monitoring/monitoring.schema.js';
import { STATUS_NAMES as PLAN_STATUS_NAMES } from '../plans/plan-document.mapper.js';
import type { RegionSummaryResource, RegionViewResource } from './region.schema.js';
import type { RegionPlanTheme, RegionView, YearFigure } from './region-view.js';

export function toRegionSummary(region: Region): z.infer<typeof RegionSummaryResource> {
  return {
    soort: region.kind,
    sleutel: region.key,
    code: region.code,
    naam: region.name,
    politieEenheid: region.policeUnit,
    gemeenten: [...region.municipalities],
    href: `/api/v1/regios/${region.kind}/${region.key}`,
  };
}

const theme = (entry: RegionPlanTheme) => ({ sleutel: entry.key, naam: entry.name, kernbeleidThemas: entry.catalogueThemeCodes });
const figure = (entry: YearFigure) => ({
  jaar: entry.year,
  misdrijven: entry.crimes,
  inwoners: entry.population,
  perDuizendInwoners: entry.rate,
});

export function toRegionViewResource(view: RegionView): z.infer<typeof RegionViewResource> {
  return {
    regio: { soort: view.region.kind, sleutel: view.region.key, naam: view.region.name },
    gemeenten: view.municipalities.map((entry) => ({
      code: entry.code,
      naam: entry.name,
      plan: entry.plan?.id ?? null,
      oudereplannen: entry.earlierPlans,
    })),
    plannen: view.plans.map((plan) => ({
      id: plan.id,
      titel: plan.title,
      periode: { van: plan.periodStart, tot: plan.periodEnd },
      status: PLAN_STATUS_NAMES[plan.status],
      gemeenten: plan.municipalities.map((entry) => ({ code: entry.code, naam: entry.name })),
      prioriteiten: plan.themes.filter((entry) => entry.kind === 'priority').map(theme),
      strategischeThemas: plan.themes.filter((entry) => entry.kind === 'strategic').map(theme),
      indicatorstatussen: Object.fromEntries(
        plan.indicatorStatuses.map((entry) => [INDICATOR_STATUS_NAMES[entry.status], entry.count]),
      ) as z.infer<typeof RegionViewResource>['plannen'][number]['indicatorstatussen'],
      aantalIndicatoren: plan.indicatorCount,
      href: `/api/v1/plannen/${plan.id}`,
    })),
    gedeeldePrioriteiten: view.sharedPriorities.map((entry) => ({
      kernbeleidThema: entry.code,
      naam: entry.name,
      aantalPlannen: entry.planIds.length,
      plannen: entry.planIds,
    })),
    cijfers: {
      jaren: view.figures.years,
      gemeenten: view.figures.rows.map((row) => ({ code: row.code, naam: row.name, jaren: row.years.map(figure) })),
      regio: view.figures.total.map((entry) => ({ ...figure(entry), aantalGemeenten: entry.counted })),
    },
  };
}
