import { Connection, Payload, StepTypes } from '@gongzhi/platform';
import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Room } from './room.schema';
import { RoomBooking, RoomBookingStatus } from './room-booking.schema';
import { RoomBookingAction } from './room-booking-steps';

registerEnumType(RoomBookingAction, {
  name: 'RoomBookingAction',
  description: 'A step that may be taken on a room booking.',
  valuesMap: { CANCEL: { description: 'Free its slots: cancelRoomBooking.' } },
});

@ObjectType({ description: 'A page of rooms.' })
export class RoomConnection extends Connection(Room) {}

@ObjectType({ description: 'A page of room bookings.' })
export class RoomBookingConnection extends Connection(RoomBooking) {}

export const { Step: RoomBookingStep, StepConnection: RoomBookingStepConnection } = StepTypes(
  'RoomBooking',
  RoomBookingStatus,
  'a room booking',
);

@ObjectType({ description: 'One slot of a room on a day, and whether it is still free.' })
export class RoomSlot {
  @Field({ description: 'When the slot starts.' })
  startsAt!: Date;

  @Field({ description: 'When the slot ends: its start plus the room’s slotMinutes.' })
  endsAt!: Date;

  @Field({ description: 'Whether no confirmed booking holds it.' })
  free!: boolean;
}

@ObjectType({ description: 'What registerRoom changed.' })
export class RegisterRoomPayload extends Payload('room', Room, 'The room registered.') {}

@ObjectType({ description: 'What bookRoom changed.' })
export class BookRoomPayload extends Payload('roomBooking', RoomBooking, 'The booking made, CONFIRMED.') {}

@ObjectType({ description: 'What cancelRoomBooking changed.' })
export class CancelRoomBookingPayload extends Payload(
  'roomBooking',
  RoomBooking,
  'The booking, CANCELLED; its slots are free again.',
) {}

@ObjectType({ description: 'What shareRoomWithAlliance changed.' })
export class ShareRoomWithAlliancePayload extends Payload('room', Room, 'The room, now shared with the alliance.') {}

@ObjectType({ description: 'What withdrawRoomSharing changed.' })
export class WithdrawRoomSharingPayload extends Payload(
  'room',
  Room,
  'The room, shared with no alliance; bookings already made stand.',
) {}
