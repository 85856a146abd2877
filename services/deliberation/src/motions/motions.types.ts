import { Connection, StatusStep, StepConnection } from '@gongzhi/platform';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ActorRef } from '../shared/actor-ref';
import { Rating } from './evaluation.schema';
import { Milestone } from './execution.schema';
import { MotionAction, MotionStatus } from './motion-state-machine';
import { Amendment, Motion, MotionComment } from './motion.schema';
import { Objection } from './public-notice.schema';

/** GraphQL-only types of the motions feature: connections, the history's entries and the mutations' payloads. */

@ObjectType({ description: 'A page of motions.' })
export class MotionConnection extends Connection(Motion) {}

@ObjectType({ description: 'A page of a motion’s comments.' })
export class MotionCommentConnection extends Connection(MotionComment) {}

@ObjectType({ description: 'A page of a motion’s amendments.' })
export class AmendmentConnection extends Connection(Amendment) {}

@ObjectType({ description: 'A page of objections.' })
export class ObjectionConnection extends Connection(Objection) {}

@ObjectType({ description: 'A page of milestones.' })
export class MilestoneConnection extends Connection(Milestone) {}

@ObjectType({ description: 'A page of ratings.' })
export class RatingConnection extends Connection(Rating) {}

@ObjectType({ description: 'What co-signing a motion (联名) stands at.' })
export class CoSigning {
  @Field(() => Int, { description: 'Residents who have co-signed it.' })
  count!: number;

  @Field(() => Int, { description: 'Co-signers a motion needs before it goes forward.' })
  required!: number;

  @Field({ description: 'Whether the caller has co-signed it.' })
  byMe!: boolean;
}

/** One entry of Motion.history: the status the motion reached, when, by whom and by which step. */
@ObjectType('MotionStep', { description: 'A change of a motion’s status: what it became, when, by whom and how.' })
export class MotionHistoryEntry extends StatusStep(MotionStatus, {
  status: 'The status the motion reached.',
  at: 'When.',
  note: "Why, where the step says: the pre-review's reasons, an upheld objection's answer, the vote's outcome.",
}) {
  @Field(() => ActorRef, { description: 'Who took the step (a service for the deadline sweep).' })
  by!: ActorRef;

  @Field(() => MotionAction, { nullable: true, description: 'The step that led here; none for the raising.' })
  action!: MotionAction | null;
}

@ObjectType({ description: 'A page of a motion’s history, oldest first.' })
export class MotionStepConnection extends StepConnection(MotionHistoryEntry, 'MotionStep') {}

@ObjectType({ description: 'The motion raised.' })
export class RaiseMotionPayload {
  @Field(() => Motion, { description: 'The motion, RAISED.' })
  motion!: Motion;
}

@ObjectType({ description: 'The motion co-signed.' })
export class CoSignMotionPayload {
  @Field(() => Motion, { description: 'The motion, with the caller among its co-signers.' })
  motion!: Motion;
}

@ObjectType({ description: 'The motion submitted.' })
export class SubmitMotionPayload {
  @Field(() => Motion, { description: 'The motion, in PRE_REVIEW or DELIBERATION.' })
  motion!: Motion;
}

@ObjectType({ description: 'The motion accepted by the pre-review.' })
export class AcceptMotionPayload {
  @Field(() => Motion, { description: 'The motion, in DELIBERATION.' })
  motion!: Motion;
}

@ObjectType({ description: 'The motion returned by the pre-review.' })
export class ReturnMotionPayload {
  @Field(() => Motion, { description: 'The motion, RETURNED with the reasons.' })
  motion!: Motion;
}

@ObjectType({ description: 'The motion amended.' })
export class AmendMotionPayload {
  @Field(() => Motion, { description: 'The motion with its new text and the amendment.' })
  motion!: Motion;

  @Field(() => Amendment, { description: 'The amendment just made.' })
  amendment!: Amendment;
}

@ObjectType({ description: 'The comment added.' })
export class CommentOnMotionPayload {
  @Field(() => MotionComment, { description: 'The comment.' })
  motionComment!: MotionComment;

  @Field(() => Motion, { description: 'The motion commented on.' })
  motion!: Motion;
}

@ObjectType({ description: 'The motion withdrawn.' })
export class WithdrawMotionPayload {
  @Field(() => Motion, { description: 'The motion, WITHDRAWN.' })
  motion!: Motion;
}

@ObjectType({ description: 'The notice published.' })
export class PublishNoticePayload {
  @Field(() => Motion, { description: 'The motion, in PUBLIC_NOTICE, with its notice.' })
  motion!: Motion;
}

@ObjectType({ description: 'The objection raised.' })
export class RaiseObjectionPayload {
  @Field(() => Objection, { description: 'The objection, OPEN.' })
  objection!: Objection;
}

@ObjectType({ description: 'The objection answered, and the motion where it now stands.' })
export class AnswerObjectionPayload {
  @Field(() => Objection, { description: 'The objection, UPHELD or DISMISSED.' })
  objection!: Objection;

  @Field(() => Motion, {
    description: 'The motion: back in DELIBERATION when upheld, still in PUBLIC_NOTICE otherwise.',
  })
  motion!: Motion;
}

@ObjectType({ description: 'The notice closed.' })
export class CloseNoticePayload {
  @Field(() => Motion, { description: 'The motion, in EXECUTION.' })
  motion!: Motion;
}

@ObjectType({ description: 'The milestone recorded.' })
export class RecordMilestonePayload {
  @Field(() => Milestone, { description: 'The milestone.' })
  milestone!: Milestone;

  @Field(() => Motion, { description: 'The motion being carried out.' })
  motion!: Motion;
}

@ObjectType({ description: 'The execution completed.' })
export class CompleteExecutionPayload {
  @Field(() => Motion, { description: 'The motion, in EVALUATION.' })
  motion!: Motion;
}

@ObjectType({ description: 'The rating given.' })
export class RateOutcomePayload {
  @Field(() => Rating, { description: 'The rating.' })
  rating!: Rating;

  @Field(() => Motion, { description: 'The motion rated (its evaluation counts the rating).' })
  motion!: Motion;
}

@ObjectType({ description: 'The evaluation closed.' })
export class CloseEvaluationPayload {
  @Field(() => Motion, { description: 'The motion, CLOSED with its evaluation.' })
  motion!: Motion;
}
