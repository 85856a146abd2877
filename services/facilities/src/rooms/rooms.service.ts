import { roomBooked, roomBookingCancelled, roomSharedWithAlliance, roomSharingEnded } from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  childConnection,
  currentActor,
  groupByKeys,
  loadById,
  OutboxPublisher,
  paginate,
  refuseDuplicates,
  type RequestLoaders,
  withTransaction,
  allowedSteps,
} from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type Connection, type Model, type QueryFilter, Types } from 'mongoose';
import { Clock } from '@gongzhi/platform';
import { AlliancesCopy, endSharingsWith, setAllianceSharing, type SharingEvents } from '@gongzhi/platform';
import type { PlaceIds } from '../organization-copy/place';
import type { InPlaceArgs } from '../organization-copy/place.inputs';
import { TerritoryService } from '../organization-copy/territory.service';
import { Room, type RoomDocument } from './room.schema';
import { mayManageRoomsAt } from './rooms.access';
import { RoomBooking, type RoomBookingDocument, RoomBookingStatus } from './room-booking.schema';
import { RoomBookingAction, ROOM_BOOKING_STEPS } from './room-booking-steps';
import { RoomErrors } from './rooms.errors';
import type { BookRoomInput, RegisterRoomInput, RoomBookingsArgs } from './rooms.inputs';
import { bookedSlots, openingHoursProblem, slotsOfDay } from './slots';

const DAY_MS = 24 * 3600 * 1000;
const BY_NAME = { sortBy: 'name' } as const;

/** Rooms and their bookings, which never overlap: the database refuses a second booking of any slot. */
@Injectable()
export class RoomsService implements OnModuleInit {
  constructor(
    @InjectModel(Room.name) readonly rooms: Model<Room>,
    @InjectModel(RoomBooking.name) readonly bookings: Model<RoomBooking>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
    private readonly alliances: AlliancesCopy,
  ) {}

  /** What sharing a room with an alliance, and ending it, tells the other subgraphs. */
  private readonly sharingEvents: SharingEvents = {
    shared: (room, allianceId, session) =>
      this.outbox.record(
        roomSharedWithAlliance,
        { roomId: String(room._id), communityId: String(room.communityId), allianceId: String(allianceId) },
        { session },
      ),
    ended: (room, allianceId, cause, session) =>
      this.outbox.record(
        roomSharingEnded,
        { roomId: String(room._id), communityId: String(room.communityId), allianceId: String(allianceId), cause },
        { session },
      ),
  };

  onModuleInit(): void {
    // A dissolved alliance shares nothing: its rooms are their community's alone again; bookings made stand.
    this.alliances.afterDissolved((allianceId, session) =>
      endSharingsWith(this.rooms, allianceId, this.sharingEvents, session),
    );
  }

  register({ placeId: _placeId, ...input }: RegisterRoomInput, place: PlaceIds) {
    const problem =
      openingHoursProblem(input.openingHours, input.slotMinutes) ??
      (input.maxBookingMinutes % input.slotMinutes
        ? `the longest booking is not a whole number of ${input.slotMinutes}-minute slots`
        : null);
    if (problem) throw RoomErrors.invalidOpeningHours(problem);
    const { communityId, compoundId, buildingId } = place;
    return refuseDuplicates(
      () => this.rooms.create({ ...input, communityId, compoundId, buildingId }),
      () => RoomErrors.alreadyExists(input.name),
    );
  }

