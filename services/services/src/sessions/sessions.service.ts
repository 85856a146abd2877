import {
  careBookingCancelled,
  careBookingConfirmed,
  careBookingPromoted,
  careBookingWaitlisted,
  careSessionScheduled,
  careSessionSharedWithAlliance,
  careSessionSharingEnded,
} from '@gongzhi/contracts';
import {
  OutboxPublisher,
  RequestLoaders,
  asObjectId,
  childConnection,
  loadById,
  refuseDuplicates,
  requireById,
  withTransaction,
  backfillHistory,
  AlliancesCopy,
  type ConnectionArgs,
  endSharingsWith,
  setAllianceSharing,
  type SharingEvents,
} from '@gongzhi/platform';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { ClientSession, Connection, Model, QueryFilter, Types } from 'mongoose';
import { Clock, currentActor } from '@gongzhi/platform';
import { CancellationCause } from '../care-records/cancellation.schema';
import { givenBy, type ProvidedCare } from '../care-records/provided-care.schema';
import {
  type RestsOn,
  cancellationCauseOf,
  careLosingItsConsent,
  restingOn,
} from '../care-records/arranged-on-consent';
import { CareDelivery, type CareItemDocument } from '../catalogue/care-item.schema';
import { CatalogueService } from '../catalogue/catalogue.service';
import { requireEligible } from '../catalogue/eligibility';
import { aboutResident } from '../organization-copy/about-resident.schema';
import type { DirectoryResidentDocument } from '../organization-copy/directory.schema';
import { ResidentDirectory } from '../organization-copy/directory.service';
import type { CareProviderDocument } from '../providers/care-provider.schema';
import {
  CareSession,
  CareSessionDocument,
  OPEN_BOOKING_STATUSES,
  SessionBooking,
  SessionBookingDocument,
  SessionBookingStatus,
  bookingHistoryOf,
} from './care-session.schema';
import { OneAtATime } from './one-at-a-time';
import { SessionErrors } from './sessions.errors';
import { CareSessionsArgs, ScheduleCareSessionInput, SessionBookingsArgs } from './sessions.inputs';

const { CONFIRMED, WAITLISTED, CANCELLED } = SessionBookingStatus;

/**
 * Sessions and their places. A booking takes a place with one conditional update of the session's counters
 * (`confirmedCount < capacity`), or else joins the line; a cancelled place goes to the first in line. Every change
 * writes the session document inside its transaction, so MongoDB serialises the changes of one session: however many
 * book at once, no session takes more than its capacity, and the line moves in order.
 */
