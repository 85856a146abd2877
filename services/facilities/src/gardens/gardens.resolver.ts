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
  Mutation,
  ObjectType,
  Parent,
  Query,
  registerEnumType,
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
import { GardenCareLog, GardenClaim, GardenClaimant, type GardenClaimDocument } from './garden-claim.schema';
import { GardenPlot, type GardenPlotDocument } from './garden-plot.schema';
import { mayActOnClaim, mayClaimFor, mayManageGardensAt, mayReadClaimHousehold } from './gardens.access';
import { GardenErrors } from './gardens.errors';
import {
  ClaimGardenPlotInput,
  LogGardenCareInput,
  RegisterGardenPlotInput,
  ReleaseGardenClaimArgs,
} from './gardens.inputs';
import { type Claimant, GardensService } from './gardens.service';

export enum GardenPlotStatus {
  AVAILABLE = 'AVAILABLE',
  CLAIMED = 'CLAIMED',
}
registerEnumType(GardenPlotStatus, { name: 'GardenPlotStatus' });

@ObjectType()
export class GardenPlotConnection extends Connection(GardenPlot) {}
@ObjectType()
export class GardenClaimConnection extends Connection(GardenClaim) {}
@ObjectType()
export class GardenCareLogConnection extends Connection(GardenCareLog) {}

@Resolver(() => GardenPlot)
export class GardenPlotResolver {
  constructor(
    private readonly gardens: GardensService,
    private readonly territory: TerritoryService,
  ) {}

  @Public()
  @Query(() => GardenPlot, { nullable: true })
  gardenPlot(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.gardens.loadPlot(loaders, id);
  }

  @Public()
  @Query(() => GardenPlotConnection, { description: 'Plots by name, in a community or compound.' })
  gardenPlots(@Args() args: InPlaceArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.gardens.listPlots(loaders, args);
  }

  @Mutation(() => GardenPlot, {
    description:
      'Street staff, the community secretary, the compound branch secretary or a grid worker covering the place.',
  })
  async registerGardenPlot(
    @Args('input') input: RegisterGardenPlotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const place = await this.territory.resolve(loaders, input.placeId, [PlaceKind.COMMUNITY, PlaceKind.COMPOUND]);
    requirePermission(mayManageGardensAt(place));
    return this.gardens.registerPlot(input, place);
  }

  @Mutation(() => GardenClaim, {
    description:
      'Claims a plot under a covenant: ACTIVE when it is free, WAITING for it otherwise. A resident for their own household; the managers for any household there or a volunteer team.',
  })
  async claimGardenPlot(@Args('input') input: ClaimGardenPlotInput, @Context() { loaders }: GraphQLRequestContext) {
    const plot = await recordToChange(this.gardens.plots, input.plotId, GardenErrors.plotNotFound);
    return this.gardens.claim(plot, await this.claimantFor(loaders, plot, input), input.covenant);
  }

  @Mutation(() => GardenCareLog, { description: 'Watering, weeding…: the claimant holding the plot, or the managers.' })
  async logGardenCare(@Args('input') { plotId, kind, note }: LogGardenCareInput) {
    const plot = await recordToChange(this.gardens.plots, plotId, GardenErrors.plotNotFound);
    const claim = await this.gardens.holderOf(plot._id);
    if (!claim) throw GardenErrors.notActive();
    requirePermission(mayActOnClaim(claim));
    return this.gardens.logCare(claim, kind, note);
  }

  @Public()
  @ResolveField(() => GardenPlotStatus)
  status(@Parent() plot: GardenPlotDocument) {
    return plot.currentClaimId ? GardenPlotStatus.CLAIMED : GardenPlotStatus.AVAILABLE;
  }

  @Public()
  @ResolveField(() => GardenClaim, { nullable: true, description: 'Who looks after it now, under which covenant.' })
  currentClaim(@Parent() plot: GardenPlotDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.gardens.loadClaim(loaders, plot.currentClaimId);
  }

  @Public()
  @ResolveField(() => GardenCareLogConnection, { description: 'Newest first.' })
  careLogs(
    @Parent() plot: GardenPlotDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.gardens.careLogsOf(loaders, plot.id, args);
  }

  @ResolveField(() => GardenClaimConnection, {
    nullable: true,
    description: 'The waiting list, in the order the plot passes on: the managers of its place.',
  })
  waitingClaims(
    @Parent() plot: GardenPlotDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    requirePermission(mayManageGardensAt(plot));
    return this.gardens.waitingFor(loaders, plot.id, args);
  }

  @Public()
  @ResolveField(() => Community)
  community(@Parent() plot: GardenPlotDocument) {
    return stub(plot.communityId, 'Community');
  }

  @Public()
  @ResolveField(() => Compound, { nullable: true })
  compound(@Parent() plot: GardenPlotDocument) {
    return plot.compoundId && stub(plot.compoundId, 'Compound');
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.gardens.loadPlot(loaders, reference.id);
  }

  /** A volunteer team (the managers claim for it), or a household living where the plot is. */
  private async claimantFor(
    loaders: GraphQLRequestContext['loaders'],
    plot: GardenPlotDocument,
    input: ClaimGardenPlotInput,
  ): Promise<Claimant> {
    if (input.teamName && input.householdId) throw GardenErrors.oneClaimant();
    if (input.teamName) {
      requirePermission(mayManageGardensAt(plot));
      return { kind: GardenClaimant.VOLUNTEER_TEAM, teamName: input.teamName };
    }
    const householdId = input.householdId ?? currentActor().householdId;
    if (!householdId) {
      requirePermission(mayManageGardensAt(plot));
      throw GardenErrors.householdRequired();
    }
    const household = await this.territory.household(loaders, householdId);
    requirePermission(mayClaimFor(householdId, plot));
    const livesThere =
      household.communityId.equals(plot.communityId) &&
      (!plot.compoundId || plot.compoundId.equals(household.compoundId));
    if (!livesThere) throw GardenErrors.householdNotHere(householdId);
    return { kind: GardenClaimant.HOUSEHOLD, household };
  }
}

@Resolver(() => GardenClaim)
export class GardenClaimResolver {
  constructor(private readonly gardens: GardensService) {}

  @Mutation(() => GardenClaim, {
    description:
      'Gives a claim up (or leaves the waiting list): the claimant, or the managers. The plot passes to the next in line.',
  })
  async releaseGardenClaim(@Args() { claimId }: ReleaseGardenClaimArgs) {
    const claim = await recordToChange(this.gardens.claims, claimId, GardenErrors.claimNotFound);
    requirePermission(mayActOnClaim(claim));
    return this.gardens.release(claim);
  }

  @Public()
  @ResolveField(() => GardenPlot)
  plot(@Parent() claim: GardenClaimDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.gardens.loadPlot(loaders, claim.plotId);
  }

  @ResolveField(() => Household, {
    nullable: true,
    description: 'A household’s claim: the household and the managers of the plot; null for a team’s.',
  })
  household(@Parent() claim: GardenClaimDocument) {
    if (!claim.householdId) return null;
    requirePermission(mayReadClaimHousehold(claim));
    return stub(claim.householdId, 'Household');
  }
}

@Resolver(() => Household)
export class HouseholdGardensResolver {
  constructor(
    private readonly gardens: GardensService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField(() => GardenClaimConnection, {
    nullable: true,
    description: 'Newest first: the household and the garden managers of its place.',
  })
  async gardenClaims(
    @Parent() household: Household,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const place = await this.territory.household(loaders, household.id);
    requirePermission(livesIn(household.id) || mayManageGardensAt(place));
    return this.gardens.claimsOf(loaders, household.id, args);
  }
}
