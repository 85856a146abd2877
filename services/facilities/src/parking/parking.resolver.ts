import {
  ConnectionArgs,
  type GraphQLRequestContext,
  Public,
  ReferenceContext,
  requirePermission,
  IdArgs,
  nullWhileDown,
  listConnection,
  StepFieldsResolver,
  allowedSteps,
  Clock,
} from '@gongzhi/platform';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { HouseholdPlaceIds } from '../organization-copy/place';
import { householdToActFor } from '../shared/household-to-act-for';
import { PlaceFieldsResolver } from '../shared/place-fields.resolver';
import { recordToChange } from '../shared/record-to-change';
import { PlaceKind } from '../organization-copy/known-place.schema';
import { InPlaceArgs } from '../organization-copy/place.inputs';
import { TerritoryService } from '../organization-copy/territory.service';
import { Household, stub } from '../organization-copy/territory.types';
import { ParkingLot, type ParkingLotDocument, ParkingSpace } from './parking-lot.schema';
import {
  ParkingLottery,
  type ParkingLotteryDocument,
  ParkingPermit,
  type ParkingPermitDocument,
} from './parking-permit.schema';
import { ParkingPermitAction, PARKING_PERMIT_STEPS, parkingPermitHistory } from './parking-permit-steps';
import {
  mayAllocateAt,
  mayManageParkingAt,
  mayReadHouseholdParking,
  mayRecordViolationsAt,
  mayRegisterLotsAt,
  mayReportGateEvents,
  mayRevokeVisitorPass,
} from './parking.access';
import { ParkingControlService } from './parking-control.service';
import { ParkingOverstaysService } from './parking-overstays.service';
import { ParkingErrors } from './parking.errors';
import {
  AddParkingSpacesInput,
  AllocateParkingPermitsInput,
  ApplyForParkingPermitInput,
  IssueVisitorPassInput,
  ParkingPermitsArgs,
  RecordGateEventInput,
  RecordParkingViolationInput,
  RegisterParkingLotInput,
  RevokeParkingPermitInput,
  RevokeVisitorPassInput,
  SetParkingLotMaxStayInput,
} from './parking.inputs';
import { ParkingLotsService } from './parking-lots.service';
import { ParkingPermitsService } from './parking-permits.service';
import {
  AddParkingSpacesPayload,
  AllocateParkingPermitsPayload,
  ApplyForParkingPermitPayload,
  GateEventConnection,
  IssueVisitorPassPayload,
  ParkingLotConnection,
  ParkingLotteryReproduction,
  ParkingOverstayConnection,
  ParkingPermitConnection,
  ParkingPermitStepConnection,
  ParkingSpaceConnection,
  ParkingViolationConnection,
  RecordGateEventPayload,
  RecordParkingViolationPayload,
  RegisterParkingLotPayload,
  RevokeParkingPermitPayload,
  RevokeVisitorPassPayload,
  SetParkingLotMaxStayPayload,
  VisitorPassConnection,
  VisitorPassStepConnection,
} from './parking.types';
import { VisitorPass, type VisitorPassDocument, VisitorPassStatus } from './visitor-pass.schema';
import { VISITOR_PASS_STEPS, VisitorPassAction, visitorPassHistory, visitorPassStatus } from './visitor-pass-steps';

/** The lot a change is about. */
const lotToChange = (lots: ParkingLotsService, id: string) => recordToChange(lots.lots, id, ParkingErrors.lotNotFound);

@Resolver(() => ParkingLot)
export class ParkingLotResolver extends PlaceFieldsResolver(ParkingLot, { compound: 'required' }) {
  constructor(
    private readonly lots: ParkingLotsService,
    private readonly permitsService: ParkingPermitsService,
    private readonly control: ParkingControlService,
    private readonly territory: TerritoryService,
    private readonly overstaysService: ParkingOverstaysService,
  ) {
    super();
  }

  @Public()
  @Query(() => ParkingLot, { nullable: true, description: 'A parking lot by its id; null when there is none.' })
  parkingLot(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.load(loaders, id);
  }

  @Public()
  @Query(() => ParkingLotConnection, {
    nullable: true,
    description: nullWhileDown('Lots by name, in a community or compound.', 'facilities'),
  })
  parkingLots(@Args() args: InPlaceArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.list(loaders, args);
  }

