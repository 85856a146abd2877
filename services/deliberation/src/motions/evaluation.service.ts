import { motionEvaluated } from '@gongzhi/contracts';
import {
  overrideNote,
  childConnection,
  type ConnectionArgs,
  DomainError,
  OutboxPublisher,
  refuseDuplicates,
  type RequestLoaders,
  Clock,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { MotionStatus } from './motion-state-machine';
import type { MotionDocument } from './motion.schema';
import { MotionsService } from './motions.service';
import { MotionEvaluation, Rating, type RatingDocument } from './evaluation.schema';
import { MotionErrors } from './motion.errors';
import { motionSubject, recordOverride } from '../shared/rule-override';

/** Residents rate the outcome of a motion carried out (民事民评); a steward closes the evaluation and the motion. */
@Injectable()
export class EvaluationService {
  constructor(
    @InjectModel(Rating.name) private readonly ratings: Model<Rating>,
    private readonly motions: MotionsService,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async rate(
    motion: MotionDocument,
    residentId: string,
    stars: number,
    comment: string | null,
  ): Promise<RatingDocument> {
    let rating: RatingDocument | undefined;
    await refuseDuplicates(
      () =>
        this.motions.step(motion, 'rate', {}, async (_motion, session) => {
          [rating] = await this.ratings.create([{ motionId: motion._id, residentId, score: stars, comment }], {
            session,
          });
        }),
      () => new DomainError('EVALUATION.ALREADY_RATED', 'You have already rated this outcome'),
    );
    return rating!;
  }

  /** Ratings so far of each motion asked for in a request, in one aggregate. */
  summaryOf(loaders: RequestLoaders, motionId: string): Promise<MotionEvaluation> {
    return loaders
      .get<string, MotionEvaluation>('ratings.summary', async (ids) => {
        const rows = await this.ratings.aggregate<{ _id: Types.ObjectId; ratings: number; averageScore: number }>([
          { $match: { motionId: { $in: ids.map((id) => new Types.ObjectId(id)) } } },
          { $group: { _id: '$motionId', ratings: { $sum: 1 }, averageScore: { $avg: '$score' } } },
        ]);
        const byMotion = new Map(rows.map((row) => [String(row._id), row]));
        return ids.map((id) => ({
          ratings: byMotion.get(id)?.ratings ?? 0,
          averageScore: roundedScore(byMotion.get(id)?.averageScore),
          closedAt: null,
        }));
      })
      .load(motionId);
  }

  /**
   * Closes the evaluation with its ratings: only once someone rated the outcome, unless the community office
   * overrides (the resolver checks who), which the step's note and `governance.rule.overridden` keep.
   */
  async close(motion: MotionDocument, overrideReason?: string): Promise<MotionDocument> {
    const closedAt = this.clock.now();
    let summary: MotionEvaluation | undefined;
    let overridden: string | undefined;
    return this.motions.step(
      motion,
      'closeEvaluation',
      async (session) => {
        const [row] = await this.ratings
          .aggregate<{ ratings: number; averageScore: number }>([
            { $match: { motionId: motion._id } },
            { $group: { _id: null, ratings: { $sum: 1 }, averageScore: { $avg: '$score' } } },
          ])
          .session(session);
        summary = { ratings: row?.ratings ?? 0, averageScore: roundedScore(row?.averageScore), closedAt };
        if (summary.ratings === 0 && overrideReason === undefined) throw MotionErrors.noRating(motion.id);
        overridden = summary.ratings === 0 ? overrideReason : undefined;
        return {
          to: MotionStatus.CLOSED,
          update: { $set: { evaluation: summary } },
          ...(overridden !== undefined && { note: overrideNote('MOTION.NO_RATING', overridden) }),
        };
      },
      async (closed, session) => {
        await this.outbox.record(
          motionEvaluated,
          { motionId: closed.id, ratings: summary!.ratings, averageScore: summary!.averageScore },
          { session },
        );
        await recordOverride(this.outbox, session, 'MOTION.NO_RATING', motionSubject(closed), overridden);
      },
    );
  }

  ratingsOf(loaders: RequestLoaders, motionId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.ratings, 'motionId', motionId, args, { sortBy: 'ratedAt' });
  }
}

/** Averages are shown to two decimals. */
function roundedScore(average: number | undefined): number | null {
  return average === undefined ? null : Math.round(average * 100) / 100;
}
