import {
  Connection,
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  ReferenceContext,
  requirePermission,
} from '@gongzhi/platform';
import {
  Args,
  Context,
  Field,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { Building, Community, Compound, Resident, stub } from '../organization-copy/organization.types';
import { inside, residentIdOf } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import { stepsFrom } from './motion-state-machine';
import {
  AmendMotionInput,
  CommentOnMotionArgs,
  MotionFilterArgs,
  MotionIdArgs,
  MotionsArgs,
  RaiseMotionInput,
  ReturnMotionArgs,
} from './motion.inputs';
import { Motion, MotionComment, type MotionDocument, ReviewDecision } from './motion.schema';
import { mayActForRaiser, isResidentOfPlace, mayComment, mayPreReview, mayRaiseAt } from './motions.access';
import { mayReadDeliberationIn } from '../shared/deliberation.access';
import { MotionsService } from './motions.service';

@ObjectType()
export class MotionConnection extends Connection(Motion) {}
@ObjectType()
export class MotionCommentConnection extends Connection(MotionComment) {}

@ObjectType({ description: 'What co-signing a motion (联名) stands at.' })
class CoSigning {
  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'Co-signers a motion needs before it goes forward.' })
  required!: number;

  @Field({ description: 'Whether the caller has co-signed it.' })
  byMe!: boolean;
}

/**
 * Motions from raising to deliberation. Every way to a motion — the query, lists, a place's motions, an entity
 * reference — checks the caller against the policies in motions.access.ts.
 */
@Resolver(() => Motion)
export class MotionsResolver {
  constructor(
    private readonly motions: MotionsService,
    private readonly territory: TerritoryService,
  ) {}

  @Query(() => Motion, { nullable: true })
  async motion(@Args() { id }: MotionIdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.motions.loadVisible(loaders, id, await this.territory.residenceOf(loaders));
  }

  @Query(() => MotionConnection, {
    name: 'motions',
    nullable: true,
    description: 'Newest first: the motions of the places the caller serves or lives in.',
  })
  async list(@Args() { placeId, ...args }: MotionsArgs, @Context() { loaders }: GraphQLRequestContext) {
    const residence = await this.territory.residenceOf(loaders);
    if (!placeId) return this.motions.listVisible(residence, args);
    const place = await this.territory.requirePlace(loaders, placeId);
    requirePermission(mayReadDeliberationIn(place, residence));
    return this.motions.listVisible(residence, args, inside(place));
  }

  @Mutation(() => Motion, {
    description: 'Residents of the place, or its stewards. Starts RAISED, collecting co-signers.',
  })
  async raiseMotion(@Args('input') input: RaiseMotionInput, @Context() { loaders }: GraphQLRequestContext) {
    const place = await this.territory.requirePlace(loaders, input.placeId);
    requirePermission(mayRaiseAt(place, await this.territory.residenceOf(loaders)));
    return this.motions.raise(input, place);
  }

