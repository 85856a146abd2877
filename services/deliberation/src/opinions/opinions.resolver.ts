import {
  currentActor,
  type GraphQLRequestContext,
  requirePermission,
  nullWhileDown,
  optionalReference,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Community, Compound } from '../organization-copy/organization.types';
import { Motion } from '../motions/motion.schema';
import { mayStewardMotion } from '../motions/motions.access';
import { MotionsService } from '../motions/motions.service';
import { inside, residentIdOf } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import {
  AnswerOpinionInput,
  OpinionsArgs,
  PromoteOpinionInput,
  RecordOpinionInput,
  TagOpinionInput,
} from './opinion.inputs';
import { Opinion, type OpinionDocument } from './opinion.schema';
import { mayHandleOpinion, mayReadOpinion, mayRecordOpinionAt } from './opinions.access';
import { OpinionsService } from './opinions.service';
import {
  AnswerOpinionPayload,
  OpinionConnection,
  PromoteOpinionPayload,
  RecordOpinionPayload,
  TagOpinionPayload,
} from './opinions.types';

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

  @Mutation(() => RecordOpinionPayload, {
    description:
      'A resident of the place (their own), or staff covering it collecting it (for a resident, naming them).',
  })
  async recordOpinion(
    @Args('input', { description: 'The opinion: its place, text, tags, channel and resident.' })
    input: RecordOpinionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RecordOpinionPayload> {
    const place = await this.territory.requirePlace(loaders, input.placeId);
    requirePermission(mayRecordOpinionAt(place, await this.territory.residenceOf(loaders)));
    const staff = mayHandleOpinion(place);
    const residentId = staff ? (input.residentId ?? null) : residentIdOf(currentActor());
    return { opinion: await this.opinions.record(input, place, residentId) };
  }

  @Mutation(() => TagOpinionPayload, { description: 'Staff covering its place.' })
  async tagOpinion(
    @Args('input', { description: 'The opinion and its tags.' }) { opinionId, tags }: TagOpinionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<TagOpinionPayload> {
    const opinion = await this.opinions.require(loaders, opinionId);
    requirePermission(mayHandleOpinion(opinion));
    return { opinion: await this.opinions.tag(opinion, tags) };
  }

  @Mutation(() => AnswerOpinionPayload, { description: 'Staff covering its place answer it without a motion.' })
  async answerOpinion(
    @Args('input', { description: 'The opinion and the answer to it.' }) { opinionId, answer }: AnswerOpinionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<AnswerOpinionPayload> {
    const opinion = await this.opinions.require(loaders, opinionId);
    requirePermission(mayHandleOpinion(opinion));
    return { opinion: await this.opinions.answer(opinion, answer) };
  }

  @Mutation(() => PromoteOpinionPayload, {
    description: 'A steward of its place takes it up as a motion (RAISED, by the steward, linked to the opinion).',
  })
  async promoteOpinion(
    @Args('input', { description: 'The opinion and the motion to raise from it.' }) input: PromoteOpinionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<PromoteOpinionPayload> {
    const opinion = await this.opinions.require(loaders, input.opinionId);
    const place = await this.territory.requirePlace(loaders, input.placeId);
    requirePermission(mayStewardMotion(opinion) && mayStewardMotion(place));
    return this.opinions.promote(opinion, input, place);
  }

  @ResolveField(() => Community, {
    nullable: true,
    description: nullWhileDown('The community it is about.', 'organization'),
  })
  community(@Parent() opinion: OpinionDocument) {
    return optionalReference(opinion.communityId);
  }

  @ResolveField(() => Compound, { nullable: true, description: 'The compound it is about, if one.' })
  compound(@Parent() opinion: OpinionDocument) {
    return optionalReference(opinion.compoundId);
  }

  @ResolveField(() => Motion, { nullable: true, description: 'The motion it was taken up as.' })
  async motion(@Parent() opinion: OpinionDocument, @Context() { loaders }: GraphQLRequestContext) {
    requirePermission(mayReadOpinion(opinion));
    return opinion.motionId
      ? this.motions.loadVisible(loaders, opinion.motionId, await this.territory.residenceOf(loaders))
      : null;
  }
}
