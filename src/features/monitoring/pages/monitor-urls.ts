/** Addresses of the monitoring pages, in one place so links, form actions and routes cannot drift apart. */
import { dated } from '../../plans/pages/as-of.js';
import { planPath, withQuery } from '../../plans/pages/plan-urls.js';
import type { OpenDataService } from '../series.js';

/** The monitor's own path, without a date: for forms and for building other addresses. */
const monitorPath = (planId: string) => `${planPath(planId)}/monitor`;
/** The pages that show the plan keep the date of a page of the plan as of a date (see as-of.tsx); forms and files never do. */
export const monitorUrl = (planId: string) => dated(planId, monitorPath(planId));
export const refreshUrl = (planId: string) => `${monitorPath(planId)}/vernieuwen`;
export const jobUrl = (planId: string, jobId: string) => `${monitorPath(planId)}/taken/${encodeURIComponent(jobId)}`;
export const jobCancelUrl = (planId: string, jobId: string) => `${jobUrl(planId, jobId)}/annuleren`;
export const indicatorMonitorUrl = (planId: string, indicatorKey: string) =>
  dated(planId, `${monitorPath(planId)}/indicatoren/${encodeURIComponent(indicatorKey)}`);
/** Where the measurement form of an indicator posts to. */
export const indicatorFormUrl = (planId: string, indicatorKey: string) =>
  `${monitorPath(planId)}/indicatoren/${encodeURIComponent(indicatorKey)}`;
export const measurementFileUrl = (planId: string) => `${monitorPath(planId)}/metingen/bestand`;
export const templateUrl = (planId: string, format: 'csv' | 'xlsx') => `${monitorPath(planId)}/sjabloon.${format}`;
export const assessmentUrl = (planId: string, themeKey: string) =>
  `${monitorPath(planId)}/themas/${encodeURIComponent(themeKey)}/beoordeling`;
export const tacticalUrl = (planId: string, query: { soort?: string; gemeente?: string } = {}) =>
  dated(planId, withQuery(`${monitorPath(planId)}/tactisch`, query));
export const districtsUrl = (planId: string, query: { bron?: string; code?: string; jaar?: string; gemeente?: string } = {}) =>
  dated(planId, withQuery(`${monitorPath(planId)}/wijken`, query));
/** Where the BBV form posts to. */
export const bbvFormUrl = (planId: string) => `${monitorPath(planId)}/bbv`;
export const bbvUrl = (planId: string) => dated(planId, bbvFormUrl(planId));
export const monitorCsvUrl = (planId: string) => dated(planId, `${monitorPath(planId)}.csv`);
export const bbvCsvUrl = (planId: string) => dated(planId, `${bbvFormUrl(planId)}.csv`);
/** The figures per wijk as CSV, with the page's choice as query parameters. */
export const districtsCsvUrl = (planId: string, query: { bron?: string; code?: string; jaar?: string; gemeente?: string } = {}) =>
  dated(planId, withQuery(`${monitorPath(planId)}/wijken.csv`, query));

/** The anchor of an indicator's section on the monitor page. */
export const indicatorAnchor = (indicatorKey: string) => `indicator-${domId(indicatorKey)}`;
/** The anchor of a qualitative theme's section on the monitor page. */
export const themeAnchor = (themeKey: string) => `thema-${domId(themeKey)}`;

/** A key as a safe part of an HTML id (and of a chart's id prefix): letters, digits and hyphens only. */
export function domId(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/**
 * The official page of an open-data table, for readers to check a figure at
 * its source: the police's own portal for the third-party (police) tables,
 * CBS StatLine for the others.
 */
export function officialTableUrl(service: OpenDataService, table: string): string {
  const id = encodeURIComponent(table);
  return service === 'dataderden'
    ? `https://data.politie.nl/#/Politie/nl/dataset/${id}/table`
    : `https://opendata.cbs.nl/statline/#/CBS/nl/dataset/${id}/table`;
}
