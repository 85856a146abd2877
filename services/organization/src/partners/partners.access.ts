import type { Actor } from '@gongzhi/contracts';
import { currentActor, holdsRole, isTrustedService, serviceOrRoleCovering } from '@gongzhi/platform';

/**
 * Partner units, their agreements, the resources they offer and the needs they raise are public (亮资源、提需求).
 * The street registers partners; an agreement is signed by the community it is with, or by the street above it.
 */
export function mayRegisterPartners(actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || holdsRole(['STREET_STAFF'], actor);
}

export function maySignAgreementsIn(communityId: string, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering({ communityId }, ['COMMUNITY_SECRETARY', 'STREET_STAFF'], actor);
}