  @Mutation(() => RegisterParkingLotPayload, {
    description:
      'Puts a car park of a compound on the map.\n\n' +
      'Street staff, the community secretary or the compound branch secretary covering the compound.',
  })
  async registerParkingLot(
    @Args('input', { description: 'The lot.' }) input: RegisterParkingLotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RegisterParkingLotPayload> {
    const compound = await this.territory.resolve(loaders, input.compoundId, [PlaceKind.COMPOUND]);
    requirePermission(mayRegisterLotsAt(compound));
    return { parkingLot: await this.lots.register(input, compound) };
  }

  @Mutation(() => AddParkingSpacesPayload, {
    description: 'Marks spaces of one kind in a lot.\n\nAs registerParkingLot.',
  })
  async addParkingSpaces(
    @Args('input', { description: 'The lot, the kind and the numbers.' }) input: AddParkingSpacesInput,
  ): Promise<AddParkingSpacesPayload> {
    const lot = await lotToChange(this.lots, input.lotId);
    requirePermission(mayRegisterLotsAt(lot));
    return { parkingLot: await this.lots.addSpaces(lot, input) };
  }

  @Mutation(() => SetParkingLotMaxStayPayload, {
    description:
      'Sets how long an outsider’s car may stay in a lot before it is an overstay, or lifts the limit.\n\nAs registerParkingLot.',
  })
  async setParkingLotMaxStay(
    @Args('input', { description: 'The lot and the hours.' }) { lotId, maxStayHours }: SetParkingLotMaxStayInput,
  ): Promise<SetParkingLotMaxStayPayload> {
    const lot = await lotToChange(this.lots, lotId);
    requirePermission(mayRegisterLotsAt(lot));
    return { parkingLot: await this.overstaysService.setMaxStay(lot, maxStayHours ?? null) };
  }

  @Mutation(() => RecordGateEventPayload, {
    description:
      'Records an entry or exit and moves the lot’s occupancy; a retried vendorEventId is recorded once.\n\n' +
      'The gate vendor’s system, with a key holding facilities:gate-events:write.',
  })
  async recordGateEvent(
    @Args('input', { description: 'The event as the gate reports it.' }) input: RecordGateEventInput,
  ): Promise<RecordGateEventPayload> {
    const lot = await lotToChange(this.lots, input.lotId);
    requirePermission(mayReportGateEvents(lot));
    return { gateEvent: await this.lots.recordGateEvent(lot, input) };
  }

  @Mutation(() => AllocateParkingPermitsPayload, {
    description:
      'Gives the free resident spaces to the waitlist, in its order or by lottery.\n\n' +
      'The community secretary, the compound branch secretary or the owners’ committee.',
  })
  async allocateParkingPermits(
    @Args('input', { description: 'The lot and how to allocate.' }) { lotId, method }: AllocateParkingPermitsInput,
  ): Promise<AllocateParkingPermitsPayload> {
    const lot = await lotToChange(this.lots, lotId);
    requirePermission(mayAllocateAt(lot));
    return { parkingLot: lot, ...(await this.permitsService.allocate(lot, method)) };
  }

  @Mutation(() => RecordParkingViolationPayload, {
    description:
      'Records a vehicle parked against the rules.\n\n' +
      'The community secretary, the compound branch secretary or a grid worker covering the lot.',
  })
  async recordParkingViolation(
    @Args('input', { description: 'The vehicle, the lot and what it did.' }) input: RecordParkingViolationInput,
  ): Promise<RecordParkingViolationPayload> {
    const lot = await lotToChange(this.lots, input.lotId);
    requirePermission(mayRecordViolationsAt(lot));
    return { parkingViolation: await this.control.recordViolation(lot, input) };
  }

  @Public()
  @ResolveField(() => Int, { description: 'Spaces left now: capacity less the vehicles inside.' })
  free(@Parent() lot: ParkingLotDocument) {
    return Math.max(0, lot.capacity - lot.occupied);
  }

  @Public()
  @ResolveField(() => ParkingSpaceConnection, { description: 'By number.' })
  spaces(
    @Parent() lot: ParkingLotDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.lots.spacesOf(loaders, lot.id, args);
  }

  @ResolveField(() => ParkingPermitConnection, {
    nullable: true,
    description: 'In waitlist order: the parking managers of the compound.',
  })
  permits(
    @Parent() lot: ParkingLotDocument,
    @Args() args: ParkingPermitsArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayManageParkingAt(lot));
    return this.permitsService.ofLot(loaders, lot.id, args);
  }

