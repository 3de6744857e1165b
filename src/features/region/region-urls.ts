/** The addresses of the regional view, made here only. */
import type { RegionKind } from '../../catalogue/regions.js';

export const regionChoiceUrl = () => '/regio';
export const regionUrl = (kind: RegionKind, key: string) => `/regio/${kind}/${key}`;
export const pickedRegionUrl = (codes: readonly string[]) => `/regio/eigen?gemeenten=${codes.join(',')}`;
