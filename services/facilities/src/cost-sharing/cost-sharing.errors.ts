import { DomainError, NotFoundError } from '@gongzhi/platform';

export const CostSharingErrors = {
  notFound: (id: string) => new NotFoundError('CostShare', id),
  householdListedTwice: (householdId: string) =>
    new DomainError('COST_SHARE.INVALID_HOUSEHOLDS', 'A household is listed more than once', { householdId }),
  floorAreaNotRegistered: (householdId: string) =>
    new DomainError(
      'COST_SHARE.INVALID_FLOOR_AREA',
      'The property register gives no floor area for this household: the cost cannot be split by floor area',
      { householdId },
    ),
  noHouseholds: () =>
    new DomainError('COST_SHARE.INVALID_HOUSEHOLDS', 'The compound has no registered household to share the cost'),
  tooManyHouseholds: (max: number) =>
    new DomainError('COST_SHARE.INVALID_HOUSEHOLDS', `A cost is shared by at most ${max} households`, { max }),
  householdNotInCompound: (householdId: string) =>
    new DomainError('COST_SHARE.INVALID_HOUSEHOLD', 'The household does not live in this compound', {
      householdId,
    }),
  notSharing: (householdId: string) =>
    new DomainError('COST_SHARE.INVALID_HOUSEHOLD', 'The household has no share of this cost', { householdId }),
  overpaid: (outstandingFen: number) =>
    new DomainError('COST_SHARE.INVALID_AMOUNT', `The household owes ${outstandingFen} fen: a payment cannot be more`, {
      outstandingFen,
    }),
  changedMeanwhile: () =>
    new DomainError(
      'COST_SHARE.CHANGED_MEANWHILE',
      'Another payment was recorded for this household at the same moment; look again and retry',
    ),
};
