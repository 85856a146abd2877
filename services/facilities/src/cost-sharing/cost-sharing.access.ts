import type { Actor, Role } from '@gongzhi/contracts';
import { currentActor, serviceOrRoleCovering } from '@gongzhi/platform';
import { placeOf } from '../organization-copy/place';
import type { CostShare, HouseholdCostShare } from './cost-share.schema';

/**
 * Who pays what towards a shared cost is for those who keep the ledger — the compound's branch, its owners' committee,
 * the community — and each household sees its own share. The totals are for them and the households sharing.
 */
const TREASURERS: readonly Role[] = ['COMMUNITY_SECRETARY', 'COMPOUND_BRANCH_SECRETARY', 'OWNERS_COMMITTEE_MEMBER'];

type Placed = { communityId: unknown; compoundId?: unknown };

export function mayKeepLedgerAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), TREASURERS, actor);
}

/** The share of the caller's own household, if it shares the cost. */
export function ownShare(
  costShare: Pick<CostShare, 'shares'>,
  actor: Actor = currentActor(),
): HouseholdCostShare | undefined {
  return actor.kind === 'person' && actor.householdId
    ? costShare.shares.find((share) => String(share.householdId) === actor.householdId)
    : undefined;
}

export function mayReadCostShare(
  costShare: Placed & Pick<CostShare, 'shares'>,
  actor: Actor = currentActor(),
): boolean {
  return mayKeepLedgerAt(costShare, actor) || ownShare(costShare, actor) !== undefined;
}
