import {
  Connection,
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  InvalidInputError,
  Public,
  ReferenceContext,
  requirePermission,
  IdArgs,
} from '@gongzhi/platform';
import {
  Args,
  Context,
  Field,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { recordToChange } from '../shared/record-to-change';
import { PlaceKind } from '../organization-copy/known-place.schema';
import { InPlaceArgs } from '../organization-copy/place.inputs';
import { TerritoryService } from '../organization-copy/territory.service';
import { Community, Compound, stub } from '../organization-copy/territory.types';
import { Room, type RoomDocument } from './room.schema';
import { RoomBooking, type RoomBookingDocument } from './room-booking.schema';
import { mayBook, mayCancel, mayManageRoomsAt, mayReadBooking, mayReadBookingsOf } from './rooms.access';
import { RoomErrors } from './rooms.errors';
import { AvailabilityArgs, BookRoomInput, RegisterRoomInput, RoomBookingsArgs } from './rooms.inputs';
import { RoomsService } from './rooms.service';
import { startOfLocalDay } from './slots';

@ObjectType()
export class RoomConnection extends Connection(Room) {}
@ObjectType()
export class RoomBookingConnection extends Connection(RoomBooking) {}

@ObjectType({ description: 'One slot of a room on a day, and whether it is still free.' })
export class RoomSlot {
  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field()
  free!: boolean;
}

@Resolver(() => Room)
export class RoomResolver {
  constructor(
    private readonly roomsService: RoomsService,
    private readonly territory: TerritoryService,
  ) {}

  @Public()
  @Query(() => Room, { nullable: true })
  room(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.roomsService.load(loaders, id);
  }

  @Public()
  @Query(() => RoomConnection, { description: 'Rooms by name, in a community, compound or building.' })
  rooms(@Args() args: InPlaceArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.roomsService.list(loaders, args);
  }

  @Mutation(() => Room, {
    description:
      'Street staff, the community secretary, the compound branch secretary or a grid worker covering the place.',
  })
  async registerRoom(@Args('input') input: RegisterRoomInput, @Context() { loaders }: GraphQLRequestContext) {
    const place = await this.territory.resolve(loaders, input.placeId, [
      PlaceKind.COMMUNITY,
      PlaceKind.COMPOUND,
      PlaceKind.BUILDING,
    ]);
    requirePermission(mayManageRoomsAt(place));
    return this.roomsService.register(input, place);
  }

  @Mutation(() => RoomBooking, {
    description:
      'Any signed-in person. Two bookings never hold the same slot: the second gets ROOM_BOOKING.SLOT_TAKEN.',
  })
  async bookRoom(@Args('input') input: BookRoomInput, @Context() { loaders }: GraphQLRequestContext) {
    requirePermission(mayBook());
    const room = await this.roomsService.load(loaders, input.roomId);
    if (!room) throw RoomErrors.roomNotFound(input.roomId);
    return this.roomsService.book(room, input);
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
  @ResolveField(() => Community)
  community(@Parent() room: RoomDocument) {
    return stub(room.communityId, 'Community');
  }

  @Public()
  @ResolveField(() => Compound, { nullable: true })
  compound(@Parent() room: RoomDocument) {
    return room.compoundId && stub(room.compoundId, 'Compound');
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.roomsService.load(loaders, reference.id);
  }
}

@Resolver(() => RoomBooking)
export class RoomBookingResolver {
  constructor(private readonly roomsService: RoomsService) {}

  @Query(() => RoomBookingConnection, {
    nullable: true,
    description: 'The signed-in person’s own bookings, latest first.',
  })
  myRoomBookings(@Args() page: ConnectionArgs) {
    requirePermission(mayBook());
    return this.roomsService.bookedBy(currentActor().id, page);
  }

  @Mutation(() => RoomBooking, { description: 'Frees its slots: the booker, or the managers of the room.' })
  async cancelRoomBooking(@Args() { id }: IdArgs) {
    const booking = await recordToChange(this.roomsService.bookings, id, RoomErrors.bookingNotFound);
    requirePermission(mayCancel(booking));
    return this.roomsService.cancel(booking);
  }

  @ResolveField(() => Room)
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
