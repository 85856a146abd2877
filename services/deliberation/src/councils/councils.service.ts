import { councilFormed, meetingHeld, meetingScheduled, type Place } from '@gongzhi/contracts';
import {
  childConnection,
  type ConnectionArgs,
  loadById,
  paginate,
  OutboxPublisher,
  type RequestLoaders,
  withTransaction,
  Clock,
  refusalFor,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type Connection, type Model, type QueryFilter, Types } from 'mongoose';
import { MotionsService } from '../motions/motions.service';
import { deliberationListFilter } from '../shared/deliberation.access';
import { TerritoryService } from '../organization-copy/territory.service';
import { seatedPartnerFilter } from './councils.access';
import { stepsFrom } from '../motions/motion-state-machine';
import type { TerritoryPlace } from '../organization-copy/territory.schema';
import { COUNCIL_PLACE, missingSeats } from './council-rules';
import { CouncilErrors } from './council.errors';
import { actorRef } from '../shared/actor-ref';
import { recordOverride } from '../shared/rule-override';
import type {
  CouncilFilterArgs,
  FormCouncilInput,
  GiveSeatOpinionInput,
  RecordMeetingInput,
  ScheduleMeetingInput,
  SeatPartnerOnCouncilInput,
} from './council.inputs';
import {
  Council,
  type CouncilDocument,
  MAX_SEATS,
  Meeting,
  type MeetingDocument,
  type Seat,
  type SeatOpinion,
} from './council.schema';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Councils with their seats, and their meetings from agenda to minutes. */
@Injectable()
export class CouncilsService {
  constructor(
    @InjectModel(Council.name) private readonly councils: Model<Council>,
    @InjectModel(Meeting.name) private readonly meetings: Model<Meeting>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly motions: MotionsService,
    private readonly clock: Clock,
    private readonly territory: TerritoryService,
  ) {}

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.councils, id);
  }

  async require(loaders: RequestLoaders, id: string): Promise<CouncilDocument> {
    const council = await this.load(loaders, id);
    if (!council) throw CouncilErrors.notFound(id);
    return council;
  }

  loadMeeting(loaders: RequestLoaders, id: string) {
    return loadById(loaders, this.meetings, id);
  }

  async requireMeeting(loaders: RequestLoaders, id: string): Promise<MeetingDocument> {
    const meeting = await this.loadMeeting(loaders, id);
    if (!meeting) throw CouncilErrors.meetingNotFound(id);
    return meeting;
  }

  /** `compound` is the place's compound, whose property company (or its absence) decides a three-party council's seats. */
  async form(
    input: FormCouncilInput,
    place: TerritoryPlace,
    compound: TerritoryPlace | null,
    convenedByOrgUnitId: string | null,
  ): Promise<CouncilDocument> {
    const needs = COUNCIL_PLACE[input.kind];
    if (place.kind !== needs) throw CouncilErrors.wrongPlace(input.kind, needs, place.kind);
    const missing = missingSeats(
      input.kind,
      input.seats.map((seat) => seat.role),
      compound?.hasPropertyCompany ?? null,
    );
    if (missing.length > 0) throw CouncilErrors.seatsMissing(input.kind, missing);
    for (const seat of input.seats)
      if (seat.partnerUnitId) await this.requireAgreementInForce(seat.partnerUnitId, place.communityId);
    return withTransaction(this.connection, async (session) => {
      const [council] = await this.councils.create(
        [
          {
            name: input.name,
            kind: input.kind,
            communityId: place.communityId,
            compoundId: place.compoundId,
            buildingId: place.buildingId,
            seats: input.seats,
            convenedByOrgUnitId,
          },
        ],
        { session },
      );
      await this.outbox.record(
        councilFormed,
        {
          councilId: council.id,
          kind: council.kind,
          name: council.name,
          seats: council.seats.length,
          communityId: council.communityId,
          compoundId: council.compoundId,
          buildingId: council.buildingId,
        },
        { session },
      );
      return council;
    });
  }

  async schedule(council: CouncilDocument, input: ScheduleMeetingInput): Promise<MeetingDocument> {
    const motionIds = [...new Set(input.agenda.flatMap((item) => (item.motionId ? [item.motionId] : [])))];
    const found = await this.motions.motions
      .find({ _id: { $in: motionIds }, communityId: council.communityId }, { _id: 1, state: 1 })
      .lean();
    // An unknown motion and one of another community answer alike: the convener may not see the others' motions.
    const elsewhere = motionIds.find((id) => !found.some((motion) => String(motion._id) === id));
    if (elsewhere) throw CouncilErrors.agendaMotionElsewhere(elsewhere);
    const ended = found.find((motion) => stepsFrom(motion.state).length === 0);
    if (ended) throw CouncilErrors.agendaMotionEnded(String(ended._id), ended.state);
    return withTransaction(this.connection, async (session) => {
      const [meeting] = await this.meetings.create(
        [
          {
            councilId: council._id,
            communityId: council.communityId,
            compoundId: council.compoundId,
            buildingId: council.buildingId,
            title: input.title,
            scheduledAt: input.scheduledAt,
            location: input.location,
            agenda: input.agenda.map((item) => ({
              title: item.title,
              motionId: item.motionId ? new Types.ObjectId(item.motionId) : null,
            })),
          },
        ],
        { session },
      );
      await this.outbox.record(
        meetingScheduled,
        { meetingId: meeting.id, councilId: council.id, scheduledAt: meeting.scheduledAt.toISOString(), motionIds },
        { session },
      );
      return meeting;
    });
  }

  async record(
    meeting: MeetingDocument,
    council: CouncilDocument,
    input: RecordMeetingInput,
  ): Promise<MeetingDocument> {
    if (meeting.heldAt) throw CouncilErrors.alreadyHeld(meeting.id);
    const early = meeting.scheduledAt.getTime() > this.clock.nowMs();
    if (early && !input.override) throw CouncilErrors.notYetDue(meeting.id, meeting.scheduledAt);
    const override = early
      ? { rule: 'MEETING.NOT_YET_DUE', reason: input.override!.reason, at: this.clock.now(), by: actorRef() }
      : null;
    const seatIds = new Set(council.seats.map((seat) => seat.id));
    const unknownSeat = input.attendance.find((person) => person.seatId && !seatIds.has(person.seatId));
    if (unknownSeat) throw CouncilErrors.unknownSeat(unknownSeat.seatId!);
    const heldAt = this.clock.now();
    const attendance = input.attendance.map((person) => ({
      ...person,
      seatId: person.seatId ? new Types.ObjectId(person.seatId) : null,
    }));
    const held = await withTransaction(this.connection, async (session) => {
      const updated = await this.meetings
        .findOneAndUpdate(
          { _id: meeting._id, heldAt: null },
          { $set: { attendance, minutes: input.minutes, heldAt, override } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!updated) return null;
      await this.outbox.record(
        meetingHeld,
        {
          meetingId: updated.id,
          councilId: council.id,
          heldAt: heldAt.toISOString(),
          present: attendance.filter((person) => person.present).length,
          motionIds: updated.agenda.flatMap((item) => (item.motionId ? [String(item.motionId)] : [])),
        },
        { session },
      );
      await recordOverride(
        this.outbox,
        session,
        'MEETING.NOT_YET_DUE',
        { type: 'Meeting', id: updated.id, communityId: updated.communityId },
        override?.reason,
      );
      return updated;
    });
    if (!held) throw CouncilErrors.alreadyHeld(meeting.id);
    return held;
  }

  /** Only a partner with a co-building agreement in force with the community takes a seat there. */
  private async requireAgreementInForce(partnerUnitId: string, communityId: string): Promise<void> {
    if (!(await this.territory.agreementInForce(partnerUnitId, communityId, isoDay(this.clock.now()))))
      throw CouncilErrors.partnerWithoutAgreement(partnerUnitId, communityId);
  }

  async seatPartner(
    council: CouncilDocument,
    input: SeatPartnerOnCouncilInput,
  ): Promise<{ council: CouncilDocument; seat: Seat }> {
    if (council.seats.some((seat) => seat.partnerUnitId === input.partnerUnitId))
      throw CouncilErrors.alreadySeated(input.partnerUnitId);
    if (council.seats.length >= MAX_SEATS) throw CouncilErrors.tooManySeats(MAX_SEATS);
    await this.requireAgreementInForce(input.partnerUnitId, council.communityId);
    const seat = {
      _id: new Types.ObjectId(),
      role: input.role,
      holderName: input.holderName,
      residentId: null,
      partnerUnitId: input.partnerUnitId,
    };
    // Written only if the partner is still unseated and there is room: two conveners at once seat it once.
    const updated = await this.councils
      .findOneAndUpdate(
        {
          _id: council._id,
          'seats.partnerUnitId': { $ne: input.partnerUnitId },
          [`seats.${MAX_SEATS - 1}`]: { $exists: false },
        },
        { $push: { seats: seat } },
        { returnDocument: 'after' },
      )
      .exec();
    if (!updated) throw CouncilErrors.alreadySeated(input.partnerUnitId);
    return { council: updated, seat: updated.seats.find((held) => held.id === String(seat._id))! };
  }

  /** Takes a seat off; one the council's kind needs stays (COUNCIL.SEATS_MISSING), so form it afresh to change those. */
  async unseat(council: CouncilDocument, seatId: string, compound: TerritoryPlace | null): Promise<CouncilDocument> {
    if (!council.seats.some((seat) => seat.id === seatId)) throw CouncilErrors.seatNotFound(seatId);
    const left = council.seats.filter((seat) => seat.id !== seatId).map((seat) => seat.role);
    const missing = missingSeats(council.kind, left, compound?.hasPropertyCompany ?? null);
    if (missing.length > 0) throw CouncilErrors.seatsMissing(council.kind, missing);
    const updated = await this.councils
      .findOneAndUpdate(
        { _id: council._id, 'seats._id': new Types.ObjectId(seatId) },
        { $pull: { seats: { _id: new Types.ObjectId(seatId) } } },
        { returnDocument: 'after' },
      )
      .exec();
    if (!updated) throw CouncilErrors.seatNotFound(seatId);
    return updated;
  }

  /** A seat's opinion before the meeting: one per seat and item, the latest kept. */
  async giveSeatOpinion(
    meeting: MeetingDocument,
    seat: Seat,
    input: GiveSeatOpinionInput,
  ): Promise<{ meeting: MeetingDocument; seatOpinion: SeatOpinion }> {
    if (meeting.heldAt) throw CouncilErrors.alreadyHeld(meeting.id);
    if (input.motionId && !meeting.agenda.some((item) => String(item.motionId) === input.motionId))
      throw CouncilErrors.motionNotOnAgenda(input.motionId);
    const seatId = new Types.ObjectId(seat.id);
    const motionId = input.motionId ? new Types.ObjectId(input.motionId) : null;
    const opinion: SeatOpinion = {
      seatId,
      holderName: seat.holderName,
      motionId,
      position: input.position,
      text: input.text,
      givenAt: this.clock.now(),
    };
    // The seat's earlier opinion on the item goes and the new one is appended, together or not at all.
    const updated = await withTransaction(this.connection, async (session) => {
      const open = { _id: meeting._id, heldAt: null };
      await this.meetings.updateOne(open, { $pull: { seatOpinions: { seatId, motionId } } }, { session }).exec();
      return this.meetings
        .findOneAndUpdate(open, { $push: { seatOpinions: opinion } }, { session, returnDocument: 'after' })
        .exec();
    });
    if (!updated) throw CouncilErrors.alreadyHeld(meeting.id);
    return { meeting: updated, seatOpinion: opinion };
  }

  /** What the caller may list: what is deliberated where they serve or live, and the councils a partner sits on. */
  private councilReach(residence: Place | null): Record<string, unknown> {
    return anyOf([deliberationListFilter(residence), seatedPartnerFilter()]);
  }

  /** The ids of the councils the calling partner sits on and takes part in, once per request. */
  seatedCouncilIds(loaders: RequestLoaders): Promise<Types.ObjectId[]> {
    const filter = seatedPartnerFilter();
    if (!filter) return Promise.resolve([]);
    return loaders
      .get<string, Types.ObjectId[]>('councils.seated', async (keys) => {
        const ids = (await this.councils.find(filter, { _id: 1 }).lean()).map((council) => council._id);
        return keys.map(() => ids);
      })
      .load('me');
  }

  /** Whether the calling partner sits on a council one of whose meetings takes the motion up. */
  async seatedPartnerMayRead(loaders: RequestLoaders, motionId: Types.ObjectId): Promise<boolean> {
    const councils = await this.seatedCouncilIds(loaders);
    return (
      councils.length > 0 &&
      Boolean(await this.meetings.exists({ councilId: { $in: councils }, 'agenda.motionId': motionId }))
    );
  }

  /**
   * By name: a community's or compound's councils, or those a unit convened (`parentField` names which), among those
   * the caller may list — one query for the first page of every parent asked about in a request.
   */
  ofParent(
    loaders: RequestLoaders,
    residence: Place | null,
    parentField: 'communityId' | 'compoundId' | 'convenedByOrgUnitId',
    parentId: string,
    { kind, ...page }: CouncilFilterArgs,
  ) {
    return childConnection(loaders, this.councils, parentField, parentId, page, {
      sortBy: 'name',
      filter: { $and: [this.councilReach(residence), kind ? { kind } : {}] },
      stringIds: true,
    });
  }

  /** By name, among the councils the caller may list. */
  listVisible(residence: Place | null, { kind, ...page }: CouncilFilterArgs, where: QueryFilter<Council> = {}) {
    const filter = { ...where, ...(kind && { kind }) };
    return paginate(this.councils, { $and: [this.councilReach(residence), filter] }, page, { sortBy: 'name' });
  }

  /**
   * The meetings whose agenda takes up the motion, oldest first, among those the caller may list: one query for the
   * first page of every motion asked about in a request.
   */
  async meetingsTakingUp(loaders: RequestLoaders, motionId: string, residence: Place | null, args: ConnectionArgs) {
    const seated = await this.seatedCouncilIds(loaders);
    const reach = anyOf([deliberationListFilter(residence), seated.length ? { councilId: { $in: seated } } : null]);
    return childConnection(loaders, this.meetings, 'agenda.motionId', motionId, args, {
      sortBy: 'scheduledAt',
      filter: reach,
    });
  }

  /** Soonest first. */
  meetingsOf(loaders: RequestLoaders, councilId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.meetings, 'councilId', councilId, args, { sortBy: 'scheduledAt' });
  }
}

/** A filter matching what any of the caller's reaches allows; refused when the caller has none. */
function anyOf(clauses: (Record<string, unknown> | null)[]): Record<string, unknown> {
  const reaches = clauses.filter((clause): clause is Record<string, unknown> => clause !== null);
  if (reaches.length === 0) throw refusalFor();
  return reaches.length === 1 ? reaches[0] : { $or: reaches };
}
