import type { Actor, ApiKeyScope, Role } from '@gongzhi/contracts';
import { currentActor, isTrustedService, partnerMay, serviceOrRoleCovering } from '@gongzhi/platform';
import { placeOf } from '../organization-copy/place';
import type { RoomBooking } from './room-booking.schema';

/**
 * Rooms, their opening hours and which slots are free are public. Any signed-in person may book (the 党群会客厅 is
 * open to the whole neighbourhood); who booked what is for the booker, the managers of the room's place and
 * partners reading bookings in their communities.
 */

/** Putting rooms on the map and running their bookings. */
const ROOM_MANAGERS: readonly Role[] = [
  'STREET_STAFF',
  'COMMUNITY_SECRETARY',
  'COMPOUND_BRANCH_SECRETARY',
  'GRID_WORKER',
];
const BOOKINGS_READ: ApiKeyScope = 'facilities:bookings:read';

type Placed = { communityId: unknown; compoundId?: unknown; buildingId?: unknown };

export function mayManageRoomsAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), ROOM_MANAGERS, actor);
}

export function mayBook(actor: Actor = currentActor()): boolean {
  return actor.kind === 'person' || isTrustedService(actor);
}

/** All the bookings of a room: its managers and partners with facilities:bookings:read in its community. */
export function mayReadBookingsOf(room: Placed, actor: Actor = currentActor()): boolean {
  return mayManageRoomsAt(room, actor) || partnerMay(BOOKINGS_READ, placeOf(room), actor);
}

export function isBooker(booking: Pick<RoomBooking, 'bookedBy'>, actor: Actor = currentActor()): boolean {
  return actor.kind === 'person' && actor.id === booking.bookedBy;
}

export function mayReadBooking(
  booking: Placed & Pick<RoomBooking, 'bookedBy'>,
  actor: Actor = currentActor(),
): boolean {
  return isBooker(booking, actor) || mayReadBookingsOf(booking, actor);
}

/** Cancelling frees the slots: the booker, or the managers of the room. */
export function mayCancel(booking: Placed & Pick<RoomBooking, 'bookedBy'>, actor: Actor = currentActor()): boolean {
  return isBooker(booking, actor) || mayManageRoomsAt(booking, actor);
}