  async book(room: RoomDocument, input: BookRoomInput) {
    if (input.startsAt <= this.clock.now()) throw RoomErrors.inThePast();
    if (input.attendees > room.capacity) throw RoomErrors.overCapacity(room.capacity);
    const slotStarts = bookedSlots(room, input.startsAt, input.endsAt);
    const actor = currentActor();
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const [booking] = await this.bookings.create(
            [
              {
                roomId: room._id,
                startsAt: input.startsAt,
                endsAt: input.endsAt,
                slotStarts,
                purpose: input.purpose,
                attendees: input.attendees,
                bookedBy: actor.id,
                bookedByName: actor.name ?? null,
                communityId: room.communityId,
                compoundId: room.compoundId,
                buildingId: room.buildingId,
              },
            ],
            { session },
          );
          await this.outbox.record(
            roomBooked,
            {
              bookingId: booking.id,
              roomId: room.id,
              communityId: String(room.communityId),
              startsAt: input.startsAt.toISOString(),
              endsAt: input.endsAt.toISOString(),
              attendees: input.attendees,
            },
            { session },
          );
          return booking;
        }),
      // The unique index over (room, slot start) of confirmed bookings: the loser of a race ends here.
      () => RoomErrors.slotTaken(),
    );
  }

  /**
   * A registered resident books the rooms of their own community and those shared with an alliance (社区联盟) their
   * community belongs to; the room's managers book it wherever they manage. People who are no community's registered
   * residents (partners' staff, visitors signed in) book as before.
   */
  async requireOpenTo(loaders: RequestLoaders, room: RoomDocument): Promise<void> {
    const householdId = currentActor().householdId;
    if (!householdId || mayManageRoomsAt(room)) return;
    const home = String((await this.territory.household(loaders, householdId)).communityId);
    if (home === String(room.communityId)) return;
    if (await this.alliances.joins(loaders, room.sharedWithAllianceId, home)) return;
    throw RoomErrors.notOpenToCommunity();
  }

  /** Shares the room with an alliance its community belongs to (one alliance at a time; a new one replaces it). */
  async share(loaders: RequestLoaders, room: RoomDocument, allianceId: string) {
    const alliance = await this.alliances.load(loaders, allianceId);
    if (!alliance) throw RoomErrors.allianceNotFound(allianceId);
    if (!alliance.communityIds.some((member) => member.equals(room.communityId)))
      throw RoomErrors.allianceWithoutRoom(allianceId);
    return this.setSharing(room, alliance._id);
  }

  /** Ends the sharing: no new bookings from the alliance's other communities; bookings already made stand. */
  withdrawSharing(room: RoomDocument) {
    return this.setSharing(room, null);
  }

  private async setSharing(room: RoomDocument, allianceId: Types.ObjectId | null) {
    const changed = await withTransaction(this.connection, (session) =>
      setAllianceSharing(this.rooms, room._id, allianceId, this.sharingEvents, session),
    );
    if (!changed) throw RoomErrors.roomNotFound(room.id);
    return changed;
  }

  /** The rooms shared with each alliance of a page, in one query for all of them. */
  sharedWith(loaders: RequestLoaders, allianceId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.rooms, 'sharedWithAllianceId', allianceId, args, BY_NAME);
  }

  /** Frees the booking's slots for others. */
  cancel(booking: RoomBookingDocument) {
    const refused = () => RoomErrors.illegalStep(booking.id, RoomBookingAction.CANCEL);
    if (!allowedSteps(ROOM_BOOKING_STEPS, booking.status).includes(RoomBookingAction.CANCEL)) throw refused();
    return withTransaction(this.connection, async (session) => {
      const cancelled = await this.bookings
        .findOneAndUpdate(
          { _id: booking._id, status: { $in: ROOM_BOOKING_STEPS[RoomBookingAction.CANCEL] } },
          { $set: { status: RoomBookingStatus.CANCELLED, cancelledAt: this.clock.now() } },
          { session, returnDocument: 'after' },
        )
        .exec();
      // Cancelled meanwhile by another request.
      if (!cancelled) throw refused();
      await this.outbox.record(
        roomBookingCancelled,
        {
          bookingId: booking.id,
          roomId: String(booking.roomId),
          communityId: String(booking.communityId),
          startsAt: booking.startsAt.toISOString(),
          endsAt: booking.endsAt.toISOString(),
        },
        { session },
      );
      return cancelled;
    });
  }

  async list(loaders: RequestLoaders, { placeId, ...page }: InPlaceArgs) {
    return paginate(this.rooms, placeId ? await this.territory.within(loaders, placeId) : {}, page, BY_NAME);
  }

  /** The rooms of each community or compound of a page, in one query for all of them. */
  of(loaders: RequestLoaders, level: 'communityId' | 'compoundId', placeId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.rooms, level, placeId, args, BY_NAME);
  }

  /** A room's bookings that end after `from` (now by default), in time order. */
  bookingsOf(loaders: RequestLoaders, roomId: string, { from, ...page }: RoomBookingsArgs) {
    const filter: QueryFilter<RoomBooking> = { endsAt: { $gt: from ?? this.clock.now() } };
    return childConnection(loaders, this.bookings, 'roomId', roomId, page, { sortBy: 'startsAt', filter });
  }

  /** The caller's own bookings, latest first. */
  bookedBy(subject: string, page: ConnectionArgs) {
    return paginate(this.bookings, { bookedBy: subject }, page, { sortBy: 'startsAt', direction: -1 });
  }

  /** Each slot of the room on a local day and whether it is free; the bookings of every room asked about in one query. */
  async availability(loaders: RequestLoaders, room: RoomDocument, dayStart: Date) {
    const dayEnd = new Date(dayStart.getTime() + DAY_MS);
    const bookings = await loaders
      .get<string, RoomBookingDocument[]>(`RoomBooking.onDay:${dayStart.toISOString()}`, async (roomIds) => {
        const rows = await this.bookings
          .find({
            roomId: { $in: roomIds.map((id) => new Types.ObjectId(id)) },
            status: RoomBookingStatus.CONFIRMED,
            startsAt: { $lt: dayEnd },
            endsAt: { $gt: dayStart },
          })
          .exec();
        return groupByKeys(roomIds, rows, (booking) => String(booking.roomId));
      })
      .load(room.id);
    const taken = new Set(bookings.flatMap((booking) => booking.slotStarts.map((start) => start.getTime())));
    return slotsOfDay(room, dayStart).map((slot) => ({ ...slot, free: !taken.has(slot.startsAt.getTime()) }));
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.rooms, id);
  }

  loadBooking(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.bookings, id);
  }
}
