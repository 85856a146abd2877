import { Connection, Payload, StepConnection } from '@gongzhi/platform';
import { ObjectType } from '@nestjs/graphql';
import { CareSession, SessionBooking, SessionBookingStep } from './care-session.schema';

@ObjectType({ description: 'A page of sessions.' })
export class CareSessionConnection extends Connection(CareSession) {}

@ObjectType({ description: 'A page of places in sessions.' })
export class SessionBookingConnection extends Connection(SessionBooking) {}

@ObjectType({ description: "A page of a booking's status changes, oldest first." })
export class SessionBookingStepConnection extends StepConnection(SessionBookingStep) {}

@ObjectType({ description: 'The result of scheduleCareSession.' })
export class ScheduleCareSessionPayload extends Payload(
  'careSession',
  CareSession,
  'The session, open for bookings.',
) {}

@ObjectType({ description: 'The result of bookCareSession.' })
export class BookCareSessionPayload extends Payload(
  'sessionBooking',
  SessionBooking,
  'The booking: CONFIRMED with a place, or WAITLISTED with its place in line.',
) {}

@ObjectType({ description: 'The result of cancelSessionBooking.' })
export class CancelSessionBookingPayload extends Payload(
  'sessionBooking',
  SessionBooking,
  'The booking, cancelled; its place went to the first in line, if anyone waited.',
) {}

@ObjectType({ description: 'The result of shareCareSessionWithAlliance.' })
export class ShareCareSessionWithAlliancePayload extends Payload(
  'careSession',
  CareSession,
  'The session, now open to the residents of every member community.',
) {}

@ObjectType({ description: 'The result of withdrawCareSessionSharing.' })
export class WithdrawCareSessionSharingPayload extends Payload(
  'careSession',
  CareSession,
  'The session, open to its own community again; places already booked stand.',
) {}
