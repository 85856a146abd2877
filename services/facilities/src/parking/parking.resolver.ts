import {
  Connection,
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  Public,
  ReferenceContext,
  requirePermission,
  IdArgs,
} from '@gongzhi/platform';
import {
  Args,
  Context,
  Field,
  ID,
  Int,
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
import { livesIn } from '../organization-copy/territory.access';
import { TerritoryService } from '../organization-copy/territory.service';
import { Community, Compound, Household, stub } from '../organization-copy/territory.types';
import { GateEvent } from './gate-event.schema';
import { ParkingLot, type ParkingLotDocument, ParkingSpace } from './parking-lot.schema';
import {
  ParkingLottery,
  type ParkingLotteryDocument,
  ParkingPermit,
  type ParkingPermitDocument,
} from './parking-permit.schema';
import { ParkingViolation } from './parking-violation.schema';
import {
  mayAllocateAt,
  mayManageParkingAt,
  mayReadHouseholdParking,
  mayRecordViolationsAt,
  mayRegisterLotsAt,
  mayReportGateEvents,
} from './parking.access';
import { ParkingControlService } from './parking-control.service';
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
  RevokeParkingPermitArgs,
} from './parking.inputs';
import { ParkingLotsService } from './parking-lots.service';
import { ParkingPermitsService } from './parking-permits.service';
import { VisitorPass, type VisitorPassDocument } from './visitor-pass.schema';

@ObjectType()
export class ParkingLotConnection extends Connection(ParkingLot) {}
@ObjectType()
export class ParkingSpaceConnection extends Connection(ParkingSpace) {}
@ObjectType()
export class ParkingPermitConnection extends Connection(ParkingPermit) {}
@ObjectType()
export class GateEventConnection extends Connection(GateEvent) {}
@ObjectType()
export class VisitorPassConnection extends Connection(VisitorPass) {}
@ObjectType()
export class ParkingViolationConnection extends Connection(ParkingViolation) {}

@ObjectType({ description: 'What one allocation of a lot granted.' })
export class ParkingAllocation {
  @Field(() => [ParkingPermit], { description: 'In the order granted: waitlist order, or the order drawn.' })
  granted!: ParkingPermitDocument[];

  @Field(() => ParkingLottery, { nullable: true, description: 'The draw, when the allocation was a lottery.' })
  lottery!: ParkingLotteryDocument | null;

  @Field(() => Int, { description: 'Applications left on the waitlist.' })
  stillWaiting!: number;
}

@ObjectType({ description: 'A lottery drawn again from its recorded seed and candidates.' })
export class ParkingLotteryReproduction {
  @Field(() => ParkingLottery)
  lottery!: ParkingLotteryDocument;

  @Field(() => [ID], { description: 'The winners the recorded seed gives, in the order drawn.' })
  redrawnWinnerIds!: string[];

  @Field({ description: 'Whether they are exactly the winners recorded.' })
  matchesRecord!: boolean;
}

/** The lot a change is about. */
const lotToChange = (lots: ParkingLotsService, id: string) => recordToChange(lots.lots, id, ParkingErrors.lotNotFound);

@Resolver(() => ParkingLot)
export class ParkingLotResolver {
  constructor(
    private readonly lots: ParkingLotsService,
    private readonly permitsService: ParkingPermitsService,
    private readonly control: ParkingControlService,
    private readonly territory: TerritoryService,
  ) {}

  @Public()
  @Query(() => ParkingLot, { nullable: true })
  parkingLot(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.load(loaders, id);
  }

  @Public()
  @Query(() => ParkingLotConnection, { description: 'Lots by name, in a community or compound.' })
  parkingLots(@Args() args: InPlaceArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.list(loaders, args);
  }

  @Mutation(() => ParkingLot, {
    description: 'Street staff, the community secretary or the compound branch secretary covering the compound.',
  })
  async registerParkingLot(
    @Args('input') input: RegisterParkingLotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const compound = await this.territory.resolve(loaders, input.compoundId, [PlaceKind.COMPOUND]);
    requirePermission(mayRegisterLotsAt(compound));
    return this.lots.register(input, compound);
  }

  @Mutation(() => ParkingLot, { description: 'Marks spaces of one kind: as registerParkingLot.' })
  async addParkingSpaces(@Args('input') input: AddParkingSpacesInput) {
    const lot = await lotToChange(this.lots, input.lotId);
    requirePermission(mayRegisterLotsAt(lot));
    return this.lots.addSpaces(lot, input);
  }

  @Mutation(() => GateEvent, {
    description:
      'An entry or exit, from the gate vendor’s system with a key holding facilities:gate-events:write; moves the lot’s occupancy.',
  })
  async recordGateEvent(@Args('input') input: RecordGateEventInput) {
    const lot = await lotToChange(this.lots, input.lotId);
    requirePermission(mayReportGateEvents(lot));
    return this.lots.recordGateEvent(lot, input);
  }

