import {
  ConnectionArgs,
  GraphQLRequestContext,
  IdArgs,
  Public,
  requirePermission,
  nullWhileDown,
  StepFieldsResolver,
  reference,
} from '@gongzhi/platform';
import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { residentToCareFor } from '../care-records/arrange-care';
import { careListFilter, isOfHousehold, mayCancel, mayReadCare } from '../care-records/care-records.access';
import { CareItem, CareItemDocument } from '../catalogue/care-item.schema';
import { mayCurateCatalogueIn } from '../catalogue/catalogue.access';
import { CatalogueService } from '../catalogue/catalogue.service';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { CareProvider } from '../providers/care-provider.schema';
import { ProvidersService } from '../providers/providers.service';
import { Alliance, Community, Resident } from '../organization-copy/organization.types';
import { CareReadAudit } from '../sensitive-reads/care-read-audit';
import {
  bookingStepsFrom,
  CareSession,
  CareSessionDocument,
  SessionBooking,
  SessionBookingAction,
  SessionBookingDocument,
} from './care-session.schema';
import {
  BookCareSessionInput,
  CancelSessionBookingInput,
  CareSessionsArgs,
  ScheduleCareSessionInput,
  SessionBookingsArgs,
  ShareCareSessionWithAllianceInput,
  WithdrawCareSessionSharingInput,
} from './sessions.inputs';
import { SessionErrors } from './sessions.errors';
import { SessionsService } from './sessions.service';
import {
  BookCareSessionPayload,
  CancelSessionBookingPayload,
  CareSessionConnection,
  ScheduleCareSessionPayload,
  SessionBookingConnection,
  SessionBookingStepConnection,
  ShareCareSessionWithAlliancePayload,
  WithdrawCareSessionSharingPayload,
} from './sessions.types';

