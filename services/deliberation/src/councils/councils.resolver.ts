import {
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  ReferenceContext,
  type RequestLoaders,
  requirePermission,
  IdArgs,
  nullWhileDown,
  visibleOrNull,
  optionalReference,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Building, Community, Compound, OrgUnit, PartnerUnit, Resident } from '../organization-copy/organization.types';
import { Motion, type MotionDocument } from '../motions/motion.schema';
import { MotionsService } from '../motions/motions.service';
import { mayReadDeliberationIn } from '../shared/deliberation.access';
import { inside } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import {
  CouncilFilterArgs,
  CouncilsArgs,
  FormCouncilInput,
  GiveSeatOpinionInput,
  RecordMeetingInput,
  ScheduleMeetingInput,
  SeatPartnerOnCouncilInput,
  UnseatFromCouncilInput,
} from './council.inputs';
import { AgendaItem, Council, type CouncilDocument, Meeting, type MeetingDocument, Seat } from './council.schema';
import { convenerUnitIdIn, mayConveneIn, partnerSeatOn, seatedPartnerFilter } from './councils.access';
import { CouncilsService } from './councils.service';
import {
  CouncilConnection,
  FormCouncilPayload,
  GiveSeatOpinionPayload,
  MeetingConnection,
  RecordMeetingPayload,
  ScheduleMeetingPayload,
  SeatPartnerOnCouncilPayload,
  UnseatFromCouncilPayload,
} from './councils.types';

/** Councils and their meetings; everyone who may read what is deliberated in a place reads its councils. */
@Resolver(() => Council)
export class CouncilsResolver {
  constructor(
    private readonly councils: CouncilsService,
    private readonly territory: TerritoryService,
  ) {}

  @Query(() => Council, {
    nullable: true,
    description:
      'A council by id; null when there is none or the caller may not read what is deliberated in its place (a partner seated on it with deliberation:councils:take-part may).',
  })
  async council(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const residence = await this.territory.residenceOf(loaders);
    return visibleOrNull(
      await this.councils.load(loaders, id),
      (council) => mayReadDeliberationIn(council, residence) || partnerSeatOn(council) !== null,
    );
  }

  @Query(() => CouncilConnection, {
    name: 'councils',
    nullable: true,
    description:
      'By name: the councils of the places the caller serves or lives in; for a partner taking part in councils, those it is seated on.',
  })
  async list(@Args() { placeId, ...args }: CouncilsArgs, @Context() { loaders }: GraphQLRequestContext) {
    const residence = await this.territory.residenceOf(loaders);
    if (!placeId) return this.councils.listVisible(residence, args);
    const place = await this.territory.requirePlace(loaders, placeId);
    // A partner seated somewhere lists, in any place, the councils it sits on there.
    requirePermission(mayReadDeliberationIn(place, residence) || seatedPartnerFilter() !== null);
    return this.councils.listVisible(residence, args, inside(place));
  }

