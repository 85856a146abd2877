import { type Actor, grantsCovering, type Role } from '@gongzhi/contracts';
import { currentActor, serviceOrRoleCovering } from '@gongzhi/platform';
import { placeOf, type Situated } from '../organization-copy/territory';

/**
 * Councils are formed, and their meetings scheduled and minuted, by the offices of the place: the community party
 * committee, the compound branch, the building group. Who reads them is who reads what is deliberated there
 * (shared/deliberation.access.ts).
 */
const CONVENERS: readonly Role[] = ['COMMUNITY_SECRETARY', 'COMPOUND_BRANCH_SECRETARY', 'BUILDING_GROUP_LEADER'];

export function mayConveneIn(place: Situated, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), CONVENERS, actor);
}

/** The org unit of the caller's grant that lets them convene there, recorded as the council's convener. */
export function convenerUnitIdIn(place: Situated, actor: Actor = currentActor()): string | null {
  return grantsCovering(actor, placeOf(place), CONVENERS)[0]?.orgUnitId ?? null;
}
