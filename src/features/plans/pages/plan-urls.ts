/**
 * Addresses of the plan pages, in one place so links and routes cannot drift
 * apart. The pages that show the plan keep the date of a page of the plan as
 * of a date (see as-of.tsx); the others never carry one.
 */
import type { ElementKind } from '../../../domain/plan-elements.js';
import { ELEMENT_PATHS } from '../element-paths.js';
import { dated } from './as-of.js';

export const planListUrl = () => '/';
/** The plan's own path, without a date: for building other addresses. */
export const planPath = (planId: string) => `/plannen/${planId}`;
export const planUrl = (planId: string) => dated(planId, planPath(planId));
export const coverageUrl = (planId: string) => dated(planId, `${planPath(planId)}/dekking`);
export const themeUrl = (planId: string, themeId: string) => dated(planId, `${planPath(planId)}/themas/${themeId}`);
export const implementationUrl = (planId: string) => dated(planId, `${planPath(planId)}/uitvoeringsplan`);
/** The progress of the implementation plan (src/features/progress): never dated, progress has no history of the plan. */
export const progressPageUrl = (planId: string) => `${planPath(planId)}/voortgang`;
/** The budget of the plan (src/features/budget): never dated. */
export const budgetPageUrl = (planId: string) => `${planPath(planId)}/begroting`;
/** The progress reports of the plan (src/features/reports): never dated; a version has its own stable address. */
export const reportsPageUrl = (planId: string) => `${planPath(planId)}/rapportages`;
export const reportVersionUrl = (planId: string, year: number, number: number) => `${reportsPageUrl(planId)}/${year}/versies/${number}`;
export const reportFileUrl = (planId: string, year: number, number: number, format: string) =>
  `${reportVersionUrl(planId, year, number)}/bestand/${format}`;
export const reportTextsUrl = (planId: string, year: number, number: number) => `${reportVersionUrl(planId, year, number)}/teksten`;
export const reportFinaliseUrl = (planId: string, year: number, number: number) => `${reportVersionUrl(planId, year, number)}/definitief`;
/** The safety analysis of the plan's municipality (src/features/analysis): never dated. */
export const analysisPageUrl = (planId: string) => `${planPath(planId)}/analyse`;
/** Was/wordt of the plan against its predecessor (src/features/next-plan): never dated. */
/** How the plan's municipality stands beside similar ones (src/features/comparison): never dated. */
export const similarMunicipalitiesPageUrl = (planId: string) => `${planPath(planId)}/vergelijkbare-gemeenten`;
export const wasWordtPageUrl = (planId: string) => `${planPath(planId)}/was-wordt`;
/** Prioritisation towards the next plan (src/features/next-plan): never dated. */
export const prioritisationPageUrl = (planId: string) => `${planPath(planId)}/prioritering`;
export const reportJobUrl = (planId: string, jobId: string) => `${reportsPageUrl(planId)}/taken/${jobId}`;
export const partnersUrl = (planId: string) => dated(planId, `${planPath(planId)}/partners`);
export const partnerUrl = (planId: string, partnerKey: string) =>
  dated(planId, `${planPath(planId)}/partners/${encodeURIComponent(partnerKey)}`);
export const indicatorsUrl = (planId: string) => dated(planId, `${planPath(planId)}/indicatoren`);
/** The implementation plan as CSV, with the page's filter as query parameters. */
export const implementationCsvUrl = (planId: string, query: Record<string, string | undefined> = {}) =>
  dated(planId, withQuery(`${planPath(planId)}/uitvoeringsplan.csv`, query));
export const indicatorsCsvUrl = (planId: string) => dated(planId, `${planPath(planId)}/indicatoren.csv`);

/** The revisions of the plan, one revision, the adopted plan against the current one, and one element's history. */
export const revisionsUrl = (planId: string) => `${planPath(planId)}/bijstellingen`;
export const revisionUrl = (planId: string, number: number) => `${revisionsUrl(planId)}/${number}`;
export const comparisonUrl = (planId: string) => `${planPath(planId)}/vergelijking`;
export const elementHistoryUrl = (planId: string, kind: ElementKind, key: string) =>
  `${planPath(planId)}/wijzigingen/${ELEMENT_PATHS[kind]}/${encodeURIComponent(key)}`;

/** A path with the given query parameters; absent and empty values are left out. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
