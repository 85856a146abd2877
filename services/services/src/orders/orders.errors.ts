import { DomainError, NotFoundError } from '@gongzhi/platform';

export const OrderErrors = {
  notFound: (id: string) => new NotFoundError('CareOrder', id),
  bookASession: (itemId: string) =>
    new DomainError(
      'CARE_ORDER.ITEM_RUNS_IN_SESSIONS',
      'This item runs in sessions: book a place in one instead of ordering it',
      { itemId },
    ),
  notYetDue: (scheduledFor: Date) =>
    new DomainError(
      'CARE_ORDER.NOT_YET_DUE',
      `The visit was scheduled for ${scheduledFor.toISOString()}: a visit logged as starting earlier cannot complete the order (move the visit, or the community office overrides with a reason)`,
      { scheduledFor: scheduledFor.toISOString() },
    ),
  invalidVolunteer: (volunteerId: string) =>
    new DomainError('CARE_ORDER.INVALID_VOLUNTEER', 'Only a volunteer the provider coordinates can be sent', {
      volunteerId,
    }),
};
