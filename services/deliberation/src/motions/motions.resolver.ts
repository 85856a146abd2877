import {
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  ReferenceContext,
  requirePermission,
  nullWhileDown,
  visibleOrNull,
  listConnection,
  optionalReference,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Building, Community, Compound, Resident } from '../organization-copy/organization.types';
import { inside, residentIdOf } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import { actionOf, MotionAction, stepsFrom } from './motion-state-machine';
import {
  AcceptMotionInput,
  AmendMotionInput,
  CoSignMotionInput,
  CommentOnMotionInput,
  MotionFilterArgs,
  MotionIdArgs,
  MotionsArgs,
  RaiseMotionInput,
  ReturnMotionInput,
  SubmitMotionInput,
  WithdrawMotionInput,
} from './motion.inputs';
import { MAX_AMENDMENTS, Motion, type MotionDocument, ReviewDecision } from './motion.schema';
import {
  AcceptMotionPayload,
  AmendmentConnection,
  AmendMotionPayload,
  CoSigning,
  CoSignMotionPayload,
  CommentOnMotionPayload,
  MotionCommentConnection,
  MotionConnection,
  MotionStepConnection,
  RaiseMotionPayload,
  ReturnMotionPayload,
  SubmitMotionPayload,
  WithdrawMotionPayload,
} from './motions.types';
import { mayActForRaiser, isResidentOfPlace, mayComment, mayPreReview, mayRaiseAt } from './motions.access';
import { mayReadDeliberationIn } from '../shared/deliberation.access';
import { motionHistory, MotionsService } from './motions.service';

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

  @Query(() => Motion, {
    nullable: true,
    description: 'A motion by id; null when there is none or the caller may not read what is deliberated in its place.',
  })
  async motion(@Args() { id }: MotionIdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const residence = await this.territory.residenceOf(loaders);
    return visibleOrNull(await this.motions.load(loaders, id), (motion) => mayReadDeliberationIn(motion, residence));
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

  @Mutation(() => RaiseMotionPayload, {
    description: 'Residents of the place, or its stewards. Starts RAISED, collecting co-signers.',
  })
  async raiseMotion(
    @Args('input', { description: 'The motion: its place, title, description and matter kind.' })
    input: RaiseMotionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RaiseMotionPayload> {
    const place = await this.territory.requirePlace(loaders, input.placeId);
    requirePermission(mayRaiseAt(place, await this.territory.residenceOf(loaders)));
    return { motion: await this.motions.raise(input, place) };
  }

  @Mutation(() => CoSignMotionPayload, { description: 'A resident of the place, once; not its raiser.' })
  async coSignMotion(
    @Args('input', { description: 'The motion to co-sign (联名).' }) { motionId }: CoSignMotionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CoSignMotionPayload> {
    const motion = await this.motions.require(loaders, motionId);
    const residentId = residentIdOf(currentActor());
    requirePermission(residentId !== null && isResidentOfPlace(motion, await this.territory.residenceOf(loaders)));
    return { motion: await this.motions.coSign(motion, residentId!) };
  }

  @Mutation(() => SubmitMotionPayload, {
    description:
      'The raiser or a steward, once enough have co-signed: to pre-review when major, to deliberation otherwise.',
  })
  async submitMotion(
    @Args('input', { description: 'The motion to submit.' }) { motionId }: SubmitMotionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<SubmitMotionPayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayActForRaiser(motion));
    return { motion: await this.motions.submit(motion) };
  }

  @Mutation(() => AcceptMotionPayload, {
    description:
      'Pre-review (前置审议) by the branch committee: COMPOUND_BRANCH_SECRETARY or COMMUNITY_SECRETARY covering.',
  })
  async acceptMotion(
    @Args('input', { description: 'The motion the pre-review accepts.' }) { motionId }: AcceptMotionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<AcceptMotionPayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayPreReview(motion));
    return { motion: await this.motions.review(motion, ReviewDecision.ACCEPTED, null) };
  }

  @Mutation(() => ReturnMotionPayload, {
    description: 'Pre-review returns the motion to its raiser with reasons; they may amend and submit again.',
  })
  async returnMotion(
    @Args('input', { description: 'The motion and the reasons for returning it.' })
    { motionId, reasons }: ReturnMotionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<ReturnMotionPayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayPreReview(motion));
    return { motion: await this.motions.review(motion, ReviewDecision.RETURNED, reasons) };
  }

  @Mutation(() => AmendMotionPayload, {
    description: 'The raiser or a steward, while raised, returned or in deliberation.',
  })
  async amendMotion(
    @Args('input', { description: 'The motion and its amended title, description and summary.' })
    input: AmendMotionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<AmendMotionPayload> {
    const motion = await this.motions.require(loaders, input.motionId);
    requirePermission(mayActForRaiser(motion));
    const amended = await this.motions.amend(motion, input);
    return { motion: amended, amendment: amended.amendments.at(-1)! };
  }

  @Mutation(() => CommentOnMotionPayload, {
    description: 'People living in or serving the place, during pre-review and deliberation.',
  })
  async commentOnMotion(
    @Args('input', { description: 'The motion and the comment.' }) { motionId, body }: CommentOnMotionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CommentOnMotionPayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayComment(motion, await this.territory.residenceOf(loaders)));
    return { motionComment: await this.motions.comment(motion, body), motion };
  }

  @Mutation(() => WithdrawMotionPayload, { description: 'The raiser or a steward, before the vote opens.' })
  async withdrawMotion(
    @Args('input', { description: 'The motion to withdraw.' }) { motionId }: WithdrawMotionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<WithdrawMotionPayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayActForRaiser(motion));
    return { motion: await this.motions.withdraw(motion) };
  }

  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community it concerns (or whose compound or building).', 'organization'),
  })
  community(@Parent() motion: MotionDocument) {
    return optionalReference(motion.communityId);
  }

  @ResolveField(() => Compound, { nullable: true, description: 'The compound it concerns, if it concerns one.' })
  compound(@Parent() motion: MotionDocument) {
    return optionalReference(motion.compoundId);
  }

  @ResolveField(() => Building, { nullable: true, description: 'The building it concerns, if it concerns one.' })
  building(@Parent() motion: MotionDocument) {
    return optionalReference(motion.buildingId);
  }

  @ResolveField(() => Resident, {
    nullable: true,
    description: 'The resident who raised it, when a resident did; organization decides who sees them.',
  })
  raisedByResident(@Parent() motion: MotionDocument) {
    return optionalReference(motion.raisedByResidentId);
  }

  @ResolveField(() => CoSigning, { description: 'How many have co-signed it, of how many it needs.' })
  coSigning(@Parent() motion: MotionDocument): CoSigning {
    const residentId = residentIdOf(currentActor());
    return {
      count: motion.coSignatures.length,
      required: this.motions.coSignersRequired,
      byMe: residentId !== null && motion.coSignatures.some((signature) => signature.residentId === residentId),
    };
  }

  // history and nextSteps are written here rather than inherited from StepFieldsResolver only to keep their place
  // among Motion's fields in the published schema (inherited fields come first).
  @ResolveField(() => [MotionAction], {
    description: 'The steps the motion can take now (whoever may take them): SUBMIT, ACCEPT, OPEN_VOTING…',
  })
  nextSteps(@Parent() motion: MotionDocument): MotionAction[] {
    return stepsFrom(motion.state).map(actionOf);
  }

  @ResolveField(() => MotionStepConnection, {
    description: 'Every change of status, oldest first: the raising, then each step that moved it.',
  })
  history(@Parent() motion: MotionDocument, @Args() args: ConnectionArgs) {
    return listConnection(motionHistory(motion), args);
  }

  @ResolveField(() => AmendmentConnection, { description: `Oldest first; at most ${MAX_AMENDMENTS}.` })
  amendments(@Parent() motion: MotionDocument, @Args() args: ConnectionArgs) {
    return this.motions.amendmentsOf(motion, args);
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
    return this.motions.ofPlace(loaders, await this.territory.residenceOf(loaders), 'communityId', community.id, args);
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
    return this.motions.ofPlace(loaders, await this.territory.residenceOf(loaders), 'compoundId', compound.id, args);
  }
}
