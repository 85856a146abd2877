import { type Actor, motionPassed, motionPublicised, objectionAnswered, objectionRaised } from '@gongzhi/contracts';
import {
  childConnection,
  type ConnectionArgs,
  currentActor,
  loadById,
  OutboxPublisher,
  refuseDuplicates,
  type RequestLoaders,
  Clock,
  overrideNote,
} from '@gongzhi/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { MotionStatus, requireStep } from './motion-state-machine';
import type { MotionDocument } from './motion.schema';
import { MotionsService } from './motions.service';
import { actorRef } from '../shared/actor-ref';
import { VotingService } from '../voting/voting.service';
import { NoticeErrors } from './public-notice.errors';
import { ObjectionDecision } from './public-notice.inputs';
import { Objection, type ObjectionDocument, ObjectionStatus } from './public-notice.schema';
import type { DeliberationConfig } from '../config';
import { DELIBERATION_CONFIG } from '../deliberation.tokens';
import { motionSubject, recordOverride } from '../shared/rule-override';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The public notice (公示) of a passed motion: residents may object while the window is open; an upheld objection
 * sends the motion back to deliberation (as the bridge landing moved one junction east); when the window has run out
 * and every objection is answered, the decision is final and `deliberation.motion.passed` tells facilities and
 * services to carry it out.
 */
@Injectable()
export class PublicNoticeService {
  constructor(
    @InjectModel(Objection.name) private readonly objections: Model<Objection>,
    private readonly motions: MotionsService,
    private readonly voting: VotingService,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    @Inject(DELIBERATION_CONFIG) private readonly config: DeliberationConfig,
  ) {}

  /**
   * Posts the notice. Its window runs at least PUBLIC_NOTICE_MIN_DAYS; a shorter one only under an override (the
   * resolver lets only street staff send one), kept in the step's note and as `governance.rule.overridden`.
   */
  publish(motion: MotionDocument, objectionWindowEndsAt: Date, overrideReason?: string): Promise<MotionDocument> {
    requireStep(motion.state, 'publishNotice', motion.id);
    if (objectionWindowEndsAt.getTime() <= this.clock.nowMs()) throw NoticeErrors.windowInThePast();
    const minDays = this.config.PUBLIC_NOTICE_MIN_DAYS;
    const earliestEnd = new Date(this.clock.nowMs() + minDays * DAY_MS);
    const tooShort = objectionWindowEndsAt.getTime() < earliestEnd.getTime();
    if (tooShort && overrideReason === undefined) throw NoticeErrors.windowTooShort(minDays, earliestEnd);
    const overridden = tooShort ? overrideReason : undefined;
    const notice = {
      number: (motion.notice?.number ?? 0) + 1,
      publishedAt: this.clock.now(),
      objectionWindowEndsAt,
      closedAt: null,
    };
    return this.motions.step(
      motion,
      'publishNotice',
      {
        to: MotionStatus.PUBLIC_NOTICE,
        update: { $set: { notice } },
        ...(overridden !== undefined && { note: overrideNote('NOTICE.WINDOW_TOO_SHORT', overridden) }),
      },
      async (publicised, session) => {
        await this.outbox.record(
          motionPublicised,
          { motionId: publicised.id, objectionWindowEndsAt: objectionWindowEndsAt.toISOString() },
          { session },
        );
        await recordOverride(this.outbox, session, 'NOTICE.WINDOW_TOO_SHORT', motionSubject(publicised), overridden);
      },
    );
  }

  async object(motion: MotionDocument, residentId: string, reason: string): Promise<ObjectionDocument> {
    requireStep(motion.state, 'object', motion.id);
    const notice = motion.notice!;
    if (notice.objectionWindowEndsAt.getTime() <= this.clock.nowMs())
      throw NoticeErrors.windowClosed(notice.objectionWindowEndsAt);
    let objection: ObjectionDocument | undefined;
    await refuseDuplicates(
      () =>
        this.motions.step(motion, 'object', {}, async (_motion, session) => {
          [objection] = await this.objections.create(
            [{ motionId: motion._id, noticeNumber: notice.number, residentId, reason }],
            { session },
          );
          await this.outbox.record(objectionRaised, { motionId: motion.id, objectionId: objection.id }, { session });
        }),
      () => NoticeErrors.alreadyObjected(),
    );
    return objection!;
  }

