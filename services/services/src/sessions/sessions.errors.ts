import { DomainError, NotFoundError } from '@gongzhi/platform';
import { bookingStepsFrom, SessionBookingAction, type SessionBookingStatus } from './care-session.schema';

export const SessionErrors = {
  notFound: (id: string) => new NotFoundError('CareSession', id),
  bookingNotFound: (id: string) => new NotFoundError('SessionBooking', id),
  itemOrderedNotBooked: (itemId: string) =>
    new DomainError('CARE_SESSION.ITEM_ON_REQUEST', 'This item is ordered one at a time, not run in sessions', {
      itemId,
    }),
  invalidTimes: () =>
    new DomainError('CARE_SESSION.INVALID_TIMES', 'A session ends after it starts, and starts in the future'),
  alreadyStarted: (id: string) =>
    new DomainError('CARE_SESSION.ALREADY_STARTED', 'The session has started: it takes no more bookings', { id }),
  allianceNotFound: (id: string) => new NotFoundError('Alliance', id),
  allianceWithoutSession: (allianceId: string) =>
    new DomainError(
      'CARE_SESSION.INVALID_ALLIANCE',
      'A session is opened only to an alliance its own community belongs to',
      { allianceId },
    ),
  alreadyExists: () =>
    new DomainError(
      'SESSION_BOOKING.ALREADY_EXISTS',
      'The resident already has a place, or a place in line, in this session',
    ),
  /** Only an open booking can be cancelled: one already cancelled can take no step. */
  illegalStep: (status: SessionBookingStatus) =>
    new DomainError('SESSION_BOOKING.ILLEGAL_STEP', `A ${status.toLowerCase()} booking cannot cancel: it is closed`, {
      status,
      action: SessionBookingAction.CANCEL,
      possibleActions: bookingStepsFrom(status),
    }),
};
