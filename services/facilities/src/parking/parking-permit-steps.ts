import type { Step } from '@gongzhi/platform';
import { type ParkingPermit, ParkingPermitStatus } from './parking-permit.schema';

/** What may be done to one parking permit (granting is an allocation of the whole lot: allocateParkingPermits). */
export enum ParkingPermitAction {
  /** Take the permit back and free its space (revokeParkingPermit). */
  REVOKE = 'REVOKE',
}

/** The statuses each action may be taken in; anything else is PARKING_PERMIT.ILLEGAL_STEP. */
export const PARKING_PERMIT_STEPS = {
  [ParkingPermitAction.REVOKE]: [ParkingPermitStatus.ACTIVE],
} as const satisfies Record<ParkingPermitAction, readonly ParkingPermitStatus[]>;

/** A permit's status changes, oldest first, from the instants it records: applied, granted, revoked with the reason. */
export function parkingPermitHistory(
  permit: Pick<ParkingPermit, 'appliedAt' | 'grantedAt' | 'revokedAt' | 'revokedReason' | 'status'>,
): Step<ParkingPermitStatus>[] {
  const steps: Step<ParkingPermitStatus>[] = [
    { status: ParkingPermitStatus.WAITING, at: permit.appliedAt, note: null },
  ];
  if (permit.grantedAt) steps.push({ status: ParkingPermitStatus.ACTIVE, at: permit.grantedAt, note: null });
  if (permit.status === ParkingPermitStatus.REVOKED) {
    // Permits revoked before revokedAt was recorded show the last instant known.
    const at = permit.revokedAt ?? permit.grantedAt ?? permit.appliedAt;
    steps.push({ status: ParkingPermitStatus.REVOKED, at, note: permit.revokedReason });
  }
  return steps;
}
