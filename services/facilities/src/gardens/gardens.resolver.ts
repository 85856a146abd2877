import {
  ConnectionArgs,
  type GraphQLRequestContext,
  Public,
  ReferenceContext,
  requirePermission,
  IdArgs,
  nullWhileDown,
  StepFieldsResolver,
  allowedSteps,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { householdToActFor } from '../shared/household-to-act-for';
import { PlaceFieldsResolver } from '../shared/place-fields.resolver';
import { recordToChange } from '../shared/record-to-change';
import { PlaceKind } from '../organization-copy/known-place.schema';
import { InPlaceArgs } from '../organization-copy/place.inputs';
import { livesIn } from '../organization-copy/territory.access';
import { TerritoryService } from '../organization-copy/territory.service';
import { Household, stub } from '../organization-copy/territory.types';
import { GardenClaim, GardenClaimant, type GardenClaimDocument } from './garden-claim.schema';
import { GardenPlot, type GardenPlotDocument } from './garden-plot.schema';
import { mayActOnClaim, mayManageGardensAt, mayReadClaimHousehold } from './gardens.access';
import { GardenErrors } from './gardens.errors';
import {
  ClaimGardenPlotInput,
  LogGardenCareInput,
  RegisterGardenPlotInput,
  ReleaseGardenClaimInput,
} from './gardens.inputs';
import { type Claimant, GardensService } from './gardens.service';
import { GardenClaimAction, GARDEN_CLAIM_STEPS, gardenClaimHistory } from './garden-claim-steps';
import {
  ClaimGardenPlotPayload,
  GardenCareLogConnection,
  GardenClaimConnection,
  GardenClaimStepConnection,
  GardenPlotConnection,
  GardenPlotStatus,
  LogGardenCarePayload,
  RegisterGardenPlotPayload,
  ReleaseGardenClaimPayload,
} from './gardens.types';

@Resolver(() => GardenPlot)
export class GardenPlotResolver extends PlaceFieldsResolver(GardenPlot) {
  constructor(
    private readonly gardens: GardensService,
    private readonly territory: TerritoryService,
  ) {
    super();
  }

  @Public()
  @Query(() => GardenPlot, { nullable: true, description: 'A garden plot by its id; null when there is none.' })
  gardenPlot(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.gardens.loadPlot(loaders, id);
  }

  @Public()
  @Query(() => GardenPlotConnection, {
    nullable: true,
    description: nullWhileDown('Plots by name, in a community or compound.', 'facilities'),
  })
  gardenPlots(@Args() args: InPlaceArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.gardens.listPlots(loaders, args);
  }

  @Mutation(() => RegisterGardenPlotPayload, {
    description:
      'Puts a plot of a shared flower bed on the map in a community or compound.\n\n' +
      'Street staff, the community secretary, the compound branch secretary or a grid worker covering the place.',
  })
  async registerGardenPlot(
    @Args('input', { description: 'The plot.' }) input: RegisterGardenPlotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RegisterGardenPlotPayload> {
    const place = await this.territory.resolve(loaders, input.placeId, [PlaceKind.COMMUNITY, PlaceKind.COMPOUND]);
    requirePermission(mayManageGardensAt(place));
    return { gardenPlot: await this.gardens.registerPlot(input, place) };
  }

  @Mutation(() => ClaimGardenPlotPayload, {
    description:
      'Claims a plot under a covenant: ACTIVE when it is free, WAITING for it otherwise.\n\n' +
      'A resident for their own household; the managers for any household there or a volunteer team.',
  })
  async claimGardenPlot(
    @Args('input', { description: 'The plot, the covenant and the claimant.' }) input: ClaimGardenPlotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<ClaimGardenPlotPayload> {
    const plot = await recordToChange(this.gardens.plots, input.plotId, GardenErrors.plotNotFound);
    return {
      gardenClaim: await this.gardens.claim(plot, await this.claimantFor(loaders, plot, input), input.covenant),
    };
  }

  @Mutation(() => LogGardenCarePayload, {
    description:
      'Logs watering, weeding… on a plot; the claim holding it lapses later.\n\n' +
      'The claimant holding the plot, or the managers.',
  })
  async logGardenCare(
    @Args('input', { description: 'The plot and the care.' }) { plotId, kind, note }: LogGardenCareInput,
  ): Promise<LogGardenCarePayload> {
    const plot = await recordToChange(this.gardens.plots, plotId, GardenErrors.plotNotFound);
    const claim = await this.gardens.holderOf(plot._id);
    if (!claim) throw GardenErrors.illegalStep(GardenClaimAction.LOG_CARE, 'no claim holds the plot now');
    requirePermission(mayActOnClaim(claim));
    return this.gardens.logCare(claim, kind, note);
  }

  @Public()
  @ResolveField(() => GardenPlotStatus, { description: 'Whether a claim holds it now.' })
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
    if (input.teamName && input.householdId) throw GardenErrors.invalidClaimant();
    if (input.teamName) {
      requirePermission(mayManageGardensAt(plot));
      return { kind: GardenClaimant.VOLUNTEER_TEAM, teamName: input.teamName };
    }
    const household = await householdToActFor(this.territory, loaders, {
      named: input.householdId,
      managesPlace: () => mayManageGardensAt(plot),
      livesThere: (household) =>
        household.communityId.equals(plot.communityId) &&
        (!plot.compoundId || plot.compoundId.equals(household.compoundId)),
      livesElsewhere: GardenErrors.invalidHousehold,
    });
    return { kind: GardenClaimant.HOUSEHOLD, household };
  }
}

@Resolver(() => GardenClaim)
export class GardenClaimResolver extends StepFieldsResolver(GardenClaim, {
  connection: GardenClaimStepConnection,
  actions: GardenClaimAction,
  history: gardenClaimHistory,
  nextSteps: (claim: GardenClaimDocument) =>
    mayActOnClaim(claim) ? allowedSteps(GARDEN_CLAIM_STEPS, claim.status) : [],
  isPublic: true,
}) {
  constructor(private readonly gardens: GardensService) {
    super();
  }

  @Mutation(() => ReleaseGardenClaimPayload, {
    description:
      'Gives a claim up (or leaves the waiting list); the plot passes to the next in line.\n\n' +
      'The claimant, or the managers.',
  })
  async releaseGardenClaim(
    @Args('input', { description: 'The claim.' }) { claimId }: ReleaseGardenClaimInput,
  ): Promise<ReleaseGardenClaimPayload> {
    const claim = await recordToChange(this.gardens.claims, claimId, GardenErrors.claimNotFound);
    requirePermission(mayActOnClaim(claim));
    return { gardenClaim: await this.gardens.release(claim) };
  }

  @Public()
  @ResolveField(() => GardenPlot, { description: 'The plot claimed.' })
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
