import { DomainError, NotFoundError } from '@gongzhi/platform';

export const LightingErrors = {
  lampNotFound: (id: string) => new NotFoundError('Lamp', id),
  faultNotFound: (id: string) => new NotFoundError('LampFault', id),
  workOrderNotFound: (id: string) => new NotFoundError('LampWorkOrder', id),
  assetNumberTaken: (assetNumber: string) =>
    new DomainError('LAMP.ASSET_NUMBER_TAKEN', `Another lamp already has the asset number ${assetNumber}`, {
      assetNumber,
    }),
  alreadyReported: (faultId: string) =>
    new DomainError('LAMP_FAULT.ALREADY_REPORTED', 'This fault of this lamp is already reported and not yet resolved', {
      faultId,
    }),
  faultClosed: (faultId: string) => new DomainError('LAMP_FAULT.CLOSED', 'The fault is already closed', { faultId }),
  alreadyAssigned: (faultId: string) =>
    new DomainError('LAMP_WORK_ORDER.ALREADY_ASSIGNED', 'The fault already has a work order', { faultId }),
  partnerNotInCommunity: (partnerUnitId: string) =>
    new DomainError(
      'LAMP_WORK_ORDER.PARTNER_NOT_IN_COMMUNITY',
      'The partner unit has no co-building agreement in force with this community',
      { partnerUnitId },
    ),
  workOrderClosed: (id: string) =>
    new DomainError('LAMP_WORK_ORDER.CLOSED', 'The work order is already closed', { id }),
  notWhistled: (faultId: string) =>
    new DomainError(
      'LAMP_FAULT.NOT_WHISTLED',
      'A department reports in only after the street has blown the whistle on the fault, and only once',
      { faultId },
    ),
};