  @Mutation(() => ParkingAllocation, {
    description:
      'Gives the free resident spaces to the waitlist, in its order or by lottery: the community secretary, the compound branch secretary or the owners’ committee.',
  })
  async allocateParkingPermits(@Args('input') { lotId, method }: AllocateParkingPermitsInput) {
    const lot = await lotToChange(this.lots, lotId);
    requirePermission(mayAllocateAt(lot));
    return this.permitsService.allocate(lot, method);
  }

  @Mutation(() => ParkingViolation, {
    description: 'The community secretary, the compound branch secretary or a grid worker covering the lot.',
  })
  async recordParkingViolation(@Args('input') input: RecordParkingViolationInput) {
    const lot = await lotToChange(this.lots, input.lotId);
    requirePermission(mayRecordViolationsAt(lot));
    return this.control.recordViolation(lot, input);
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
  @ResolveField(() => Community)
  community(@Parent() lot: ParkingLotDocument) {
    return stub(lot.communityId, 'Community');
  }

  @Public()
  @ResolveField(() => Compound)
  compound(@Parent() lot: ParkingLotDocument) {
    return stub(lot.compoundId, 'Compound');
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.lots.load(loaders, reference.id);
  }
}

@Resolver(() => ParkingPermit)
export class ParkingPermitResolver {
  constructor(
    private readonly lots: ParkingLotsService,
    private readonly permits: ParkingPermitsService,
    private readonly control: ParkingControlService,
    private readonly territory: TerritoryService,
  ) {}

  @Mutation(() => ParkingPermit, {
    description:
      'Puts a vehicle on the lot’s waitlist: a resident for their own household, or the parking managers for any household of the compound.',
  })
  async applyForParkingPermit(
    @Args('input') input: ApplyForParkingPermitInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const { lot, household } = await this.lotAndHousehold(loaders, input.lotId, input.householdId);
    return this.permits.apply(lot, household, input.plate);
  }

  @Mutation(() => VisitorPass, {
    description:
      'Lets a visitor’s vehicle in for up to 72 hours: a resident for their own household, or the parking managers.',
  })
  async issueVisitorPass(@Args('input') input: IssueVisitorPassInput, @Context() { loaders }: GraphQLRequestContext) {
    const { lot, household } = await this.lotAndHousehold(loaders, input.lotId, input.householdId);
    return this.control.issueVisitorPass(lot, household, input);
  }

  @Mutation(() => ParkingPermit, { description: 'Frees its space: as allocateParkingPermits.' })
  async revokeParkingPermit(@Args() { id, reason }: RevokeParkingPermitArgs) {
    const permit = await recordToChange(this.permits.permits, id, ParkingErrors.permitNotFound);
    requirePermission(mayAllocateAt(permit));
    return this.permits.revoke(permit, reason);
  }

  @ResolveField(() => ParkingLot)
  lot(@Parent() permit: ParkingPermitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.load(loaders, permit.lotId);
  }

  @ResolveField(() => ParkingSpace, { nullable: true })
  space(@Parent() permit: ParkingPermitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.lots.loadSpace(loaders, permit.spaceId);
  }

  @ResolveField(() => ParkingLottery, { nullable: true, description: 'The draw that granted it.' })
  lottery(@Parent() permit: ParkingPermitDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.permits.loadLottery(loaders, permit.lotteryId);
  }

  @ResolveField(() => Household)
  household(@Parent() permit: ParkingPermitDocument) {
    return stub(permit.householdId, 'Household');
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    const permit = await this.permits.load(loaders, reference.id);
    if (permit) requirePermission(mayReadHouseholdParking(permit));
    return permit;
  }

  /** The lot and the household a resident (their own) or a manager (any of the compound) acts for. */
  private async lotAndHousehold(
    loaders: GraphQLRequestContext['loaders'],
    lotId: string,
    householdId: string | undefined,
  ) {
    const lot = await lotToChange(this.lots, lotId);
    const id = householdId ?? currentActor().householdId;
    if (!id) {
      requirePermission(mayManageParkingAt(lot));
      throw ParkingErrors.householdRequired();
    }
    const household = await this.territory.household(loaders, id);
    requirePermission(livesIn(id) || mayManageParkingAt(lot));
    if (!household.compoundId.equals(lot.compoundId)) throw ParkingErrors.householdNotInCompound(id);
    return { lot, household };
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
    description: 'Draws a recorded lottery again from its seed and says whether the winners are the same.',
  })
  async reproduceParkingLottery(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const lottery = await this.permits.loadLottery(loaders, id);
    if (!lottery) throw ParkingErrors.lotteryNotFound(id);
    const redrawnWinnerIds = this.permits.redraw(lottery).map(String);
    return {
      lottery,
      redrawnWinnerIds,
      matchesRecord: redrawnWinnerIds.join() === lottery.winnerIds.map(String).join(),
    };
  }

  @Public()
  @ResolveField(() => ParkingLot)
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
  constructor(private readonly lots: ParkingLotsService) {}

  @ResolveField(() => ParkingLot)
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

  @ResolveField(() => ParkingPermitConnection, { nullable: true })
  async parkingPermits(
    @Parent() household: Household,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    await this.requireReadable(loaders, household.id);
    return this.permits.ofHousehold(loaders, household.id, args);
  }

  @ResolveField(() => VisitorPassConnection, { nullable: true })
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