  loadObjection(loaders: RequestLoaders, id: string) {
    return loadById(loaders, this.objections, id);
  }

  async requireObjection(loaders: RequestLoaders, id: string): Promise<ObjectionDocument> {
    const objection = await this.loadObjection(loaders, id);
    if (!objection) throw NoticeErrors.objectionNotFound(id);
    return objection;
  }

  /** Upholding sends the motion back to deliberation and ends the notice; dismissing leaves the notice running. */
  async answer(
    motion: MotionDocument,
    objection: ObjectionDocument,
    decision: ObjectionDecision,
    answer: string,
  ): Promise<{ objection: ObjectionDocument; motion: MotionDocument }> {
    if (objection.status !== ObjectionStatus.OPEN) throw NoticeErrors.alreadyAnswered(objection.id);
    const upheld = decision === ObjectionDecision.UPHOLD;
    const status = upheld ? ObjectionStatus.UPHELD : ObjectionStatus.DISMISSED;
    const answered = { status, answer, answeredAt: this.clock.now(), answeredBy: actorRef() };
    let result: ObjectionDocument | null = null;
    const changed = await this.motions.step(
      motion,
      'answerObjection',
      upheld
        ? { to: MotionStatus.DELIBERATION, update: { $set: { 'notice.closedAt': this.clock.now() } }, note: answer }
        : {},
      async (_motion, session) => {
        result = await this.objections
          .findOneAndUpdate(
            { _id: objection._id, status: ObjectionStatus.OPEN },
            { $set: answered },
            { session, returnDocument: 'after' },
          )
          .exec();
        if (!result) throw NoticeErrors.alreadyAnswered(objection.id);
        await this.outbox.record(
          objectionAnswered,
          { motionId: motion.id, objectionId: objection.id, decision: upheld ? 'UPHELD' : 'DISMISSED' },
          { session },
        );
      },
    );
    return { objection: result!, motion: changed };
  }

  /**
   * Ends the notice once its window has run out and every objection is answered: the decision is final, the motion
   * goes to execution and `deliberation.motion.passed` is recorded with what was decided.
   */
  async close(motion: MotionDocument, actor: Actor = currentActor()): Promise<MotionDocument> {
    requireStep(motion.state, 'closeNotice', motion.id);
    const notice = motion.notice!;
    if (notice.objectionWindowEndsAt.getTime() > this.clock.nowMs())
      throw NoticeErrors.windowOpen(notice.objectionWindowEndsAt);
    const open = await this.objections.countDocuments({
      motionId: motion._id,
      noticeNumber: notice.number,
      status: ObjectionStatus.OPEN,
    });
    if (open > 0) throw NoticeErrors.objectionsUnanswered(open);
    const vote = motion.currentVoteId && (await this.voting.byId(motion.currentVoteId));
    const passedAt = this.clock.now();
    return this.motions.step(
      motion,
      'closeNotice',
      {
        to: MotionStatus.EXECUTION,
        update: {
          $set: { 'notice.closedAt': passedAt, execution: { startedAt: passedAt, completedAt: null, summary: null } },
        },
      },
      (passed, session) =>
        this.outbox.record(
          motionPassed,
          {
            motionId: passed.id,
            title: passed.title,
            matterKind: passed.matterKind,
            communityId: passed.communityId,
            compoundId: passed.compoundId,
            buildingId: passed.buildingId,
            lampIds: passed.lampIds,
            description: passed.description,
            passedAt: passedAt.toISOString(),
            ownersMatter: passed.ownersMatter,
            method: vote?.method,
            winners:
              vote?.result?.winners.map((id) => vote.options.find((option) => option.id === id)?.label ?? id) ?? [],
          },
          { session, ...(actor.kind === 'service' && { actor: { kind: actor.kind, id: actor.id } }) },
        ),
      actor,
    );
  }

  /** Notices whose window has run out, for the deadline sweep (those with open objections wait for their answers). */
  dueToClose(now = this.clock.now()) {
    return this.motions.motions
      .find({ state: MotionStatus.PUBLIC_NOTICE, 'notice.objectionWindowEndsAt': { $lte: now } })
      .limit(50)
      .exec();
  }

  objectionsOf(loaders: RequestLoaders, motionId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.objections, 'motionId', motionId, args, { sortBy: 'raisedAt' });
  }
}