/** Where a mutation's payload holds the booking. */
const PAYLOAD_PATH = ['sessionBooking'];

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
  @Query(() => CareSession, { nullable: true, description: 'A session by id; null when unknown.' })
  careSession(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.sessions.loadSession(loaders, id);
  }

  @Mutation(() => ScheduleCareSessionPayload, {
    description:
      'Schedules a session of an item run in sessions.\nThe community secretary, or street staff covering the community of the item.',
  })
  async scheduleCareSession(
    @Args('input', { description: 'The item, its times, place and capacity.' }) input: ScheduleCareSessionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const item = await this.catalogue.require(loaders, input.itemId);
    requirePermission(mayCurateCatalogueIn(String(item.communityId)));
    return { careSession: await this.sessions.schedule(loaders, item, input) };
  }

  @Mutation(() => ShareCareSessionWithAlliancePayload, {
    description:
      'Opens a session to a community alliance (社区联盟) its community belongs to (活动方案共办): residents of every member ' +
      'community may then book it, even when the item is for residents only. One alliance at a time.\nThe community secretary, or street staff covering the community of the session.',
  })
  async shareCareSessionWithAlliance(
    @Args('input', { description: 'The session and the alliance.' }) input: ShareCareSessionWithAllianceInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<ShareCareSessionWithAlliancePayload> {
    const session = await this.curatedSession(input.sessionId);
    return { careSession: await this.sessions.share(loaders, session, input.allianceId) };
  }

  @Mutation(() => WithdrawCareSessionSharingPayload, {
    description:
      "Ends a session's opening to its alliance: residents of the other member communities can no longer book it; places already booked stand.\nThe community secretary, or street staff covering the community of the session.",
  })
  async withdrawCareSessionSharing(
    @Args('input', { description: 'The session.' }) input: WithdrawCareSessionSharingInput,
  ): Promise<WithdrawCareSessionSharingPayload> {
    return { careSession: await this.sessions.withdrawSharing(await this.curatedSession(input.sessionId)) };
  }

  @Public()
  @ResolveField(() => Alliance, {
    nullable: true,
    description: 'The community alliance (社区联盟) whose residents may book it too; null when it is not shared.',
  })
  sharedWith(@Parent() session: CareSessionDocument) {
    return session.sharedWithAllianceId ? reference(session.sharedWithAllianceId) : null;
  }

  /** The session as it is now (past the request's loader), once the caller may curate its community's catalogue. */
  private async curatedSession(sessionId: string) {
    const session = await this.sessions.sessions.findById(sessionId).exec();
    if (!session) throw SessionErrors.notFound(sessionId);
    requirePermission(mayCurateCatalogueIn(String(session.communityId)));
    return session;
  }

  @Public()
  @ResolveField(() => Int, { description: 'Places not yet taken by confirmed bookings; never below 0.' })
  placesLeft(@Parent() session: CareSessionDocument) {
    return Math.max(0, session.capacity - session.confirmedCount);
  }

  @Public()
  @ResolveField(() => CareItem, { description: 'The care item the session runs.' })
  item(@Parent() session: CareSessionDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.catalogue.load(loaders, session.itemId);
  }

  @Public()
  @ResolveField(() => CareProvider, { description: 'Who runs it.' })
  provider(@Parent() session: CareSessionDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.careProviders.load(loaders, session.providerId);
  }

  @Public()
  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community (社区) the session is held for.', 'organization'),
  })
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
export class SessionBookingResolver extends StepFieldsResolver(SessionBooking, {
  connection: SessionBookingStepConnection,
  actions: SessionBookingAction,
  history: (booking: SessionBookingDocument) => booking.history,
  nextSteps: (booking: SessionBookingDocument) => bookingStepsFrom(booking.status),
  descriptions: { nextSteps: 'The steps the booking can take next by its status (not whether the caller may).' },
}) {
  constructor(
    private readonly sessions: SessionsService,
    private readonly directory: ResidentDirectory,
    private readonly audit: CareReadAudit,
  ) {
    super();
  }

  @Query(() => SessionBooking, {
    nullable: true,
    description: 'A place in a session by id; null when unknown or not the caller’s to see.',
  })
  async sessionBooking(
    @Args() { id }: IdArgs,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const booking = await this.sessions.loadBooking(loaders, id);
    // A booking that does not exist and one the caller may not see answer alike: null.
    return booking && mayReadCare(booking) ? this.handOut(booking, info) : null;
  }

  @Mutation(() => BookCareSessionPayload, {
    description:
      'Books a place for a resident, or a place in line when the session is full.\nThe resident or their household; a grid worker or the community office covering them.',
  })
  async bookCareSession(
    @Args('input', { description: 'The session and who the place is for.' }) input: BookCareSessionInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const session = await this.sessions.requireSession(loaders, input.sessionId);
    const resident = await residentToCareFor(this.directory, loaders, input.residentId);
    const booking = await this.sessions.book(loaders, session, resident, !isOfHousehold(resident));
    return { sessionBooking: await this.handOut(booking, info, PAYLOAD_PATH) };
  }

  @Mutation(() => CancelSessionBookingPayload, {
    description: 'Cancels a booking; a freed place goes to the first in line.\nAs cancelling an order.',
  })
  async cancelSessionBooking(
    @Args('input', { description: 'The booking to cancel and why.' }) input: CancelSessionBookingInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const booking = await this.sessions.requireBooking(loaders, input.bookingId);
    requirePermission(mayCancel(booking));
    return {
      sessionBooking: await this.handOut(await this.sessions.cancel(booking, input.reason), info, PAYLOAD_PATH),
    };
  }

  @ResolveField(() => Int, { nullable: true, description: 'WAITLISTED: where it stands in line, 1 being next.' })
  waitlistPosition(@Parent() booking: SessionBookingDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.sessions.waitlistPosition(loaders, booking);
  }

  @ResolveField(() => CareSession, { description: 'The session the place is in.' })
  session(@Parent() booking: SessionBookingDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.sessions.loadSession(loaders, booking.sessionId);
  }

  @ResolveField(() => Resident, { nullable: true, description: nullWhileDown('Who the place is for.', 'organization') })
  resident(@Parent() booking: SessionBookingDocument) {
    return reference(booking.residentId);
  }

  /** `path` leads from the resolver's field to the booking (a payload's `sessionBooking`). */
  private async handOut(booking: SessionBookingDocument, info: GraphQLResolveInfo, path: readonly string[] = []) {
    requirePermission(mayReadCare(booking));
    await this.audit.childRecords([booking], info, 'SessionBooking', path);
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

@Resolver(() => Alliance)
export class AllianceSessionsResolver {
  constructor(private readonly careSessions: SessionsService) {}

  @Public()
  @ResolveField(() => CareSessionConnection, {
    nullable: true,
    description: nullWhileDown('The care sessions opened to the alliance, by start time.', 'services'),
  })
  sharedCareSessions(
    @Parent() { id }: Alliance,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.careSessions.sharedWith(loaders, id, args);
  }
}
