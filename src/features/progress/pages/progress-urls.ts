/** Addresses of the progress pages and forms, in one place so links and routes cannot drift apart. */
import { planPath, withQuery } from '../../plans/pages/plan-urls.js';

export const progressUrl = (planId: string, query: Record<string, string | undefined> = {}) =>
  withQuery(`${planPath(planId)}/voortgang`, query);
export const activityProgressUrl = (planId: string, periodKey: string, activityKey: string) =>
  `${planPath(planId)}/voortgang/${encodeURIComponent(periodKey)}/${encodeURIComponent(activityKey)}`;
export const reviewUrl = (planId: string, periodKey: string, activityKey: string) =>
  `${activityProgressUrl(planId, periodKey, activityKey)}/beoordeling`;
export const openRoundUrl = (planId: string) => `${planPath(planId)}/voortgang/rondes`;
export const closeRoundUrl = (planId: string, periodKey: string) =>
  `${planPath(planId)}/voortgang/rondes/${encodeURIComponent(periodKey)}/sluiten`;
export const remindUrl = (planId: string, periodKey: string) =>
  `${planPath(planId)}/voortgang/rondes/${encodeURIComponent(periodKey)}/herinneringen`;
export const themeJudgementUrl = (planId: string, themeKey: string) =>
  `${planPath(planId)}/voortgang/themas/${encodeURIComponent(themeKey)}/oordeel`;
export const frequencyUrl = (planId: string) => `${planPath(planId)}/voortgang/frequentie`;
export const statusesUrl = (planId: string) => `${planPath(planId)}/voortgang/statussen`;
export const myActionsUrl = () => '/mijn-acties';