  @Mutation(() => FormCouncilPayload, {
    description: 'COMMUNITY_SECRETARY, COMPOUND_BRANCH_SECRETARY or BUILDING_GROUP_LEADER covering the place.',
  })
  async formCouncil(
    @Args('input', { description: 'The council: its place, kind, name and seats.' }) input: FormCouncilInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<FormCouncilPayload> {
    const place = await this.territory.requirePlace(loaders, input.placeId);
    requirePermission(mayConveneIn(place));
    const compound = await this.territory.compound(loaders, place.compoundId);
    return { council: await this.councils.form(input, place, compound, convenerUnitIdIn(place)) };
  }

  @Mutation(() => SeatPartnerOnCouncilPayload, {
    description:
      "Seats a co-building partner unit (物业公司, a school, a park) on the council; with deliberation:councils:take-part its key then reads the council, its meetings and the motions they take up, and gives the seat's opinion.\nThe council's conveners.",
  })
  async seatPartnerOnCouncil(
    @Args('input', { description: 'The council, the partner unit and how the seat is posted.' })
    input: SeatPartnerOnCouncilInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<SeatPartnerOnCouncilPayload> {
    const council = await this.councils.require(loaders, input.councilId);
    requirePermission(mayConveneIn(council));
    return this.councils.seatPartner(council, input);
  }

  @Mutation(() => UnseatFromCouncilPayload, {
    description:
      "Takes a seat off the council (a partner unseated loses the council at once); not a seat the council's kind needs.\nThe council's conveners.",
  })
  async unseatFromCouncil(
    @Args('input', { description: 'The council and the seat.' }) input: UnseatFromCouncilInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<UnseatFromCouncilPayload> {
    const council = await this.councils.require(loaders, input.councilId);
    requirePermission(mayConveneIn(council));
    const compound = await this.territory.compound(loaders, council.compoundId);
    return { council: await this.councils.unseat(council, input.seatId, compound) };
  }

  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community it sits in.', 'organization'),
  })
  community(@Parent() council: CouncilDocument) {
    return optionalReference(council.communityId);
  }

  @ResolveField(() => Compound, { nullable: true, description: 'The compound it sits in, if one.' })
  compound(@Parent() council: CouncilDocument) {
    return optionalReference(council.compoundId);
  }

  @ResolveField(() => Building, { nullable: true, description: 'The building it sits in, if one.' })
  building(@Parent() council: CouncilDocument) {
    return optionalReference(council.buildingId);
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: 'The org unit whose officer formed it.' })
  convenedBy(@Parent() council: CouncilDocument) {
    return optionalReference(council.convenedByOrgUnitId);
  }

  @ResolveField(() => MeetingConnection, { description: 'Soonest first.' })
  meetings(
    @Parent() council: CouncilDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.councils.meetingsOf(loaders, council.id, args);
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.visible(loaders, await this.councils.load(loaders, reference.id));
  }

  private async visible(loaders: RequestLoaders, council: CouncilDocument | null) {
    if (council)
      requirePermission(
        mayReadDeliberationIn(council, await this.territory.residenceOf(loaders)) || partnerSeatOn(council) !== null,
      );
    return council;
  }
}

@Resolver(() => Seat)
export class SeatResolver {
  @ResolveField(() => Resident, {
    nullable: true,
    description: 'When a resident holds the seat; organization decides who sees them.',
  })
  resident(@Parent() seat: Seat) {
    return optionalReference(seat.residentId);
  }

  @ResolveField(() => PartnerUnit, { nullable: true, description: 'When a co-building partner unit holds the seat.' })
  partnerUnit(@Parent() seat: Seat) {
    return optionalReference(seat.partnerUnitId);
  }
}

@Resolver(() => Meeting)
export class MeetingsResolver {
  constructor(
    private readonly councils: CouncilsService,
    private readonly territory: TerritoryService,
  ) {}

  @Query(() => Meeting, {
    nullable: true,
    description:
      'A meeting by id; null when there is none or the caller may not read what is deliberated in its place.',
  })
  async meeting(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const residence = await this.territory.residenceOf(loaders);
    const meeting = await this.councils.loadMeeting(loaders, id);
    if (!meeting || mayReadDeliberationIn(meeting, residence)) return meeting;
    const council = await this.councils.load(loaders, meeting.councilId);
    return council && partnerSeatOn(council) ? meeting : null;
  }

