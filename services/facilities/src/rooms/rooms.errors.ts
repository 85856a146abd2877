import { DomainError, NotFoundError } from '@gongzhi/platform';

export const RoomErrors = {
  roomNotFound: (id: string) => new NotFoundError('Room', id),
  bookingNotFound: (id: string) => new NotFoundError('RoomBooking', id),
  alreadyExists: (name: string) =>
    new DomainError('ROOM.ALREADY_EXISTS', `The community already has a room called ${name}`, { name }),
  invalidOpeningHours: (problem: string) =>
    new DomainError('ROOM.INVALID_OPENING_HOURS', `Opening hours: ${problem}`, { problem }),
  notOnSlots: (slotMinutes: number) =>
    new DomainError(
      'ROOM_BOOKING.NOT_ON_SLOTS',
      `A booking starts and ends on the room's ${slotMinutes}-minute steps and lasts at least one`,
      { slotMinutes },
    ),
  tooLong: (maxBookingMinutes: number) =>
    new DomainError('ROOM_BOOKING.TOO_LONG', `One booking of this room lasts at most ${maxBookingMinutes} minutes`, {
      maxBookingMinutes,
    }),
  outsideOpeningHours: () =>
    new DomainError('ROOM_BOOKING.OUTSIDE_OPENING_HOURS', 'The room is not open for all of that time'),
  inThePast: () => new DomainError('ROOM_BOOKING.IN_THE_PAST', 'A booking starts in the future'),
  overCapacity: (capacity: number) =>
    new DomainError('ROOM_BOOKING.OVER_CAPACITY', `The room holds ${capacity} people`, { capacity }),
  slotTaken: () => new DomainError('ROOM_BOOKING.SLOT_TAKEN', 'Another booking already holds some of that time'),
  notOpenToCommunity: () =>
    new DomainError(
      'ROOM_BOOKING.NOT_OPEN_TO_YOUR_COMMUNITY',
      'The room is for residents of its own community and of the alliance (社区联盟) it is shared with, if any: your community is neither',
    ),
  allianceNotFound: (id: string) => new NotFoundError('Alliance', id),
  allianceWithoutRoom: (allianceId: string) =>
    new DomainError('ROOM.INVALID_ALLIANCE', 'A room is shared only with an alliance its own community belongs to', {
      allianceId,
    }),
  illegalStep: (id: string, action: string) =>
    new DomainError(
      'ROOM_BOOKING.ILLEGAL_STEP',
      `The booking's status does not allow ${action} now (it is already cancelled): see its nextSteps`,
      { id, action },
    ),
};
