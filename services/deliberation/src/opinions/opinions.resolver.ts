import { Connection, currentActor, type GraphQLRequestContext, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Community, Compound, stub } from '../organization-copy/organization.types';
import { Motion } from '../motions/motion.schema';
import { mayStewardMotion } from '../motions/motions.access';
import { MotionsService } from '../motions/motions.service';
import { inside, residentIdOf } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import {
  AnswerOpinionArgs,
  OpinionsArgs,
  PromoteOpinionInput,
  RecordOpinionInput,
  TagOpinionArgs,
} from './opinion.inputs';
import { Opinion, type OpinionDocument } from './opinion.schema';
import { mayHandleOpinion, mayReadOpinion, mayRecordOpinionAt } from './opinions.access';
import { OpinionsService } from './opinions.service';

@ObjectType()
export class OpinionConnection extends Connection(Opinion) {}

@Resolver(() => Opinion)
export class OpinionsResolver {
  constructor(
    private readonly opinions: OpinionsService,
    private readonly motions: MotionsService,
    private readonly territory: TerritoryService,
  ) {}

  @Query(() => OpinionConnection, {
    name: 'opinions',
    nullable: true,
    description: 'Newest first: staff see those of the places they cover, a resident their own.',
  })
  async list(@Args() { placeId, tag, status, ...page }: OpinionsArgs, @Context() { loaders }: GraphQLRequestContext) {
    const place = placeId ? await this.territory.requirePlace(loaders, placeId) : null;
    return this.opinions.list(
      { ...(place && inside(place)), ...(tag && { tags: tag }), ...(status && { status }) },
      page,
    );
  }

  @Mutation(() => Opinion, {
    description:
      'A resident of the place (their own), or staff covering it collecting it (for a resident, naming them).',
  })
  async recordOpinion(@Args('input') input: RecordOpinionInput, @Context() { loaders }: GraphQLRequestContext) {
    const place = await this.territory.requirePlace(loaders, input.placeId);
    requirePermission(mayRecordOpinionAt(place, await this.territory.residenceOf(loaders)));
    const staff = mayHandleOpinion(place);
    return this.opinions.record(input, place, staff ? (input.residentId ?? null) : residentIdOf(currentActor()));
  }

  @Mutation(() => Opinion, { description: 'Staff covering its place.' })
  async tagOpinion(@Args() { opinionId, tags }: TagOpinionArgs, @Context() { loaders }: GraphQLRequestContext) {
    const opinion = await this.opinions.require(loaders, opinionId);
    requirePermission(mayHandleOpinion(opinion));
    return this.opinions.tag(opinion, tags);
  }

  @Mutation(() => Opinion, { description: 'Staff covering its place answer it without a motion.' })
  async answerOpinion(@Args() { opinionId, answer }: AnswerOpinionArgs, @Context() { loaders }: GraphQLRequestContext) {
    const opinion = await this.opinions.require(loaders, opinionId);
    requirePermission(mayHandleOpinion(opinion));
    return this.opinions.answer(opinion, answer);
  }

  @Mutation(() => Motion, {
    description: 'A steward of its place takes it up as a motion (RAISED, by the steward, linked to the opinion).',
  })
  async promoteOpinion(@Args('input') input: PromoteOpinionInput, @Context() { loaders }: GraphQLRequestContext) {
    const opinion = await this.opinions.require(loaders, input.opinionId);
    const place = await this.territory.requirePlace(loaders, input.placeId);
    requirePermission(mayStewardMotion(opinion) && mayStewardMotion(place));
    return this.opinions.promote(opinion, input, place);
  }

  @ResolveField(() => Community)
  community(@Parent() opinion: OpinionDocument) {
    return stub(opinion.communityId);
  }

  @ResolveField(() => Compound, { nullable: true })
  compound(@Parent() opinion: OpinionDocument) {
    return stub(opinion.compoundId);
  }

  @ResolveField(() => Motion, { nullable: true, description: 'The motion it was taken up as.' })
  async motion(@Parent() opinion: OpinionDocument, @Context() { loaders }: GraphQLRequestContext) {
    requirePermission(mayReadOpinion(opinion));
    return opinion.motionId
      ? this.motions.loadVisible(loaders, opinion.motionId, await this.territory.residenceOf(loaders))
      : null;
  }
}
