import {
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  InvalidInputError,
  Public,
  ReferenceContext,
  requirePermission,
  IdArgs,
  nullWhileDown,
  StepFieldsResolver,
  allowedSteps,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PlaceFieldsResolver } from '../shared/place-fields.resolver';
import { recordToChange } from '../shared/record-to-change';
import { PlaceKind } from '../organization-copy/known-place.schema';
import { InPlaceArgs } from '../organization-copy/place.inputs';
import { TerritoryService } from '../organization-copy/territory.service';
import { Alliance, stub } from '../organization-copy/territory.types';
import { Room, type RoomDocument } from './room.schema';
import { RoomBooking, type RoomBookingDocument } from './room-booking.schema';
import { mayBook, mayCancel, mayManageRoomsAt, mayReadBooking, mayReadBookingsOf } from './rooms.access';
import { RoomErrors } from './rooms.errors';
import { RoomBookingAction, ROOM_BOOKING_STEPS, roomBookingHistory } from './room-booking-steps';
import {
  AvailabilityArgs,
  BookRoomInput,
  CancelRoomBookingInput,
  RegisterRoomInput,
  RoomBookingsArgs,
  ShareRoomWithAllianceInput,
  WithdrawRoomSharingInput,
} from './rooms.inputs';
import { RoomsService } from './rooms.service';
import {
  BookRoomPayload,
  CancelRoomBookingPayload,
  RegisterRoomPayload,
  RoomBookingConnection,
  RoomBookingStepConnection,
  RoomConnection,
  RoomSlot,
  ShareRoomWithAlliancePayload,
  WithdrawRoomSharingPayload,
} from './rooms.types';
import { startOfLocalDay } from './slots';

@Resolver(() => Room)
export class RoomResolver extends PlaceFieldsResolver(Room) {
  constructor(
    private readonly roomsService: RoomsService,
    private readonly territory: TerritoryService,
  ) {
    super();
  }

  @Public()
  @Query(() => Room, { nullable: true, description: 'A bookable room by its id; null when there is none.' })
  room(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.roomsService.load(loaders, id);
  }

  @Public()
  @Query(() => RoomConnection, {
    nullable: true,
    description: nullWhileDown('Rooms by name, in a community, compound or building.', 'facilities'),
  })
  rooms(@Args() args: InPlaceArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.roomsService.list(loaders, args);
  }

