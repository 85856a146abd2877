import { DomainError, NotFoundError } from '@gongzhi/platform';

export const SessionErrors = {
  notFound: (id: string) => new NotFoundError('CareSession', id),
  bookingNotFound: (id: string) => new NotFoundError('SessionBooking', id),
  itemOrderedNotBooked: (itemId: string) =>
    new DomainError('CARE_SESSION.ITEM_ON_REQUEST', 'This item is ordered one at a time, not run in sessions', {
      itemId,
    }),
  timesInvalid: () =>
    new DomainError('CARE_SESSION.TIMES_INVALID', 'A session ends after it starts, and starts in the future'),
  alreadyStarted: (id: string) =>
    new DomainError('CARE_SESSION.ALREADY_STARTED', 'The session has started: it takes no more bookings', { id }),
  alreadyBooked: () =>
    new DomainError(
      'SESSION_BOOKING.ALREADY_BOOKED',
      'The resident already has a place, or a place in line, in this session',
    ),
  alreadyCancelled: (id: string) =>
    new DomainError('SESSION_BOOKING.ALREADY_CANCELLED', `Booking ${id} is already cancelled`, { id }),
};
