import { councilFormed, meetingHeld, meetingScheduled, type Place } from '@gongzhi/contracts';
import {
  childConnection,
  type ConnectionArgs,
  loadById,
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
import { childrenVisible, deliberationListFilter, paginateVisible } from '../shared/deliberation.access';
import { stepsFrom } from '../motions/motion-state-machine';
import type { TerritoryPlace } from '../organization-copy/territory.schema';
import { COUNCIL_PLACE, missingSeats } from './council-rules';
import { CouncilErrors } from './council.errors';
import { actorRef } from '../shared/actor-ref';
import { recordOverride } from '../shared/rule-override';
import type { CouncilFilterArgs, FormCouncilInput, RecordMeetingInput, ScheduleMeetingInput } from './council.inputs';
import { Council, type CouncilDocument, Meeting, type MeetingDocument } from './council.schema';

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

  /** By name: a community's or compound's councils, or those a unit convened (`parentField` names which). */
  ofParent(
    loaders: RequestLoaders,
    residence: Place | null,
    parentField: 'communityId' | 'compoundId' | 'convenedByOrgUnitId',
    parentId: string,
    { kind, ...page }: CouncilFilterArgs,
  ) {
    return childrenVisible(loaders, this.councils, residence, parentField, parentId, kind ? { kind } : {}, page, {
      sortBy: 'name',
    });
  }

  /** By name, among the councils the caller may list. */
  listVisible(residence: Place | null, { kind, ...page }: CouncilFilterArgs, where: QueryFilter<Council> = {}) {
    return paginateVisible(this.councils, residence, { ...where, ...(kind && { kind }) }, page, { sortBy: 'name' });
  }

  /**
   * The meetings whose agenda takes up the motion, oldest first, among those the caller may list: one query for the
   * first page of every motion asked about in a request.
   */
  meetingsTakingUp(loaders: RequestLoaders, motionId: string, residence: Place | null, args: ConnectionArgs) {
    const reach = deliberationListFilter(residence);
    if (!reach) throw refusalFor();
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