  @Mutation(() => RegisterRoomPayload, {
    description:
      'Puts a room on the map in a community, compound or building, with its opening hours and slots.\n\n' +
      'Street staff, the community secretary, the compound branch secretary or a grid worker covering the place.',
  })
  async registerRoom(
    @Args('input', { description: 'The room.' }) input: RegisterRoomInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RegisterRoomPayload> {
    const place = await this.territory.resolve(loaders, input.placeId, [
      PlaceKind.COMMUNITY,
      PlaceKind.COMPOUND,
      PlaceKind.BUILDING,
    ]);
    requirePermission(mayManageRoomsAt(place));
    return { room: await this.roomsService.register(input, place) };
  }

  @Mutation(() => BookRoomPayload, {
    description:
      'Books a stretch of a room’s slots. Two bookings never hold the same slot: the second gets ROOM_BOOKING.SLOT_TAKEN.\n\n' +
      'Any signed-in person; a registered resident only in their own community, or in one whose alliance (社区联盟) ' +
      'the room is shared with (else ROOM_BOOKING.NOT_OPEN_TO_YOUR_COMMUNITY).',
  })
  async bookRoom(
    @Args('input', { description: 'The room, the time and what for.' }) input: BookRoomInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<BookRoomPayload> {
    requirePermission(mayBook());
    const room = await this.roomsService.load(loaders, input.roomId);
    if (!room) throw RoomErrors.roomNotFound(input.roomId);
    await this.roomsService.requireOpenTo(loaders, room);
    return { roomBooking: await this.roomsService.book(room, input) };
  }

  @Mutation(() => ShareRoomWithAlliancePayload, {
    description:
      'Shares a room with a community alliance (社区联盟) its community belongs to: residents of every member community may ' +
      'then book it. One alliance at a time.\n\nThe managers of the room (as registerRoom).',
  })
  async shareRoomWithAlliance(
    @Args('input', { description: 'The room and the alliance.' }) input: ShareRoomWithAllianceInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<ShareRoomWithAlliancePayload> {
    const room = await this.managedRoom(input.roomId);
    return { room: await this.roomsService.share(loaders, room, input.allianceId) };
  }

  @Mutation(() => WithdrawRoomSharingPayload, {
    description:
      "Ends a room's sharing with its alliance: residents of the other member communities can no longer book it; " +
      'bookings already made stand.\n\nThe managers of the room (as registerRoom).',
  })
  async withdrawRoomSharing(
    @Args('input', { description: 'The room.' }) input: WithdrawRoomSharingInput,
  ): Promise<WithdrawRoomSharingPayload> {
    return { room: await this.roomsService.withdrawSharing(await this.managedRoom(input.roomId)) };
  }

  @Public()
  @ResolveField(() => Alliance, {
    nullable: true,
    description: 'The community alliance (社区联盟) whose residents may book it too; null when it is not shared.',
  })
  sharedWith(@Parent() room: RoomDocument) {
    return room.sharedWithAllianceId ? stub(room.sharedWithAllianceId, 'Alliance') : null;
  }

  private async managedRoom(roomId: string) {
    const room = await recordToChange(this.roomsService.rooms, roomId, RoomErrors.roomNotFound);
    requirePermission(mayManageRoomsAt(room));
    return room;
  }

  @Public()
  @ResolveField(() => [RoomSlot], {
    description: 'The slots of a day and whether each is free; who booked them is not shown.',
  })
  availability(
    @Parent() room: RoomDocument,
    @Args() { date }: AvailabilityArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const dayStart = startOfLocalDay(date);
    if (!dayStart) throw new InvalidInputError([{ field: 'date', problem: 'must be a calendar day, YYYY-MM-DD' }]);
    return this.roomsService.availability(loaders, room, dayStart);
  }

  @ResolveField(() => RoomBookingConnection, {
    nullable: true,
    description:
      'Bookings that end after `from`, in time order: the managers of the room and partners with facilities:bookings:read.',
  })
  bookings(
    @Parent() room: RoomDocument,
    @Args() args: RoomBookingsArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayReadBookingsOf(room));
    return this.roomsService.bookingsOf(loaders, room.id, args);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.roomsService.load(loaders, reference.id);
  }
}

@Resolver(() => RoomBooking)
export class RoomBookingResolver extends StepFieldsResolver(RoomBooking, {
  connection: RoomBookingStepConnection,
  actions: RoomBookingAction,
  history: (booking: RoomBookingDocument) =>
    roomBookingHistory({ cancelledAt: booking.cancelledAt, createdAt: booking.get('createdAt') as Date }),
  nextSteps: (booking: RoomBookingDocument) =>
    mayCancel(booking) ? allowedSteps(ROOM_BOOKING_STEPS, booking.status) : [],
}) {
  constructor(private readonly roomsService: RoomsService) {
    super();
  }

  @Query(() => RoomBookingConnection, {
    nullable: true,
    description: 'The signed-in person’s own bookings, latest first.',
  })
  myRoomBookings(@Args() page: ConnectionArgs) {
    requirePermission(mayBook());
    return this.roomsService.bookedBy(currentActor().id, page);
  }

  @Mutation(() => CancelRoomBookingPayload, {
    description: 'Cancels a booking and frees its slots.\n\nThe booker, or the managers of the room.',
  })
  async cancelRoomBooking(
    @Args('input', { description: 'The booking.' }) { bookingId }: CancelRoomBookingInput,
  ): Promise<CancelRoomBookingPayload> {
    const booking = await recordToChange(this.roomsService.bookings, bookingId, RoomErrors.bookingNotFound);
    requirePermission(mayCancel(booking));
    return { roomBooking: await this.roomsService.cancel(booking) };
  }

  @ResolveField(() => Room, { description: 'The room booked.' })
  room(@Parent() booking: RoomBookingDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.roomsService.load(loaders, booking.roomId);
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    const booking = await this.roomsService.loadBooking(loaders, reference.id);
    if (booking) requirePermission(mayReadBooking(booking));
    return booking;
  }
}

@Resolver(() => Alliance)
export class AllianceRoomsResolver {
  constructor(private readonly roomsService: RoomsService) {}

  @Public()
  @ResolveField(() => RoomConnection, {
    nullable: true,
    description: nullWhileDown('The rooms shared with the alliance, by name.', 'facilities'),
  })
  sharedRooms(@Parent() { id }: Alliance, @Args() args: ConnectionArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.roomsService.sharedWith(loaders, id, args);
  }
}