  @ResolveField(() => GateEventConnection, {
    nullable: true,
    description: 'Newest first: the parking managers of the compound.',
  })
  gateEvents(
    @Parent() lot: ParkingLotDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayManageParkingAt(lot));
    return this.lots.gateEventsOf(loaders, lot.id, args);
  }

  @ResolveField(() => ParkingOverstayConnection, {
    nullable: true,
    description:
      'Vehicles inside now past what they were allowed (a visitor pass’s end, the lot’s maxStayHours for outsiders), the longest overdue first: the parking managers of the compound.',
  })
  overstays(
    @Parent() lot: ParkingLotDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayManageParkingAt(lot));
    return this.overstaysService.ofLot(loaders, lot.id, args);
  }

  @ResolveField(() => ParkingViolationConnection, {
    nullable: true,
    description: 'Newest first: the parking managers of the compound.',
  })
  violations(
    @Parent() lot: ParkingLotDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayManageParkingAt(lot));
    return this.control.violationsOf(loaders, lot.id, args);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.lots.load(loaders, reference.id);
  }
}

@Resolver(() => ParkingPermit)
export class ParkingPermitResolver extends StepFieldsResolver(ParkingPermit, {
  connection: ParkingPermitStepConnection,
  actions: ParkingPermitAction,
  history: parkingPermitHistory,
  nextSteps: (permit: ParkingPermitDocument) =>
    mayAllocateAt(permit) ? allowedSteps(PARKING_PERMIT_STEPS, permit.status) : [],
}) {
  constructor(
    private readonly lots: ParkingLotsService,
    private readonly permits: ParkingPermitsService,
    private readonly control: ParkingControlService,
    private readonly territory: TerritoryService,
  ) {
    super();
  }

  @Mutation(() => ApplyForParkingPermitPayload, {
    description:
      'Puts a vehicle on the lot’s waitlist.\n\n' +
      'A resident for their own household, or the parking managers for any household of the compound.',
  })
  async applyForParkingPermit(
    @Args('input', { description: 'The lot, the vehicle and the household.' }) input: ApplyForParkingPermitInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<ApplyForParkingPermitPayload> {
    const lot = await lotToChange(this.lots, input.lotId);
    const household = await this.householdAt(loaders, lot, input.householdId, ParkingErrors.permitHouseholdElsewhere);
    return { parkingPermit: await this.permits.apply(lot, household, input.plate) };
  }

  @Mutation(() => IssueVisitorPassPayload, {
    description:
      'Lets a visitor’s vehicle in for up to 72 hours.\n\n' +
      'A resident for their own household, or the parking managers for any household of the compound.',
  })
  async issueVisitorPass(
    @Args('input', { description: 'The lot, the vehicle, the household and when.' }) input: IssueVisitorPassInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<IssueVisitorPassPayload> {
    const lot = await lotToChange(this.lots, input.lotId);
    const household = await this.householdAt(loaders, lot, input.householdId, ParkingErrors.passHouseholdElsewhere);
    return { visitorPass: await this.control.issueVisitorPass(lot, household, input) };
  }

  @Mutation(() => RevokeParkingPermitPayload, {
    description: 'Takes an active permit back and frees its space.\n\nAs allocateParkingPermits.',
  })
  async revokeParkingPermit(
    @Args('input', { description: 'The permit and why.' }) { permitId, reason }: RevokeParkingPermitInput,
  ): Promise<RevokeParkingPermitPayload> {
    const permit = await recordToChange(this.permits.permits, permitId, ParkingErrors.permitNotFound);
    requirePermission(mayAllocateAt(permit));
    return { parkingPermit: await this.permits.revoke(permit, reason) };
  }

  @ResolveField(() => ParkingLot, { description: 'The lot the permit is for.' })
  lot(@Parent() permit: ParkingPermitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.load(loaders, permit.lotId);
  }

  @ResolveField(() => ParkingSpace, {
    nullable: true,
    description: 'The space granted (kept after REVOKED); null while WAITING.',
  })
  space(@Parent() permit: ParkingPermitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.loadSpace(loaders, permit.spaceId);
  }

  @ResolveField(() => ParkingLottery, { nullable: true, description: 'The draw that granted it.' })
  lottery(@Parent() permit: ParkingPermitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.permits.loadLottery(loaders, permit.lotteryId);
  }

  @ResolveField(() => Household, {
    nullable: true,
    description: nullWhileDown('The household (户) the permit belongs to.', 'organization'),
  })
  household(@Parent() permit: ParkingPermitDocument) {
    return stub(permit.householdId, 'Household');
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    const permit = await this.permits.load(loaders, reference.id);
    if (permit) requirePermission(mayReadHouseholdParking(permit));
    return permit;
  }

  /** The household of the lot's compound a resident (their own) or a manager (any there) acts for. */
  private householdAt(
    loaders: GraphQLRequestContext['loaders'],
    lot: ParkingLotDocument,
    named: string | undefined,
    livesElsewhere: (householdId: string) => Error,
  ): Promise<HouseholdPlaceIds> {
    return householdToActFor(this.territory, loaders, {
      named,
      managesPlace: () => mayManageParkingAt(lot),
      livesThere: (household) => household.compoundId.equals(lot.compoundId),
      livesElsewhere,
    });
  }
}

@Resolver(() => ParkingLottery)
export class ParkingLotteryResolver {
  constructor(
    private readonly lots: ParkingLotsService,
    private readonly permits: ParkingPermitsService,
  ) {}

  @Public()
  @Query(() => ParkingLottery, { nullable: true, description: 'Lotteries are public, so anyone can check a draw.' })
  parkingLottery(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.permits.loadLottery(loaders, id);
  }

  @Public()
  @Query(() => ParkingLotteryReproduction, {
    nullable: true,
    description:
      'Draws a recorded lottery again from its seed and says whether the winners are the same; null for an unknown id.',
  })
  async reproduceParkingLottery(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const lottery = await this.permits.loadLottery(loaders, id);
    if (!lottery) return null;
    const redrawnWinnerIds = this.permits.redraw(lottery).map(String);
    return {
      lottery,
      redrawnWinnerIds,
      matchesRecord: redrawnWinnerIds.join() === lottery.winnerIds.map(String).join(),
    };
  }

  @Public()
  @ResolveField(() => ParkingLot, { description: 'The lot whose spaces were drawn.' })
  lot(@Parent() lottery: ParkingLotteryDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.load(loaders, lottery.lotId);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.permits.loadLottery(loaders, reference.id);
  }
}

@Resolver(() => VisitorPass)
export class VisitorPassResolver {
  constructor(
    private readonly lots: ParkingLotsService,
    private readonly control: ParkingControlService,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => RevokeVisitorPassPayload, {
    description:
      'Takes a visitor pass back before it expires: the gate no longer lets the vehicle in on it.\n\n' +
      'A resident of the household it was issued for, or the parking managers of its place (as issueVisitorPass).',
  })
  async revokeVisitorPass(
    @Args('input', { description: 'The pass and why.' }) { visitorPassId, reason }: RevokeVisitorPassInput,
  ): Promise<RevokeVisitorPassPayload> {
    const pass = await recordToChange(this.control.passes, visitorPassId, ParkingErrors.passNotFound);
    requirePermission(mayRevokeVisitorPass(pass));
    return { visitorPass: await this.control.revokeVisitorPass(pass, reason) };
  }

  @ResolveField(() => VisitorPassStatus, { description: 'Where the pass stands now; its changes are in history.' })
  status(@Parent() pass: VisitorPassDocument) {
    return visitorPassStatus(pass, this.clock.now());
  }

  @ResolveField(() => VisitorPassStepConnection, {
    description: 'Issued, then revoked (with the reason) or expired, oldest first.',
  })
  history(@Parent() pass: VisitorPassDocument, @Args() page: ConnectionArgs) {
    return listConnection(visitorPassHistory(pass, this.clock.now()), page);
  }

  @ResolveField(() => [VisitorPassAction], {
    description: 'The steps the caller may take on the pass now: the buttons to show.',
  })
  nextSteps(@Parent() pass: VisitorPassDocument) {
    return mayRevokeVisitorPass(pass)
      ? allowedSteps(VISITOR_PASS_STEPS, visitorPassStatus(pass, this.clock.now()))
      : [];
  }

  @ResolveField(() => ParkingLot, { description: 'The lot the visitor may enter.' })
  lot(@Parent() pass: VisitorPassDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.load(loaders, pass.lotId);
  }
}

/** A household's permits and visitor passes: its members and the parking managers of its compound. */
@Resolver(() => Household)
export class HouseholdParkingResolver {
  constructor(
    private readonly permits: ParkingPermitsService,
    private readonly control: ParkingControlService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField(() => ParkingPermitConnection, {
    nullable: true,
    description: 'The household’s parking permits, in the order applied for.',
  })
  async parkingPermits(
    @Parent() household: Household,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    await this.requireReadable(loaders, household.id);
    return this.permits.ofHousehold(loaders, household.id, args);
  }

  @ResolveField(() => VisitorPassConnection, {
    nullable: true,
    description: 'The visitor passes the household issued, latest validFrom first.',
  })
  async visitorPasses(
    @Parent() household: Household,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    await this.requireReadable(loaders, household.id);
    return this.control.passesOf(loaders, household.id, args);
  }

  private async requireReadable(loaders: GraphQLRequestContext['loaders'], householdId: string) {
    const place = await this.territory.household(loaders, householdId);
    requirePermission(mayReadHouseholdParking(place));
  }
}
