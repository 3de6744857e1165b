/** The only place where a stored plan becomes API JSON (Dutch field names). */
import type { z } from '@hono/zod-openapi';
import type { CatalogueEdition } from '../../catalogue/kernbeleid-veiligheid.js';
import type { ActivityRow } from '../../domain/activity-filter.js';
import { allActivities } from '../../domain/activity-filter.js';
import { buildCoverage, coverageCount } from '../../domain/coverage.js';
import type { Plan, PlanSummary, StoredIndicator, StoredPartner, StoredPortfolioHolder, StoredTheme } from '../../domain/plan.js';
import { scheduleLabel } from '../../domain/schedule.js';
import type {
  ActivityResource,
  CatalogueResource,
  CoverageResource,
  IndicatorResource,
  PartnerResource,
  PlanResource,
  PlanSummaryResource,
  PortfolioHolderResource,
  ThemeResource,
  ThemeSummaryResource,
} from './plan.schema.js';
import {
  activityToDocument,
  indicatorToDocument,
  partnerToDocument,
  planContentToDocument,
  STATUS_NAMES,
  THEME_KIND_NAMES,
  toContent,
} from './plan-document.mapper.js';

export function toPlanSummaryResource(plan: PlanSummary): z.infer<typeof PlanSummaryResource> {
  return {
    id: plan.id,
    titel: plan.title,
    gemeenten: plan.municipalities.map((municipality) => ({ code: municipality.code, naam: municipality.name })),
    periode: { van: plan.periodStart, tot: plan.periodEnd },
    status: STATUS_NAMES[plan.status],
    vastgesteldOp: plan.adoptedOn,
  };
}

export function toPlanResource(plan: Plan): z.infer<typeof PlanResource> {
  const document = planContentToDocument(toContent(plan)).plan;
  return {
    ...toPlanSummaryResource(plan),
    ondertitel: document.ondertitel,
    kernbeleidEditie: document.kernbeleidEditie,
    samenvatting: document.samenvatting,
    begroting: document.begroting,
    doelstellingen: document.doelstellingen,
    rodeDraden: document.rodeDraden,
    veldbeelden: document.veldbeelden,
    indicatoren: plan.indicators.map(toIndicatorResource),
    themas: plan.themes.map(toThemeSummaryResource),
    overleggen: document.overleggen,
    verantwoording: document.verantwoording,
    kaders: document.kaders,
  };
}

export function toIndicatorResource(indicator: StoredIndicator): z.infer<typeof IndicatorResource> {
  return { id: indicator.id, thema: indicator.themeKey, ...indicatorToDocument(indicator) };
}

export function toThemeSummaryResource(theme: StoredTheme): z.infer<typeof ThemeSummaryResource> {
  return {
    id: theme.id,
    sleutel: theme.key,
    soort: THEME_KIND_NAMES[theme.kind],
    nummer: theme.number,
    paragraaf: theme.paragraph,
    naam: theme.name,
    kernbeleidThemas: theme.catalogueThemeCodes,
  };
}

export function toThemeResource(theme: StoredTheme): z.infer<typeof ThemeResource> {
  return {
    ...toThemeSummaryResource(theme),
    samenvatting: theme.summary,
    hoofdlijnen: theme.approachLines.map((line) => ({ titel: line.title, omschrijving: line.description })),
    doelstelling: theme.goal,
    kwalitatieveBeoordeling: theme.qualitativeAssessment,
    wasWordt: theme.previousPlanNote,
    indicatoren: theme.indicators.map(toIndicatorResource),
    onderdelen: theme.workstreams.map((workstream) => ({
      id: workstream.id,
      naam: workstream.name,
      activiteiten: workstream.activities.map((activity) => toActivityResource({ activity, workstream, theme })),
    })),
  };
}

export function toActivityResource({ activity, workstream, theme }: ActivityRow): z.infer<typeof ActivityResource> {
  return {
    id: activity.id,
    thema: theme.key,
    onderdeel: workstream.name,
    ...activityToDocument(activity),
    planningOmschrijving: scheduleLabel(activity.schedule),
  };
}

const toActivityRef = ({ activity, theme }: ActivityRow) => ({ id: activity.id, naam: activity.name, thema: theme.key });

export function toPartnerResource(plan: Plan, partner: StoredPartner): z.infer<typeof PartnerResource> {
  return {
    id: partner.id,
    ...partnerToDocument(partner),
    activiteiten: allActivities(plan)
      .filter((row) => row.activity.partnerKeys.includes(partner.key))
      .map(toActivityRef),
  };
}

export function toPortfolioHolderResource(plan: Plan, holder: StoredPortfolioHolder): z.infer<typeof PortfolioHolderResource> {
  return {
    id: holder.id,
    sleutel: holder.key,
    naam: holder.name,
    activiteiten: allActivities(plan)
      .filter((row) => row.activity.leadKeys.includes(holder.key))
      .map(toActivityRef),
  };
}

export function toCoverageResource(plan: Plan): z.infer<typeof CoverageResource> {
  const coverage = buildCoverage(plan);
  const { covered, total } = coverageCount(coverage);
  return {
    gedekt: covered,
    totaal: total,
    velden: coverage.map(({ field, themes }) => ({
      nummer: field.number,
      naam: field.name,
      themas: themes.map(({ catalogueTheme, coveredBy, excludedBecause }) => ({
        code: catalogueTheme.code,
        naam: catalogueTheme.name,
        bewustWeggelaten: excludedBecause,
        gedektDoor: coveredBy.map((theme) => ({
          id: theme.themeId,
          sleutel: theme.themeKey,
          soort: THEME_KIND_NAMES[theme.kind],
          nummer: theme.number,
          naam: theme.name,
        })),
      })),
    })),
  };
}

export function toCatalogueResource(edition: CatalogueEdition): z.infer<typeof CatalogueResource> {
  const theme = (item: CatalogueEdition['themes'][number]) => ({ code: item.code, naam: item.name, toelichting: item.note });
  return {
    editie: edition.code,
    naam: edition.name,
    velden: edition.fields.map((field) => ({
      nummer: field.number,
      naam: field.name,
      themas: edition.themes.filter((item) => item.fieldNumber === field.number).map(theme),
    })),
    domeinoverstijgend: edition.themes.filter((item) => item.fieldNumber === null).map(theme),
  };
}
