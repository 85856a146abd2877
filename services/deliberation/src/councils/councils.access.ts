import { type Actor, type ApiKeyScope, grantsCovering, type Role } from '@gongzhi/contracts';
import { currentActor, jurisdictionFilter, partnerMay, serviceOrRoleCovering } from '@gongzhi/platform';
import { placeOf, type Situated } from '../organization-copy/territory';
import type { Seat } from './council.schema';

/**
 * Councils are formed, and their meetings scheduled and minuted, by the offices of the place: the community party
 * committee, the compound branch, the building group. Who reads them is who reads what is deliberated there
 * (shared/deliberation.access.ts) — and a partner unit seated on one, whose key takes part in councils: that council,
 * its meetings and the motions they take up, while its co-building agreement with the community is in force (the
 * gateway's grant lists only the communities of agreements in force, so an agreement that ends takes the access away).
 */
const CONVENERS: readonly Role[] = ['COMMUNITY_SECRETARY', 'COMPOUND_BRANCH_SECRETARY', 'BUILDING_GROUP_LEADER'];

export const TAKE_PART: ApiKeyScope = 'deliberation:councils:take-part';

export function mayConveneIn(place: Situated, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), CONVENERS, actor);
}

/** The org unit of the caller's grant that lets them convene there, recorded as the council's convener. */
export function convenerUnitIdIn(place: Situated, actor: Actor = currentActor()): string | null {
  return grantsCovering(actor, placeOf(place), CONVENERS)[0]?.orgUnitId ?? null;
}

/** The seat the calling partner holds on the council, when its key takes part there; else null. */
export function partnerSeatOn(
  council: Situated & { seats: readonly Seat[] },
  actor: Actor = currentActor(),
): Seat | null {
  if (!actor.partnerUnitId || !partnerMay(TAKE_PART, placeOf(council), actor)) return null;
  return council.seats.find((seat) => seat.partnerUnitId === actor.partnerUnitId) ?? null;
}

/** A filter for the councils the calling partner is seated on where it takes part; null for anyone else. */
export function seatedPartnerFilter(actor: Actor = currentActor()): Record<string, unknown> | null {
  if (actor.kind !== 'partner' || !actor.partnerUnitId || !actor.scopes.includes(TAKE_PART)) return null;
  const inForce = jurisdictionFilter(['PARTNER'], actor);
  return inForce && { $and: [inForce, { 'seats.partnerUnitId': actor.partnerUnitId }] };
}
