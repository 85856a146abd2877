import { Connection, ConnectionArgs, type GraphQLRequestContext, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Motion, type MotionDocument } from './motion.schema';
import { mayStewardMotion } from './motions.access';
import { MotionsService } from './motions.service';
import { CompleteExecutionArgs, RecordMilestoneArgs } from './execution.inputs';
import { Milestone } from './execution.schema';
import { ExecutionService } from './execution.service';

@ObjectType()
export class MilestoneConnection extends Connection(Milestone) {}

@Resolver(() => Motion)
export class ExecutionResolver {
  constructor(
    private readonly execution: ExecutionService,
    private readonly motions: MotionsService,
  ) {}

  @Mutation(() => Milestone, { description: 'A steward, while the motion is being carried out.' })
  async recordMilestone(
    @Args() { motionId, title, note }: RecordMilestoneArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayStewardMotion(motion));
    return this.execution.recordMilestone(motion, title, note ?? null);
  }

  @Mutation(() => Motion, { description: 'A steward, once the work is done: residents then rate the outcome.' })
  async completeExecution(
    @Args() { motionId, summary }: CompleteExecutionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayStewardMotion(motion));
    return this.execution.complete(motion, summary);
  }

  @ResolveField(() => MilestoneConnection, { description: 'Oldest first.' })
  milestones(
    @Parent() motion: MotionDocument,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.execution.milestonesOf(loaders, motion.id, args);
  }
}
