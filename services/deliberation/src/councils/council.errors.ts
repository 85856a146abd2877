import { DomainError, NotFoundError } from '@gongzhi/platform';
import type { PlaceKind } from '../organization-copy/territory.schema';
import type { SeatRole } from './council.schema';

export const CouncilErrors = {
  notFound: (id: string) => new NotFoundError('Council', id),
  meetingNotFound: (id: string) => new NotFoundError('Meeting', id),
  wrongPlace: (kind: string, needs: PlaceKind, given: PlaceKind) =>
    new DomainError('COUNCIL.WRONG_PLACE', `A ${kind} sits in a ${needs.toLowerCase()}, not a ${given.toLowerCase()}`, {
      kind,
      needs,
      given,
    }),
  seatsMissing: (kind: string, missing: SeatRole[][]) =>
    new DomainError(
      'COUNCIL.SEATS_MISSING',
      `A ${kind} needs a seat for ${missing.map((group) => group.join(' or ')).join(', and for ')}`,
      { kind, missing },
    ),
  agendaMotionElsewhere: (motionId: string) =>
    new DomainError('MEETING.MOTION_ELSEWHERE', `Motion ${motionId} is not deliberated in this council's community`, {
      motionId,
    }),
  agendaMotionEnded: (motionId: string, status: string) =>
    new DomainError(
      'MEETING.MOTION_ENDED',
      `Motion ${motionId} is ${status}: it has no step left, so no meeting takes it up (raise it afresh to discuss it again)`,
      { motionId, status },
    ),
  unknownSeat: (seatId: string) =>
    new DomainError('MEETING.UNKNOWN_SEAT', `Seat ${seatId} is not a seat of this council`, { seatId }),
  notYetDue: (id: string, scheduledAt: Date) =>
    new DomainError(
      'MEETING.NOT_YET_DUE',
      `Meeting ${id} is scheduled for ${scheduledAt.toISOString()}: it cannot be recorded as held before then (if it was brought forward, its convener records it with an override and the reason)`,
      { id, scheduledAt: scheduledAt.toISOString() },
    ),
  partnerWithoutAgreement: (partnerUnitId: string, communityId: string) =>
    new DomainError(
      'COUNCIL.PARTNER_WITHOUT_AGREEMENT',
      `Partner unit ${partnerUnitId} has no co-building agreement in force with community ${communityId}: only such a partner takes a seat there`,
      { partnerUnitId, communityId },
    ),
  alreadySeated: (partnerUnitId: string) =>
    new DomainError('SEAT.ALREADY_EXISTS', `Partner unit ${partnerUnitId} already holds a seat on this council`, {
      partnerUnitId,
    }),
  tooManySeats: (max: number) =>
    new DomainError('COUNCIL.TOO_MANY_SEATS', `A council has at most ${max} seats`, { max }),
  seatNotFound: (seatId: string) => new NotFoundError('Seat', seatId),
  motionNotOnAgenda: (motionId: string) =>
    new DomainError('MEETING.MOTION_NOT_ON_AGENDA', `Motion ${motionId} is not on this meeting's agenda`, { motionId }),
  alreadyHeld: (id: string) =>
    new DomainError('MEETING.ALREADY_HELD', `Meeting ${id} has already been held and minuted`, { id }),
};