@Injectable()
export class SessionsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(SessionsService.name);
  private readonly perSession = new OneAtATime();

  constructor(
    @InjectModel(CareSession.name) readonly sessions: Model<CareSession>,
    @InjectModel(SessionBooking.name) readonly bookings: Model<SessionBooking>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly directory: ResidentDirectory,
    private readonly catalogue: CatalogueService,
    private readonly clock: Clock,
    private readonly alliances: AlliancesCopy,
  ) {}

  /** What opening a session to an alliance, and ending it, tells the other subgraphs. */
  private readonly sharingEvents: SharingEvents = {
    shared: (careSession, allianceId, session) =>
      this.outbox.record(
        careSessionSharedWithAlliance,
        {
          sessionId: String(careSession._id),
          communityId: String(careSession.communityId),
          allianceId: String(allianceId),
        },
        { session },
      ),
    ended: (careSession, allianceId, cause, session) =>
      this.outbox.record(
        careSessionSharingEnded,
        {
          sessionId: String(careSession._id),
          communityId: String(careSession.communityId),
          allianceId: String(allianceId),
          cause,
        },
        { session },
      ),
  };

  async onModuleInit(): Promise<void> {
    // A dissolved alliance shares nothing: its sessions are their community's alone again; places taken stand.
    this.alliances.afterDissolved((allianceId, session) =>
      endSharingsWith(this.sessions, allianceId, this.sharingEvents, session),
    );
    // The unique index of open bookings must exist before the first booking relies on it.
    await this.bookings.init();
    this.directory.afterMoveOut((residentId, session) =>
      this.closeOpenBookings(residentId, CancellationCause.RESIDENT_MOVED_OUT, session),
    );
    // Places rest on the consent they were booked on, as orders do: withdrawn (and no other covering them), they are freed.
    this.directory.afterConsentWithdrawn(async (withdrawn, session) => {
      const open = { status: { $in: OPEN_BOOKING_STATUSES } };
      const losing = await careLosingItsConsent(this.bookings, open, withdrawn, this.directory, session);
      for (const bookingId of losing) await this.release(bookingId, cancellationCauseOf(withdrawn), null, session);
    });
  }

  /** Bookings made before bookings kept a history get theirs from what they hold, once. */
  async onApplicationBootstrap(): Promise<void> {
    const written = await backfillHistory(this.bookings, bookingHistoryOf);
    if (written > 0)
      this.logger.log(`wrote the history of ${written} session bookings made before histories were kept`);
  }

  async schedule(
    loaders: RequestLoaders,
    item: CareItemDocument,
    input: ScheduleCareSessionInput,
  ): Promise<CareSessionDocument> {
    if (item.delivery !== CareDelivery.IN_SESSIONS) throw SessionErrors.itemOrderedNotBooked(item.id);
    if (input.endsAt <= input.startsAt || input.startsAt <= this.clock.now()) throw SessionErrors.invalidTimes();
    const provider = await this.catalogue.providerOf(loaders, item, input.providerId);
    return withTransaction(this.connection, async (session) => {
      const [scheduled] = await this.sessions.create(
        [
          {
            itemId: item._id,
            providerId: provider._id,
            communityId: item.communityId,
            title: input.title,
            location: input.location ?? null,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            capacity: input.capacity ?? item.sessionCapacity!,
          },
        ],
        { session },
      );
      await this.outbox.record(
        careSessionScheduled,
        {
          sessionId: scheduled.id,
          itemId: item.id,
          providerId: provider.id,
          startsAt: scheduled.startsAt.toISOString(),
          capacity: scheduled.capacity,
        },
        { session },
      );
      return scheduled;
    });
  }

  /** The member communities of the alliance the session is opened to now; none when it is not shared. */
  private async sharedWithCommunities(loaders: RequestLoaders, careSession: CareSessionDocument) {
    const { sharedWithAllianceId } = careSession;
    const alliance = sharedWithAllianceId ? await this.alliances.load(loaders, String(sharedWithAllianceId)) : null;
    return alliance?.communityIds ?? [];
  }

  /** Opens the session to an alliance its community belongs to (one at a time; a new one replaces it). */
  async share(loaders: RequestLoaders, careSession: CareSessionDocument, allianceId: string) {
    const alliance = await this.alliances.load(loaders, allianceId);
    if (!alliance) throw SessionErrors.allianceNotFound(allianceId);
    if (!alliance.communityIds.some((member) => member.equals(careSession.communityId)))
      throw SessionErrors.allianceWithoutSession(allianceId);
    return this.setSharing(careSession, alliance._id);
  }

  /** Ends the opening: no new bookings from the alliance's other communities; places already booked stand. */
  withdrawSharing(careSession: CareSessionDocument) {
    return this.setSharing(careSession, null);
  }

  private async setSharing(careSession: CareSessionDocument, allianceId: Types.ObjectId | null) {
    const changed = await withTransaction(this.connection, (session) =>
      setAllianceSharing(this.sessions, careSession._id, allianceId, this.sharingEvents, session),
    );
    if (!changed) throw SessionErrors.notFound(careSession.id);
    return changed;
  }

  /** The sessions opened to each alliance of a page, by start time, in one query for all of them. */
  sharedWith(loaders: RequestLoaders, allianceId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.sessions, 'sharedWithAllianceId', allianceId, args, { sortBy: 'startsAt' });
  }

  /** A place for `resident`, or a place in line when the session is full. */
  async book(
    loaders: RequestLoaders,
    careSession: CareSessionDocument,
    resident: DirectoryResidentDocument,
    onBehalf: boolean,
  ): Promise<SessionBookingDocument> {
    if (careSession.startsAt <= this.clock.now()) throw SessionErrors.alreadyStarted(careSession.id);
    const item = await this.catalogue.require(loaders, String(careSession.itemId));
    const consent = requireEligible(
      item,
      resident,
      currentActor(),
      await this.sharedWithCommunities(loaders, careSession),
    );
    const provider = await this.catalogue.providerOf(loaders, item, String(careSession.providerId));
    return this.perSession.run(careSession.id, () =>
      refuseDuplicates(
        () =>
          withTransaction(this.connection, (session) =>
            this.takePlace(careSession, item, provider, resident, { onBehalf, consent }, session),
          ),
        SessionErrors.alreadyExists,
      ),
    );
  }

  /** A place if one is left, else the next number in line: one update of the counters, read as they were before it. */
  private async takePlace(
    careSession: CareSessionDocument,
    item: CareItemDocument,
    provider: CareProviderDocument,
    resident: DirectoryResidentDocument,
    { onBehalf, consent }: { onBehalf: boolean; consent: RestsOn | null },
    session: ClientSession,
  ): Promise<SessionBookingDocument> {
    await this.directory.holdLivingResident(resident._id, session, consent ?? undefined);
    const ifPlaceLeft = (then: unknown, otherwise: unknown) => ({
      $cond: [{ $lt: ['$confirmedCount', '$capacity'] }, then, otherwise],
    });
    const takeOne = {
      confirmedCount: ifPlaceLeft({ $add: ['$confirmedCount', 1] }, '$confirmedCount'),
      waitlistedCount: ifPlaceLeft('$waitlistedCount', { $add: ['$waitlistedCount', 1] }),
      waitlistSeq: ifPlaceLeft('$waitlistSeq', { $add: ['$waitlistSeq', 1] }),
    };
    const counters = await this.sessions
      .findByIdAndUpdate(careSession._id, [{ $set: takeOne }], { session, updatePipeline: true })
      .orFail()
      .exec();
    const placed = counters.confirmedCount < counters.capacity;
    const status = placed ? CONFIRMED : WAITLISTED;
    const booking = {
      sessionId: careSession._id,
      itemId: item._id,
      status,
      queuedSeq: placed ? null : counters.waitlistSeq + 1,
      history: [{ status, at: this.clock.now(), note: null }],
      onBehalf,
      ...restingOn(item.category, consent),
      ...givenBy(provider, item),
      ...aboutResident(resident),
    };
    const [created] = await this.bookings.create([booking], { session });
    await this.outbox.record(placed ? careBookingConfirmed : careBookingWaitlisted, bookingFact(created), { session });
    return created;
  }

  cancel(booking: SessionBookingDocument, reason: string | undefined): Promise<SessionBookingDocument> {
    return this.perSession.run(String(booking.sessionId), () =>
      withTransaction(this.connection, (session) =>
        this.release(booking._id, CancellationCause.REQUESTED, reason ?? null, session),
      ),
    );
  }

  /** Cancels an open booking; a place it held goes to the first in line, or stays free when nobody waits. */
  private async release(
    bookingId: Types.ObjectId,
    cause: CancellationCause,
    reason: string | null,
    session: ClientSession,
  ): Promise<SessionBookingDocument> {
    const cancellation = { cause, reason, at: this.clock.now() };
    const before = await this.bookings
      .findOneAndUpdate(
        { _id: bookingId, status: { $in: OPEN_BOOKING_STATUSES } },
        {
          $set: { status: CANCELLED, cancellation },
          $push: { history: { status: CANCELLED, at: cancellation.at, note: reason } },
        },
        { session },
      )
      .exec();
    if (!before) throw SessionErrors.illegalStep(CANCELLED);
    const promoted =
      before.status === CONFIRMED
        ? await this.bookings
            .findOneAndUpdate(
              { sessionId: before.sessionId, status: WAITLISTED },
              {
                $set: { status: CONFIRMED, queuedSeq: null, promotedAt: this.clock.now() },
                $push: { history: { status: CONFIRMED, at: this.clock.now(), note: null } },
              },
              { sort: { queuedSeq: 1 }, session, returnDocument: 'after' },
            )
            .exec()
        : null;
    // A promotion moves a place from the line to the one promoted: the places taken stay as they were.
    const counters = before.status === WAITLISTED || promoted ? { waitlistedCount: -1 } : { confirmedCount: -1 };
    await this.sessions.updateOne({ _id: before.sessionId }, { $inc: counters }, { session }).exec();
    if (promoted) await this.outbox.record(careBookingPromoted, bookingFact(promoted), { session });
    await this.outbox.record(careBookingCancelled, { ...bookingFact(before), cause }, { session });
    return (await this.bookings.findById(bookingId, null, { session }).exec())!;
  }

  /**
   * Organization reported that the resident moved out: their open bookings close in the consumer's transaction,
   * freeing places.
   */
  private async closeOpenBookings(
    residentId: Types.ObjectId,
    cause: CancellationCause,
    session: ClientSession,
  ): Promise<void> {
    const open = await this.bookings
      .find({ residentId, status: { $in: OPEN_BOOKING_STATUSES } }, { _id: 1 }, { session })
      .lean()
      .exec();
    for (const { _id } of open) await this.release(_id, cause, null, session);
  }

  /**
   * Where each WAITLISTED booking stands in line (1 is next), for every booking asked for in the request: one query
   * over the lines of their sessions.
   */
  waitlistPosition(loaders: RequestLoaders, booking: SessionBookingDocument): Promise<number | null> {
    if (booking.status !== WAITLISTED) return Promise.resolve(null);
    return loaders
      .get<string, number[]>('SessionBooking.line', async (sessionIds) => {
        const lines = await this.bookings
          .aggregate<{ _id: Types.ObjectId; seqs: number[] }>([
            { $match: { sessionId: { $in: sessionIds.map(asObjectId) }, status: WAITLISTED } },
            { $sort: { queuedSeq: 1 } },
            { $group: { _id: '$sessionId', seqs: { $push: '$queuedSeq' } } },
          ])
          .exec();
        return sessionIds.map((id) => lines.find((line) => String(line._id) === id)?.seqs ?? []);
      })
      .load(String(booking.sessionId))
      .then((seqs) => seqs.indexOf(booking.queuedSeq!) + 1);
  }

  loadSession(loaders: RequestLoaders, id: unknown): Promise<CareSessionDocument | null> {
    return loadById(loaders, this.sessions, id);
  }

  requireSession(loaders: RequestLoaders, id: string): Promise<CareSessionDocument> {
    return requireById(loaders, this.sessions, id, SessionErrors.notFound);
  }

  loadBooking(loaders: RequestLoaders, id: unknown): Promise<SessionBookingDocument | null> {
    return loadById(loaders, this.bookings, id);
  }

  requireBooking(loaders: RequestLoaders, id: string): Promise<SessionBookingDocument> {
    return requireById(loaders, this.bookings, id, SessionErrors.bookingNotFound);
  }

  /** An item's sessions by start time, batched across the items of the request. */
  sessionsOf(loaders: RequestLoaders, itemId: string, { from, ...page }: CareSessionsArgs) {
    return childConnection(loaders, this.sessions, 'itemId', itemId, page, {
      sortBy: 'startsAt',
      filter: from ? { startsAt: { $gte: from } } : {},
    });
  }

  /** The bookings of a session or of a resident, in booking order, inside `reach`; batched across parents. */
  bookingsOf(
    loaders: RequestLoaders,
    parent: 'sessionId' | 'residentId',
    parentId: string,
    reach: QueryFilter<ProvidedCare>,
    { status, ...page }: SessionBookingsArgs,
  ) {
    return childConnection(loaders, this.bookings, parent, parentId, page, {
      filter: { $and: [reach, status ? { status } : {}] },
    });
  }
}

function bookingFact(booking: SessionBookingDocument) {
  return { bookingId: booking.id, sessionId: String(booking.sessionId), residentId: String(booking.residentId) };
}
