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
  alreadyHeld: (id: string) =>
    new DomainError('MEETING.ALREADY_HELD', `Meeting ${id} has already been held and minuted`, { id }),
};
