import type { Actor, Role } from '@gongzhi/contracts';
import { currentActor, serviceOrRoleCovering } from '@gongzhi/platform';
import { placeOf } from '../organization-copy/place';
import { livesIn } from '../organization-copy/territory.access';
import type { GardenClaim } from './garden-claim.schema';

/**
 * Plots, who holds them (a household, or a team by name), their covenants and care logs are public: a shared garden
 * is tended in the open. Which household holds one, and the waiting list, are for the managers and the household.
 */
const GARDEN_MANAGERS: readonly Role[] = [
  'STREET_STAFF',
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'GRID_WORKER',
];

type Placed = { communityId: unknown; compoundId?: unknown; buildingId?: unknown };
type Claim = Placed & Pick<GardenClaim, 'householdId' | 'claimedBy'>;

export function mayManageGardensAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), GARDEN_MANAGERS, actor);
}

/** Logging care and releasing: the household, the team's coordinator who claimed, and the managers. */
export function mayActOnClaim(claim: Claim, actor: Actor = currentActor()): boolean {
  const isClaimant = claim.householdId
    ? livesIn(claim.householdId, actor)
    : actor.kind === 'person' && actor.id === claim.claimedBy;
  return isClaimant || mayManageGardensAt(claim, actor);
}

export function mayReadClaimHousehold(claim: Claim, actor: Actor = currentActor()): boolean {
  return (claim.householdId !== null && livesIn(claim.householdId, actor)) || mayManageGardensAt(claim, actor);
}
