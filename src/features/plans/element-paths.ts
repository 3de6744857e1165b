/**
 * The Dutch path segment of each kind of plan element, the same in the API
 * (/api/v1/plannen/{id}/activiteiten/{sleutel}) and in the pages
 * (/plannen/{id}/bewerken/activiteiten/{sleutel}).
 */
import type { ElementKind } from '../../domain/plan-elements.js';

export const ELEMENT_PATHS = {
  goal: 'doelstellingen',
  principle: 'rode-draden',
  fieldContext: 'veldbeelden',
  portfolioHolder: 'trekkers',
  partner: 'partners',
  indicator: 'indicatoren',
  theme: 'themas',
  workstream: 'onderdelen',
  activity: 'activiteiten',
  meeting: 'overleggen',
  accountability: 'verantwoording',
  framework: 'kaders',
  catalogueExclusion: 'bewust-weggelaten',
} as const satisfies Record<ElementKind, string>;

export type ElementPath = (typeof ELEMENT_PATHS)[ElementKind];

/** The kind of element a path segment names, or undefined. */
export function kindOfPath(segment: string): ElementKind | undefined {
  return (Object.entries(ELEMENT_PATHS) as [ElementKind, string][]).find(([, path]) => path === segment)?.[0];
}
