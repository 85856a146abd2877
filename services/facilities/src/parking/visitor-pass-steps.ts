import type { Step } from '@gongzhi/platform';
import type { Types } from 'mongoose';
import { type VisitorPass, VisitorPassStatus } from './visitor-pass.schema';

/** What may be done to a visitor pass. */
export enum VisitorPassAction {
  /** Take the pass back before it expires (revokeVisitorPass). */
  REVOKE = 'REVOKE',
}

/** The statuses each action may be taken in; anything else is VISITOR_PASS.ILLEGAL_STEP. */
export const VISITOR_PASS_STEPS = {
  [VisitorPassAction.REVOKE]: [VisitorPassStatus.VALID],
} as const satisfies Record<VisitorPassAction, readonly VisitorPassStatus[]>;

type PassTimes = Pick<VisitorPass, 'validUntil' | 'revokedAt' | 'revokedReason' | 'issuedAt'> & {
  _id: Types.ObjectId;
};

/** The pass's status at `now`: revoked when it was, else expired once validUntil has passed. */
export function visitorPassStatus(pass: Pick<VisitorPass, 'validUntil' | 'revokedAt'>, now: Date): VisitorPassStatus {
  if (pass.revokedAt) return VisitorPassStatus.REVOKED;
  return pass.validUntil <= now ? VisitorPassStatus.EXPIRED : VisitorPassStatus.VALID;
}

/** Issued, then revoked with its reason or expired at validUntil, oldest first. */
export function visitorPassHistory(pass: PassTimes, now: Date): Step<VisitorPassStatus>[] {
  const steps: Step<VisitorPassStatus>[] = [
    { status: VisitorPassStatus.VALID, at: pass.issuedAt ?? pass._id.getTimestamp(), note: null },
  ];
  const status = visitorPassStatus(pass, now);
  if (status === VisitorPassStatus.REVOKED) steps.push({ status, at: pass.revokedAt!, note: pass.revokedReason });
  else if (status === VisitorPassStatus.EXPIRED) steps.push({ status, at: pass.validUntil, note: null });
  return steps;
}
