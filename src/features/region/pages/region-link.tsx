/** Links to the regional view: of the safety regions of a plan's municipalities, and to the choice of a region. */
import { safetyRegionOf } from '../../../catalogue/regions.js';
import type { MunicipalityRef } from '../../../domain/plan.js';
import { Link, Paragraph } from '../../../web/components.js';
import type { Messages } from '../../../web/messages.js';
import { regionChoiceUrl, regionUrl } from '../region-urls.js';

/** The regional view of the safety region (or regions, for a joint plan) a plan's municipalities are in. */
export function OwnRegionLinks({ m, municipalities }: { m: Messages; municipalities: readonly MunicipalityRef[] }) {
  const regions = [
    ...new Map(
      municipalities.flatMap((municipality) => {
        const region = safetyRegionOf(municipality.code);
        return region ? [[region.key, region] as const] : [];
      }),
    ).values(),
  ];
  if (regions.length === 0) return null;
  return (
    <Paragraph>
      {regions.map((region, index) => (
        <>
          {index > 0 ? m.common.listSeparator : ''}
          <Link href={regionUrl(region.kind, region.key)}>{m.region.ownRegionLink(region.name)}</Link>
        </>
      ))}
    </Paragraph>
  );
}

export function RegionChoiceLink({ m }: { m: Messages }) {
  return (
    <Paragraph>
      <Link href={regionChoiceUrl()}>{m.region.regionalLinkText}</Link>
    </Paragraph>
  );
}
