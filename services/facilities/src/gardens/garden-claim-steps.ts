import type { Step } from '@gongzhi/platform';
import { type GardenClaim, GardenClaimStatus } from './garden-claim.schema';

/** What may be done to a garden claim. */
export enum GardenClaimAction {
  /** Give the claim up or leave the waiting list (releaseGardenClaim). */
  RELEASE = 'RELEASE',
  /** Log watering, weeding… on the plot it holds (logGardenCare). */
  LOG_CARE = 'LOG_CARE',
}

/** The statuses each action may be taken in; anything else is GARDEN_CLAIM.ILLEGAL_STEP. */
export const GARDEN_CLAIM_STEPS = {
  [GardenClaimAction.RELEASE]: [GardenClaimStatus.WAITING, GardenClaimStatus.ACTIVE],
  [GardenClaimAction.LOG_CARE]: [GardenClaimStatus.ACTIVE],
} as const satisfies Record<GardenClaimAction, readonly GardenClaimStatus[]>;

/**
 * A claim's status changes, oldest first, from the instants it records: WAITING when it was made (left out when it
 * took a free plot at once), ACTIVE when it took the plot on, then RELEASED or LAPSED with the reason.
 */
export function gardenClaimHistory(
  claim: Pick<GardenClaim, 'status' | 'requestedAt' | 'activeSince' | 'endedAt' | 'endReason'>,
): Step<GardenClaimStatus>[] {
  const steps: Step<GardenClaimStatus>[] = [];
  if (claim.activeSince?.getTime() !== claim.requestedAt.getTime())
    steps.push({ status: GardenClaimStatus.WAITING, at: claim.requestedAt, note: null });
  if (claim.activeSince) steps.push({ status: GardenClaimStatus.ACTIVE, at: claim.activeSince, note: null });
  if (claim.endedAt) steps.push({ status: claim.status, at: claim.endedAt, note: claim.endReason });
  return steps;
}