  @Mutation(() => GiveSeatOpinionPayload, {
    description:
      "A seat's opinion on a meeting's business before it is held, one per seat and item (given again, it replaces the earlier).\nThe seat's holder: a partner seated on the council whose key has deliberation:councils:take-part, or a resident holding a seat.",
  })
  async giveSeatOpinion(
    @Args('input', { description: 'The meeting, the motion on its agenda if any, the position and the opinion.' })
    input: GiveSeatOpinionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<GiveSeatOpinionPayload> {
    const meeting = await this.councils.requireMeeting(loaders, input.meetingId);
    const council = await this.councils.require(loaders, String(meeting.councilId));
    const { residentId } = currentActor();
    const seat =
      partnerSeatOn(council) ??
      (residentId ? (council.seats.find((held) => held.residentId === residentId) ?? null) : null);
    // Reading the council is not enough: only a seat's holder speaks for the seat.
    if (!seat) requirePermission(false);
    return this.councils.giveSeatOpinion(meeting, seat!, input);
  }

  @Mutation(() => ScheduleMeetingPayload, {
    description: "The council's conveners: agenda items may take up motions of its community.",
  })
  async scheduleMeeting(
    @Args('input', { description: 'The council, and the meeting’s title, time, location and agenda.' })
    input: ScheduleMeetingInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<ScheduleMeetingPayload> {
    const council = await this.councils.require(loaders, input.councilId);
    requirePermission(mayConveneIn(council));
    return { meeting: await this.councils.schedule(council, input) };
  }

  @Mutation(() => RecordMeetingPayload, {
    description: 'Attendance and minutes, once, after the meeting: the council’s conveners.',
  })
  async recordMeeting(
    @Args('input', { description: 'The meeting, its attendance and minutes.' }) input: RecordMeetingInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RecordMeetingPayload> {
    const meeting = await this.councils.requireMeeting(loaders, input.meetingId);
    const council = await this.councils.require(loaders, String(meeting.councilId));
    requirePermission(mayConveneIn(council));
    return { meeting: await this.councils.record(meeting, council, input) };
  }

  @ResolveField(() => Council, { description: 'The council that meets.' })
  council(@Parent() meeting: MeetingDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.councils.load(loaders, meeting.councilId);
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemResolver {
  constructor(
    private readonly motions: MotionsService,
    private readonly councils: CouncilsService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField(() => Motion, {
    nullable: true,
    description: 'The motion the item takes up, as far as the caller may see it.',
  })
  async motion(@Parent() item: AgendaItem, @Context() { loaders }: GraphQLRequestContext) {
    if (!item.motionId) return null;
    const motion = await this.motions.load(loaders, String(item.motionId));
    if (!motion) return null;
    // A partner seated on a council reads the motions its meetings take up, and no other.
    requirePermission(
      mayReadDeliberationIn(motion, await this.territory.residenceOf(loaders)) ||
        (await this.councils.seatedPartnerMayRead(loaders, motion._id)),
    );
    return motion;
  }
}

/** The other way round from an agenda item: the meetings that take a motion up. */
@Resolver(() => Motion)
export class MotionMeetingsResolver {
  constructor(
    private readonly councils: CouncilsService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField(() => MeetingConnection, {
    description:
      'The council meetings (议事会) whose agenda takes it up, oldest first, as far as the caller may see them (as meeting(id) answers).',
  })
  async meetings(
    @Parent() motion: MotionDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.councils.meetingsTakingUp(loaders, motion.id, await this.territory.residenceOf(loaders), args);
  }
}

/** The councils of a community: its own, and its compounds' and buildings'. */
@Resolver(() => Community)
export class CommunityCouncilsResolver {
  constructor(
    private readonly councils: CouncilsService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField('councils', () => CouncilConnection, {
    nullable: true,
    description: 'By name, as far as the caller may see them.',
  })
  async councilsOf(
    @Parent() community: Community,
    @Args() args: CouncilFilterArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const residence = await this.territory.residenceOf(loaders);
    return this.councils.ofParent(loaders, residence, 'communityId', community.id, args);
  }
}

@Resolver(() => Compound)
export class CompoundCouncilsResolver {
  constructor(
    private readonly councils: CouncilsService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField('councils', () => CouncilConnection, {
    nullable: true,
    description: 'By name, its buildings’ included, as far as the caller may see them.',
  })
  async councilsOf(
    @Parent() compound: Compound,
    @Args() args: CouncilFilterArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const residence = await this.territory.residenceOf(loaders);
    return this.councils.ofParent(loaders, residence, 'compoundId', compound.id, args);
  }
}

@Resolver(() => OrgUnit)
export class OrgUnitCouncilsResolver {
  constructor(
    private readonly councils: CouncilsService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField('councils', () => CouncilConnection, {
    nullable: true,
    description: 'The councils its officers formed, as far as the caller may see them.',
  })
  async councilsOf(
    @Parent() unit: OrgUnit,
    @Args() args: CouncilFilterArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const residence = await this.territory.residenceOf(loaders);
    return this.councils.ofParent(loaders, residence, 'convenedByOrgUnitId', unit.id, args);
  }
}
