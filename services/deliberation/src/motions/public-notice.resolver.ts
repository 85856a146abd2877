import { ConnectionArgs, currentActor, type GraphQLRequestContext, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Motion, type MotionDocument } from './motion.schema';
import { isResidentOfPlace, mayShortenNotice, mayStewardMotion } from './motions.access';
import { MotionsService } from './motions.service';
import { residentIdOf } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import {
  AnswerObjectionInput,
  CloseNoticeInput,
  PublishNoticeInput,
  RaiseObjectionInput,
} from './public-notice.inputs';
import { Objection, type ObjectionDocument } from './public-notice.schema';
import { PublicNoticeService } from './public-notice.service';
import {
  AnswerObjectionPayload,
  CloseNoticePayload,
  ObjectionConnection,
  PublishNoticePayload,
  RaiseObjectionPayload,
} from './motions.types';

/** The public notice (公示) of a passed motion and the objections to it. */
@Resolver(() => Motion)
export class PublicNoticeResolver {
  constructor(
    private readonly notices: PublicNoticeService,
    private readonly motions: MotionsService,
    private readonly territory: TerritoryService,
  ) {}

  @Mutation(() => PublishNoticePayload, {
    description:
      'A steward, once the vote passed: posts the decision with a window for objections of at least the minimum (5 days by default).\nStreet staff may post a shorter one with an override and its reason.',
  })
  async publishNotice(
    @Args('input', { description: 'The motion and the end of its objection window.' })
    { motionId, objectionWindowEndsAt, override }: PublishNoticeInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<PublishNoticePayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(override ? mayShortenNotice(motion) : mayStewardMotion(motion));
    return { motion: await this.notices.publish(motion, objectionWindowEndsAt, override?.reason) };
  }

  @Mutation(() => RaiseObjectionPayload, {
    description: 'A resident of the place, once per notice, while its window is open.',
  })
  async raiseObjection(
    @Args('input', { description: 'The motion under public notice and the reason for objecting.' })
    { motionId, reason }: RaiseObjectionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RaiseObjectionPayload> {
    const motion = await this.motions.require(loaders, motionId);
    const residentId = residentIdOf(currentActor());
    requirePermission(residentId !== null && isResidentOfPlace(motion, await this.territory.residenceOf(loaders)));
    return { objection: await this.notices.object(motion, residentId!, reason) };
  }

  @Mutation(() => AnswerObjectionPayload, {
    description: 'A steward answers; upholding sends the motion back to deliberation.',
  })
  async answerObjection(
    @Args('input', { description: 'The objection, the decision on it and the answer.' })
    { objectionId, decision, answer }: AnswerObjectionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<AnswerObjectionPayload> {
    const objection = await this.notices.requireObjection(loaders, objectionId);
    const motion = await this.motions.require(loaders, String(objection.motionId));
    requirePermission(mayStewardMotion(motion));
    return this.notices.answer(motion, objection, decision, answer);
  }

  @Mutation(() => CloseNoticePayload, {
    description:
      'A steward, once the window has run out and every objection is answered (the deadline sweep does it too): the decision is final and goes to execution.',
  })
  async closeNotice(
    @Args('input', { description: 'The motion whose public notice (公示) ends.' }) { motionId }: CloseNoticeInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CloseNoticePayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayStewardMotion(motion));
    return { motion: await this.notices.close(motion) };
  }

  @ResolveField(() => ObjectionConnection, {
    description: 'Objections to its notices, oldest first; who raised them is not shown.',
  })
  objections(
    @Parent() motion: MotionDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.notices.objectionsOf(loaders, motion.id, args);
  }
}

@Resolver(() => Objection)
export class ObjectionResolver {
  @ResolveField(() => Boolean, { description: 'Whether the caller raised it.' })
  raisedByMe(@Parent() objection: ObjectionDocument) {
    return objection.residentId === residentIdOf(currentActor());
  }
}
