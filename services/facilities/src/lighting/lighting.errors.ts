import { DomainError, NotFoundError } from '@gongzhi/platform';
import { LampRenewalProjectAction } from './lamp-renewal-steps';
import { LampFaultAction, LampWorkOrderAction } from './lamp-steps';

export const LightingErrors = {
  lampNotFound: (id: string) => new NotFoundError('Lamp', id),
  faultNotFound: (id: string) => new NotFoundError('LampFault', id),
  workOrderNotFound: (id: string) => new NotFoundError('LampWorkOrder', id),
  renewalProjectNotFound: (id: string) => new NotFoundError('LampRenewalProject', id),
  assetNumberTaken: (assetNumber: string) =>
    new DomainError('LAMP.ALREADY_EXISTS', `Another lamp already has the asset number ${assetNumber}`, {
      assetNumber,
    }),
  alreadyReported: (faultId: string) =>
    new DomainError('LAMP_FAULT.ALREADY_EXISTS', 'This fault of this lamp is already reported and not yet resolved', {
      faultId,
    }),
  /** A step the fault's state machine does not allow now (lamp-steps.ts). */
  illegalFaultStep: (faultId: string, status: string, step: LampFaultAction) =>
    new DomainError(
      'LAMP_FAULT.ILLEGAL_STEP',
      step === LampFaultAction.ASSIGN_WORK_ORDER
        ? `Only an OPEN fault is given to a partner; this one is ${status}`
        : 'A department reports in only after the street has blown the whistle on an open fault, and only once',
      { faultId, status, step },
    ),
  /** The fault was not where its work order's step expected it: another step came first. */
  faultMovedOn: (faultId: string, to: string) =>
    new DomainError('LAMP_FAULT.ILLEGAL_STEP', `The fault moved on meanwhile: it cannot become ${to} now`, {
      faultId,
      status: to,
    }),
  alreadyAssigned: (faultId: string) =>
    new DomainError('LAMP_WORK_ORDER.ALREADY_EXISTS', 'The fault already has a work order', { faultId }),
  partnerNotInCommunity: (partnerUnitId: string) =>
    new DomainError(
      'LAMP_WORK_ORDER.INVALID_PARTNER',
      'The partner unit has no co-building agreement in force with this community',
      { partnerUnitId },
    ),
  /** Reassigning to the partner that holds the order already. */
  samePartner: (partnerUnitId: string) =>
    new DomainError('LAMP_WORK_ORDER.INVALID_PARTNER', 'The work order is already with this partner unit', {
      partnerUnitId,
    }),
  workOrderClosed: (id: string, step: LampWorkOrderAction) =>
    new DomainError('LAMP_WORK_ORDER.ILLEGAL_STEP', `The work order is already closed: it does not take ${step}`, {
      id,
      status: 'CLOSED',
      step,
    }),
  /** A step the renewal project's state machine does not allow now (lamp-renewal-steps.ts). */
  renewalIllegalStep: (id: string, status: string, step: LampRenewalProjectAction) =>
    new DomainError(
      'LAMP_RENEWAL_PROJECT.ILLEGAL_STEP',
      `The project is ${status}: it does not take ${step} now (see its nextSteps)`,
      { id, status, step },
    ),
  /** The contractor named has no co-building agreement in force with the project's community. */
  contractorNotInCommunity: (partnerUnitId: string) =>
    new DomainError(
      'LAMP_RENEWAL_PROJECT.INVALID_PARTNER',
      'The contractor must be a partner unit with a co-building agreement in force with this community',
      { partnerUnitId },
    ),
  /** Accepting while a lamp the project renews still has an open fault, without an override. */
  lampsStillFaulty: (id: string, assetNumbers: string[]) =>
    new DomainError(
      'LAMP_RENEWAL_PROJECT.LAMPS_STILL_FAULTY',
      `Lamps of the project are still faulty (${assetNumbers.join(', ')}): close their faults first, or accept with an override and its reason`,
      { id, assetNumbers },
    ),
};
