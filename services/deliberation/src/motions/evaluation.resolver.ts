import { ConnectionArgs, currentActor, type GraphQLRequestContext, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CloseEvaluationInput, RateOutcomeInput } from './evaluation.inputs';
import { Motion, type MotionDocument } from './motion.schema';
import { isResidentOfPlace, mayOverrideOutcome, mayStewardMotion } from './motions.access';
import { MotionsService } from './motions.service';
import { residentIdOf } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import { MotionEvaluation } from './evaluation.schema';
import { EvaluationService } from './evaluation.service';
import { CloseEvaluationPayload, RateOutcomePayload, RatingConnection } from './motions.types';

@Resolver(() => Motion)
export class EvaluationResolver {
  constructor(
    private readonly evaluations: EvaluationService,
    private readonly motions: MotionsService,
    private readonly territory: TerritoryService,
  ) {}

  @Mutation(() => RateOutcomePayload, {
    description: 'A resident of the place, once, while the outcome is being evaluated.',
  })
  async rateOutcome(
    @Args('input', { description: 'The motion, the stars and an optional comment.' })
    { motionId, stars, comment }: RateOutcomeInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RateOutcomePayload> {
    const motion = await this.motions.require(loaders, motionId);
    const residentId = residentIdOf(currentActor());
    requirePermission(residentId !== null && isResidentOfPlace(motion, await this.territory.residenceOf(loaders)));
    return { rating: await this.evaluations.rate(motion, residentId!, stars, comment ?? null), motion };
  }

  @Mutation(() => CloseEvaluationPayload, {
    description:
      'A steward closes the evaluation once residents have rated it: the motion is CLOSED with its average stars.\nWith no rating, only the community secretary or street staff, with an override and its reason.',
  })
  async closeEvaluation(
    @Args('input', { description: 'The motion whose evaluation closes.' }) { motionId, override }: CloseEvaluationInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CloseEvaluationPayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(override ? mayOverrideOutcome(motion) : mayStewardMotion(motion));
    return { motion: await this.evaluations.close(motion, override?.reason) };
  }

  @ResolveField(() => MotionEvaluation, {
    nullable: true,
    description: 'While evaluated: the ratings so far; once closed: the final evaluation.',
  })
  evaluation(@Parent() motion: MotionDocument, @Context() { loaders }: GraphQLRequestContext) {
    if (motion.evaluation) return motion.evaluation;
    return motion.execution?.completedAt ? this.evaluations.summaryOf(loaders, motion.id) : null;
  }

  @ResolveField(() => RatingConnection, { description: 'Oldest first; raters are not shown.' })
  ratings(
    @Parent() motion: MotionDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.evaluations.ratingsOf(loaders, motion.id, args);
  }
}
