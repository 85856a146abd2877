import { milestoneReached, motionExecuted } from '@gongzhi/contracts';
import {
  childConnection,
  type ConnectionArgs,
  OutboxPublisher,
  overrideNote,
  type RequestLoaders,
  Clock,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { MotionStatus } from './motion-state-machine';
import type { MotionDocument } from './motion.schema';
import { MotionsService } from './motions.service';
import { actorRef } from '../shared/actor-ref';
import { Milestone, type MilestoneDocument } from './execution.schema';
import { MotionErrors } from './motion.errors';
import { motionSubject, recordOverride } from '../shared/rule-override';

/** Carrying out a decided motion (民事民办): its milestones, then its completion, after which residents rate it. */
@Injectable()
export class ExecutionService {
  constructor(
    @InjectModel(Milestone.name) private readonly milestones: Model<Milestone>,
    private readonly motions: MotionsService,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async recordMilestone(motion: MotionDocument, title: string, note: string | null): Promise<MilestoneDocument> {
    let milestone: MilestoneDocument | undefined;
    await this.motions.step(motion, 'recordMilestone', {}, async (_motion, session) => {
      [milestone] = await this.milestones.create(
        [{ motionId: motion._id, title, note, at: this.clock.now(), by: actorRef() }],
        { session },
      );
      await this.outbox.record(
        milestoneReached,
        { motionId: motion.id, title, reachedAt: milestone.at.toISOString() },
        { session },
      );
    });
    return milestone!;
  }

  /**
   * Completes the work: only once a milestone shows what was done, unless the community office overrides (the
   * resolver checks who), which the step's note and `governance.rule.overridden` keep.
   */
  async complete(motion: MotionDocument, summary: string, overrideReason?: string): Promise<MotionDocument> {
    const completedAt = this.clock.now();
    const noMilestone = !(await this.milestones.exists({ motionId: motion._id }));
    if (noMilestone && overrideReason === undefined) throw MotionErrors.noMilestone(motion.id);
    const overridden = noMilestone ? overrideReason : undefined;
    return this.motions.step(
      motion,
      'completeExecution',
      {
        to: MotionStatus.EVALUATION,
        update: { $set: { 'execution.completedAt': completedAt, 'execution.summary': summary } },
        note: overridden === undefined ? summary : overrideNote('MOTION.NO_MILESTONE', overridden, summary),
      },
      async (executed, session) => {
        await this.outbox.record(
          motionExecuted,
          { motionId: executed.id, completedAt: completedAt.toISOString() },
          { session },
        );
        await recordOverride(this.outbox, session, 'MOTION.NO_MILESTONE', motionSubject(executed), overridden);
      },
    );
  }

  milestonesOf(loaders: RequestLoaders, motionId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.milestones, 'motionId', motionId, args, { sortBy: 'at' });
  }
}
