/** Addresses of the edit pages, in one place so links, forms and routes cannot drift apart. */
import type { ElementKind } from '../../../domain/plan-elements.js';
import { ELEMENT_PATHS } from '../element-paths.js';
import { planUrl, withQuery } from '../pages/plan-urls.js';

export const startPlanUrl = () => '/plannen/nieuw';
export const editUrl = (planId: string) => `${planUrl(planId)}/bewerken`;
export const planFieldsUrl = (planId: string) => `${editUrl(planId)}/gegevens`;
export const reorderUrl = (planId: string) => `${editUrl(planId)}/volgorde`;
export const adoptUrl = (planId: string) => `${editUrl(planId)}/vaststellen`;
export const openRevisionUrl = (planId: string) => `${editUrl(planId)}/bijstelling-openen`;
export const revisionUrl = (planId: string) => `${editUrl(planId)}/bijstelling`;
export const applyRevisionUrl = (planId: string) => `${editUrl(planId)}/bijstelling-toepassen`;
export const withdrawRevisionUrl = (planId: string) => `${editUrl(planId)}/bijstelling-intrekken`;
export const closePlanUrl = (planId: string) => `${editUrl(planId)}/afsluiten`;

/** The form for a new element; `where` names the theme or workstream (or the kind of theme) it goes in. */
export const newElementUrl = (planId: string, kind: ElementKind, where: Record<string, string | undefined> = {}) =>
  withQuery(`${editUrl(planId)}/${ELEMENT_PATHS[kind]}/nieuw`, where);
export const elementUrl = (planId: string, kind: ElementKind, key: string) =>
  `${editUrl(planId)}/${ELEMENT_PATHS[kind]}/${encodeURIComponent(key)}`;
export const removeElementUrl = (planId: string, kind: ElementKind, key: string) => `${elementUrl(planId, kind, key)}/verwijderen`;

/** The id of an element on the edit page, to come back to after a form. */
export const elementAnchor = (kind: ElementKind, key: string) => `${ELEMENT_PATHS[kind]}-${key.replace(/[^a-z0-9-]/gi, '-')}`;