  @Mutation(() => Motion, { description: 'A resident of the place, once; not its raiser.' })
  async coSignMotion(@Args() { id }: MotionIdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, id);
    const residentId = residentIdOf(currentActor());
    requirePermission(residentId !== null && isResidentOfPlace(motion, await this.territory.residenceOf(loaders)));
    return this.motions.coSign(motion, residentId!);
  }

  @Mutation(() => Motion, {
    description:
      'The raiser or a steward, once enough have co-signed: to pre-review when major, to deliberation otherwise.',
  })
  async submitMotion(@Args() { id }: MotionIdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, id);
    requirePermission(mayActForRaiser(motion));
    return this.motions.submit(motion);
  }

  @Mutation(() => Motion, {
    description:
      'Pre-review (前置审议) by the branch committee: COMPOUND_BRANCH_SECRETARY or COMMUNITY_SECRETARY covering.',
  })
  async acceptMotion(@Args() { id }: MotionIdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, id);
    requirePermission(mayPreReview(motion));
    return this.motions.review(motion, ReviewDecision.ACCEPTED, null);
  }

  @Mutation(() => Motion, {
    description: 'Pre-review returns the motion to its raiser with reasons; they may amend and submit again.',
  })
  async returnMotion(@Args() { id, reasons }: ReturnMotionArgs, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, id);
    requirePermission(mayPreReview(motion));
    return this.motions.review(motion, ReviewDecision.RETURNED, reasons);
  }

  @Mutation(() => Motion, { description: 'The raiser or a steward, while raised, returned or in deliberation.' })
  async amendMotion(@Args('input') input: AmendMotionInput, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, input.motionId);
    requirePermission(mayActForRaiser(motion));
    return this.motions.amend(motion, input);
  }

  @Mutation(() => MotionComment, {
    description: 'People living in or serving the place, during pre-review and deliberation.',
  })
  async commentOnMotion(
    @Args() { motionId, body }: CommentOnMotionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayComment(motion, await this.territory.residenceOf(loaders)));
    return this.motions.comment(motion, body);
  }

  @Mutation(() => Motion, { description: 'The raiser or a steward, before the vote opens.' })
  async withdrawMotion(@Args() { id }: MotionIdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, id);
    requirePermission(mayActForRaiser(motion));
    return this.motions.withdraw(motion);
  }

  @ResolveField(() => Community)
  community(@Parent() motion: MotionDocument) {
    return stub(motion.communityId);
  }

  @ResolveField(() => Compound, { nullable: true })
  compound(@Parent() motion: MotionDocument) {
    return stub(motion.compoundId);
  }

  @ResolveField(() => Building, { nullable: true })
  building(@Parent() motion: MotionDocument) {
    return stub(motion.buildingId);
  }

  @ResolveField(() => Resident, {
    nullable: true,
    description: 'The resident who raised it, when a resident did; organization decides who sees them.',
  })
  raisedByResident(@Parent() motion: MotionDocument) {
    return stub(motion.raisedByResidentId);
  }

  @ResolveField(() => CoSigning)
  coSigning(@Parent() motion: MotionDocument): CoSigning {
    const residentId = residentIdOf(currentActor());
    return {
      count: motion.coSignatures.length,
      required: this.motions.coSignersRequired,
      byMe: residentId !== null && motion.coSignatures.some((signature) => signature.residentId === residentId),
    };
  }

  @ResolveField(() => [String], {
    description: 'The steps the motion can take now (whoever may take them): submit, accept, openVoting…',
  })
  possibleSteps(@Parent() motion: MotionDocument) {
    return stepsFrom(motion.state);
  }

  @ResolveField(() => MotionCommentConnection, { description: 'Oldest first.' })
  comments(
    @Parent() motion: MotionDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.motions.commentsOn(loaders, motion.id, args);
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.motions.loadVisible(loaders, reference.id, await this.territory.residenceOf(loaders));
  }
}

/** A community's motions: those of the whole community and of its compounds and buildings. */
@Resolver(() => Community)
export class CommunityMotionsResolver {
  constructor(
    private readonly motions: MotionsService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField('motions', () => MotionConnection, {
    nullable: true,
    description: 'Newest first, as far as the caller may see them.',
  })
  async motionsOf(
    @Parent() community: Community,
    @Args() args: MotionFilterArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.motions.listVisible(await this.territory.residenceOf(loaders), args, { communityId: community.id });
  }
}

/** A compound's motions, its buildings' included. */
@Resolver(() => Compound)
export class CompoundMotionsResolver {
  constructor(
    private readonly motions: MotionsService,
    private readonly territory: TerritoryService,
  ) {}

  @ResolveField('motions', () => MotionConnection, {
    nullable: true,
    description: 'Newest first, as far as the caller may see them.',
  })
  async motionsOf(
    @Parent() compound: Compound,
    @Args() args: MotionFilterArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.motions.listVisible(await this.territory.residenceOf(loaders), args, { compoundId: compound.id });
  }
}
