import type { Step } from '@gongzhi/platform';
import { type RoomBooking, RoomBookingStatus } from './room-booking.schema';

/** What may be done to a room booking. */
export enum RoomBookingAction {
  /** Free its slots (cancelRoomBooking). */
  CANCEL = 'CANCEL',
}

/** The statuses each action may be taken in; anything else is ROOM_BOOKING.ILLEGAL_STEP. */
export const ROOM_BOOKING_STEPS = {
  [RoomBookingAction.CANCEL]: [RoomBookingStatus.CONFIRMED],
} as const satisfies Record<RoomBookingAction, readonly RoomBookingStatus[]>;

/** A booking's status changes, oldest first, from the instants it records. */
export function roomBookingHistory(
  booking: Pick<RoomBooking, 'cancelledAt'> & { createdAt: Date },
): Step<RoomBookingStatus>[] {
  const steps: Step<RoomBookingStatus>[] = [{ status: RoomBookingStatus.CONFIRMED, at: booking.createdAt, note: null }];
  if (booking.cancelledAt) steps.push({ status: RoomBookingStatus.CANCELLED, at: booking.cancelledAt, note: null });
  return steps;
}
