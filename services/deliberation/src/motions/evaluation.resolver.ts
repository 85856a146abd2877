import {
  Connection,
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  requirePermission,
} from '@gongzhi/platform';
import {
  ArgsType,
  Args,
  Context,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsInt, IsMongoId, IsOptional, Length, Max, Min } from 'class-validator';
import { MotionIdArgs } from './motion.inputs';
import { Motion, type MotionDocument } from './motion.schema';
import { isResidentOfPlace, mayStewardMotion } from './motions.access';
import { MotionsService } from './motions.service';
import { residentIdOf } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import { MotionEvaluation, Rating } from './evaluation.schema';
import { EvaluationService } from './evaluation.service';

@ObjectType()
export class RatingConnection extends Connection(Rating) {}

@ArgsType()
class RateOutcomeArgs {
  @Field(() => ID)
  @IsMongoId()
  motionId!: string;

  @Field(() => Int, { description: '1 (poor) to 5 (very good).' })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 1000)
  comment?: string;
}

@Resolver(() => Motion)
export class EvaluationResolver {
  constructor(
    private readonly evaluations: EvaluationService,
    private readonly motions: MotionsService,
    private readonly territory: TerritoryService,
  ) {}

  @Mutation(() => Rating, { description: 'A resident of the place, once, while the outcome is being evaluated.' })
  async rateOutcome(
    @Args() { motionId, score, comment }: RateOutcomeArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const motion = await this.motions.require(loaders, motionId);
    const residentId = residentIdOf(currentActor());
    requirePermission(residentId !== null && isResidentOfPlace(motion, await this.territory.residenceOf(loaders)));
    return this.evaluations.rate(motion, residentId!, score, comment ?? null);
  }

  @Mutation(() => Motion, {
    description: 'A steward closes the evaluation: the motion is CLOSED with its average score.',
  })
  async closeEvaluation(@Args() { id }: MotionIdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, id);
    requirePermission(mayStewardMotion(motion));
    return this.evaluations.close(motion);
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
