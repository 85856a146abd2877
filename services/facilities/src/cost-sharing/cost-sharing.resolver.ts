import {
  ConnectionArgs,
  type GraphQLRequestContext,
  listConnection,
  ReferenceContext,
  requirePermission,
  IdArgs,
  nullWhileDown,
  visibleOrNull,
} from '@gongzhi/platform';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { recordToChange } from '../shared/record-to-change';
import { PlaceKind } from '../organization-copy/known-place.schema';
import { livesIn } from '../organization-copy/territory.access';
import { TerritoryService } from '../organization-copy/territory.service';
import { Compound, Household, stub } from '../organization-copy/territory.types';
import { CostShare, type CostShareDocument, HouseholdCostShare } from './cost-share.schema';
import { mayKeepLedgerAt, mayReadCostShare, ownShare } from './cost-sharing.access';
import { CostSharingErrors } from './cost-sharing.errors';
import { CostSharesArgs, CreateCostShareInput, RecordCostSharePaymentInput } from './cost-sharing.inputs';
import { CostSharingService } from './cost-sharing.service';
import {
  CostShareConnection,
  CreateCostSharePayload,
  HouseholdCostShareConnection,
  RecordCostSharePaymentPayload,
} from './cost-sharing.types';

const sum = (shares: HouseholdCostShare[], of: (share: HouseholdCostShare) => number) =>
  shares.reduce((total, share) => total + of(share), 0);

@Resolver(() => CostShare)
export class CostShareResolver {
  constructor(
    private readonly ledger: CostSharingService,
    private readonly territory: TerritoryService,
  ) {}

  @Query(() => CostShare, {
    nullable: true,
    description:
      'A shared cost by id; null when there is none or the caller may not see it.\nThe ledger keepers of its compound, and the households sharing it.',
  })
  async costShare(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return visibleOrNull(await this.ledger.load(loaders, id), (costShare) => mayReadCostShare(costShare));
  }

  @Query(() => CostShareConnection, {
    nullable: true,
    description: 'The shared costs of a community’s compounds or of one compound, newest first.\nTheir ledger keepers.',
  })
  async costShares(@Args() { placeId, ...page }: CostSharesArgs, @Context() { loaders }: GraphQLRequestContext) {
    const place = await this.territory.resolve(loaders, placeId, [PlaceKind.COMMUNITY, PlaceKind.COMPOUND]);
    requirePermission(mayKeepLedgerAt(place));
    return this.ledger.ofPlace(place, page);
  }

  @Mutation(() => CreateCostSharePayload, {
    description:
      'Splits a shared cost among the households named (or every household of the compound), per household or by floor area as the property register has it, to the fen.\nThe community secretary, the compound branch secretary or the owners’ committee.',
  })
  async createCostShare(
    @Args('input', { description: 'The compound, the cost in fen and how it is split among households.' })
    input: CreateCostShareInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CreateCostSharePayload> {
    const compound = await this.territory.resolve(loaders, input.compoundId, [PlaceKind.COMPOUND]);
    requirePermission(mayKeepLedgerAt(compound));
    return { costShare: await this.ledger.create(loaders, compound, input) };
  }

  @Mutation(() => RecordCostSharePaymentPayload, {
    description: 'Records a household’s payment towards its share.\nThe ledger keepers.',
  })
  async recordCostSharePayment(
    @Args('input', { description: 'The cost share, the household and the amount paid in fen.' })
    input: RecordCostSharePaymentInput,
  ): Promise<RecordCostSharePaymentPayload> {
    const costShare = await recordToChange(this.ledger.costShares, input.costShareId, CostSharingErrors.notFound);
    requirePermission(mayKeepLedgerAt(costShare));
    return this.ledger.recordPayment(costShare, input);
  }

  @ResolveField(() => Int, { description: 'Paid so far, in fen.' })
  paidFen(@Parent() costShare: CostShareDocument) {
    return sum(costShare.shares, (share) => share.paidFen);
  }

  @ResolveField(() => Int, { description: 'Still owed, in fen.' })
  outstandingFen(@Parent() costShare: CostShareDocument) {
    return sum(costShare.shares, (share) => share.dueFen - share.paidFen);
  }

  @ResolveField(() => Int, { description: 'How many households share it.' })
  householdCount(@Parent() costShare: CostShareDocument) {
    return costShare.shares.length;
  }

  @ResolveField(() => Int, { description: 'Households that have paid their whole share.' })
  settledHouseholdCount(@Parent() costShare: CostShareDocument) {
    return costShare.shares.filter((share) => share.paidFen >= share.dueFen).length;
  }

  @ResolveField(() => HouseholdCostShareConnection, {
    description:
      'The households’ shares, in the order they were listed: every one for the ledger keepers; a household sees only its own.',
  })
  shares(@Parent() costShare: CostShareDocument, @Args() args: ConnectionArgs) {
    if (mayKeepLedgerAt(costShare)) return listConnection(costShare.shares, args);
    const own = ownShare(costShare);
    requirePermission(own !== undefined);
    return listConnection([own!], args);
  }

  @ResolveField(() => Compound, {
    nullable: true,
    description: nullWhileDown('The compound whose households share it.', 'organization'),
  })
  compound(@Parent() costShare: CostShareDocument) {
    return stub(costShare.compoundId, 'Compound');
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    const costShare = await this.ledger.load(loaders, reference.id);
    if (costShare) requirePermission(mayReadCostShare(costShare));
    return costShare;
  }
}

@Resolver(() => HouseholdCostShare)
export class HouseholdCostShareResolver {
  @ResolveField(() => Household, {
    nullable: true,
    description: nullWhileDown('The household this share is of.', 'organization'),
  })
  household(@Parent() share: HouseholdCostShare) {
    return stub(share.householdId, 'Household');
  }

  @ResolveField(() => Int, { description: 'Still owed, in fen.' })
  outstandingFen(@Parent() share: HouseholdCostShare) {
    return share.dueFen - share.paidFen;
  }
}

/** The shared costs of a compound, and of a household. */
@Resolver(() => Compound)
export class CompoundCostSharesResolver {
  constructor(
    private readonly ledger: CostSharingService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField(() => CostShareConnection, {
    nullable: true,
    description: 'Newest first: the compound’s ledger keepers.',
  })
  async costShares(
    @Parent() compound: Compound,
    @Args() page: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const place = await this.territory.resolve(loaders, compound.id, [PlaceKind.COMPOUND]);
    requirePermission(mayKeepLedgerAt(place));
    return this.ledger.ofPlace(place, page);
  }
}

@Resolver(() => Household)
export class HouseholdCostSharesResolver {
  constructor(
    private readonly ledger: CostSharingService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField(() => CostShareConnection, {
    nullable: true,
    description: 'The costs it shares, newest first: the household and the ledger keepers of its compound.',
  })
  async costShares(
    @Parent() household: Household,
    @Args() page: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const place = await this.territory.household(loaders, household.id);
    requirePermission(livesIn(household.id) || mayKeepLedgerAt(place));
    return this.ledger.ofHousehold(loaders, household.id, page);
  }
}
