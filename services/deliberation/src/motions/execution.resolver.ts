import { ConnectionArgs, type GraphQLRequestContext, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Motion, type MotionDocument } from './motion.schema';
import { mayOverrideOutcome, mayStewardMotion } from './motions.access';
import { MotionsService } from './motions.service';
import { CompleteExecutionInput, RecordMilestoneInput } from './execution.inputs';
import { ExecutionService } from './execution.service';
import { CompleteExecutionPayload, MilestoneConnection, RecordMilestonePayload } from './motions.types';

@Resolver(() => Motion)
export class ExecutionResolver {
  constructor(
    private readonly execution: ExecutionService,
    private readonly motions: MotionsService,
  ) {}

  @Mutation(() => RecordMilestonePayload, { description: 'A steward, while the motion is being carried out.' })
  async recordMilestone(
    @Args('input', { description: 'The motion and the milestone reached.' })
    { motionId, title, note }: RecordMilestoneInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RecordMilestonePayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayStewardMotion(motion));
    return { milestone: await this.execution.recordMilestone(motion, title, note ?? null), motion };
  }

  @Mutation(() => CompleteExecutionPayload, {
    description:
      'A steward, once the work is done and at least one milestone recorded: residents then rate the outcome.\nWith no milestone, only the community secretary or street staff, with an override and its reason.',
  })
  async completeExecution(
    @Args('input', { description: 'The motion and a summary of the work done.' })
    { motionId, summary, override }: CompleteExecutionInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CompleteExecutionPayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(override ? mayOverrideOutcome(motion) : mayStewardMotion(motion));
    return { motion: await this.execution.complete(motion, summary, override?.reason) };
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
