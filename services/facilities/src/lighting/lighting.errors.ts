import { DomainError, NotFoundError } from '@gongzhi/platform';
import { LampFaultAction, LampWorkOrderAction } from './lamp-steps';

export const LightingErrors = {
  lampNotFound: (id: string) => new NotFoundError('Lamp', id),
  faultNotFound: (id: string) => new NotFoundError('LampFault', id),
  workOrderNotFound: (id: string) => new NotFoundError('LampWorkOrder', id),
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
};
