import type { Actor } from '@gongzhi/contracts';
import { currentActor, serviceOrRoleCovering } from '@gongzhi/platform';
import { CATALOGUE_CURATORS } from '../providers/providers.access';

/** The catalogue is public (residents order from it); the community office, or the street above it, keeps it. */
export function mayCurateCatalogueIn(communityId: string, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering({ communityId }, CATALOGUE_CURATORS, actor);
}
