import { Connection, GraphQLRequestContext, Public, requirePermission, IdArgs } from '@gongzhi/platform';
import { Args, Context, Info, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { residentToCareFor } from '../care-records/arrange-care';
import { careListFilter, isOfHousehold, mayCancel, mayReadCare } from '../care-records/care-records.access';
import { CareItem, CareItemDocument } from '../catalogue/care-item.schema';
import { mayCurateCatalogueIn } from '../catalogue/catalogue.access';
import { CatalogueService } from '../catalogue/catalogue.service';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { CareProvider } from '../providers/care-provider.schema';
import { ProvidersService } from '../providers/providers.service';
import { Community, Resident, reference } from '../organization-copy/organization.types';
import { CareReadAudit } from '../sensitive-reads/care-read-audit';
import { CareSession, CareSessionDocument, SessionBooking, SessionBookingDocument } from './care-session.schema';
import {
  BookCareSessionInput,
  CancelSessionBookingInput,
  CareSessionsArgs,
  ScheduleCareSessionInput,
  SessionBookingsArgs,
} from './sessions.inputs';
import { SessionsService } from './sessions.service';

@ObjectType()
export class CareSessionConnection extends Connection(CareSession) {}
@ObjectType()
export class SessionBookingConnection extends Connection(SessionBooking) {}

/** Sessions are public, like a class timetable; who has a place in them is personal. */
@Resolver(() => CareSession)
export class CareSessionResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly catalogue: CatalogueService,
    private readonly careProviders: ProvidersService,
    private readonly audit: CareReadAudit,
  ) {}

  @Public()
  @Query(() => CareSession, { nullable: true })
  careSession(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.sessions.loadSession(loaders, id);
  }

  @Mutation(() => CareSession, {
    description: 'The community secretary, or street staff covering the community of the item.',
  })
  async scheduleCareSession(
    @Args('input') input: ScheduleCareSessionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const item = await this.catalogue.require(loaders, input.itemId);
    requirePermission(mayCurateCatalogueIn(String(item.communityId)));
    return this.sessions.schedule(loaders, item, input);
  }

  @Public()
  @ResolveField(() => Int)
  placesLeft(@Parent() session: CareSessionDocument) {
    return Math.max(0, session.capacity - session.confirmedCount);
  }

  @Public()
  @ResolveField(() => CareItem)
  item(@Parent() session: CareSessionDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.catalogue.load(loaders, session.itemId);
  }

  @Public()
  @ResolveField(() => CareProvider, { description: 'Who runs it.' })
  provider(@Parent() session: CareSessionDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.careProviders.load(loaders, session.providerId);
  }

  @Public()
  @ResolveField(() => Community)
  community(@Parent() session: CareSessionDocument) {
    return reference(session.communityId);
  }

  @ResolveField(() => SessionBookingConnection, {
    nullable: true,
    description: 'In booking order, those the caller may see (as for orders).',
  })
  async bookings(
    @Parent() session: CareSessionDocument,
    @Args() args: SessionBookingsArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const bookings = await this.sessions.bookingsOf(loaders, 'sessionId', session.id, careListFilter(), args);
    await this.audit.childRecords(
      bookings.edges.map((edge) => edge.node),
      info,
      'SessionBooking',
      ['edges', 'node'],
    );
    return bookings;
  }
}

/** A place in a session is personal data, seen and changed as orders are; a child's is audited on every read. */
@Resolver(() => SessionBooking)
export class SessionBookingResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly directory: ResidentDirectory,
    private readonly audit: CareReadAudit,
  ) {}

  @Query(() => SessionBooking, { nullable: true })
  async sessionBooking(
    @Args() { id }: IdArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const booking = await this.sessions.loadBooking(loaders, id);
    return booking && this.handOut(booking, info);
  }

  @Mutation(() => SessionBooking, {
    description:
      'A place, or a place in line when the session is full. The resident or their household; a grid worker or the community office covering them.',
  })
  async bookCareSession(
    @Args('input') input: BookCareSessionInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const session = await this.sessions.requireSession(loaders, input.sessionId);
    const resident = await residentToCareFor(this.directory, loaders, input.residentId);
    return this.handOut(await this.sessions.book(loaders, session, resident, !isOfHousehold(resident)), info);
  }

  @Mutation(() => SessionBooking, { description: 'A freed place goes to the first in line. As cancelling an order.' })
  async cancelSessionBooking(
    @Args('input') input: CancelSessionBookingInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const booking = await this.sessions.requireBooking(loaders, input.bookingId);
    requirePermission(mayCancel(booking));
    return this.handOut(await this.sessions.cancel(booking, input.reason), info);
  }

  @ResolveField(() => Int, { nullable: true, description: 'WAITLISTED: where it stands in line, 1 being next.' })
  waitlistPosition(@Parent() booking: SessionBookingDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.sessions.waitlistPosition(loaders, booking);
  }

  @ResolveField(() => CareSession)
  session(@Parent() booking: SessionBookingDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.sessions.loadSession(loaders, booking.sessionId);
  }

  @ResolveField(() => Resident, { description: 'Who the place is for.' })
  resident(@Parent() booking: SessionBookingDocument) {
    return reference(booking.residentId);
  }

  private async handOut(booking: SessionBookingDocument, info: GraphQLResolveInfo) {
    requirePermission(mayReadCare(booking));
    await this.audit.childRecords([booking], info, 'SessionBooking');
    return booking;
  }
}

@Resolver(() => CareItem)
export class CareItemSessionsResolver {
  constructor(private readonly careSessions: SessionsService) {}

  @Public()
  @ResolveField(() => CareSessionConnection, { description: 'IN_SESSIONS: its sessions by start time.' })
  sessions(
    @Parent() item: CareItemDocument,
    @Args() args: CareSessionsArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.careSessions.sessionsOf(loaders, item.id, args);
  }
}

@Resolver(() => Resident)
export class ResidentSessionBookingsResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly audit: CareReadAudit,
  ) {}

  @ResolveField(() => SessionBookingConnection, {
    nullable: true,
    description: "The resident's places in sessions the caller may see, in booking order.",
  })
  async sessionBookings(
    @Parent() resident: Resident,
    @Args() args: SessionBookingsArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const bookings = await this.sessions.bookingsOf(loaders, 'residentId', resident.id, careListFilter(), args);
    await this.audit.childRecords(
      bookings.edges.map((edge) => edge.node),
      info,
      'SessionBooking',
      ['edges', 'node'],
    );
    return bookings;
  }
}
