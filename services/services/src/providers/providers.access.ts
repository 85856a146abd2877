import type { Actor, Place, Role } from '@gongzhi/contracts';
import { currentActor, serviceOrRoleCovering } from '@gongzhi/platform';

/**
 * Providers are public: residents choose whom to order from. The community office (or the street above it) signs up
 * partner units; volunteers are also signed up by the grid workers who know them.
 */
export const CATALOGUE_CURATORS: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_SECRETARY'];
const VOLUNTEER_RECRUITERS: readonly Role[] = [...CATALOGUE_CURATORS, 'GRID_WORKER'];

export function mayRegisterPartnerProviderIn(communityId: string, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering({ communityId }, CATALOGUE_CURATORS, actor);
}

export function mayRegisterVolunteerAt(place: Place, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(place, VOLUNTEER_RECRUITERS, actor);
}
