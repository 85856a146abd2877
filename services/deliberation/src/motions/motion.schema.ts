import { MATTER_KINDS, OWNERS_MATTERS, type MatterKind, type OwnersMatter } from '@gongzhi/contracts';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { ActorRef, ActorRefSchema, MotionEntry, Stamped } from '../shared/actor-ref';
import { MotionEvaluation, MotionEvaluationSchema } from './evaluation.schema';
import { Execution, ExecutionSchema } from './execution.schema';
import { PublicNotice, PublicNoticeSchema } from './public-notice.schema';
import { InPlace } from '../shared/in-place';
import { graphqlEnum } from '../shared/graphql-enum';
import { MotionAction, MotionStatus } from './motion-state-machine';

registerEnumType(MotionStatus, {
  name: 'MotionStatus',
  description: 'Where a motion stands, from raising (RAISED) to evaluation (CLOSED).',
  valuesMap: {
    RAISED: { description: 'Raised by a resident or a steward; collecting co-signatures (联名).' },
    PRE_REVIEW: { description: 'A major matter before the branch committee (重大事项支委会前置审议).' },
    RETURNED: { description: 'Sent back by the pre-review with reasons; the raiser may amend and submit again.' },
    DELIBERATION: { description: 'Discussed in meetings and comments, amended.' },
    VOTING: { description: 'A vote is open on it.' },
    PASSED: { description: 'The vote passed it; the decision awaits its public notice.' },
    REJECTED: { description: 'Voted down, or the vote decided nothing (too few took part, a tie). Final.' },
    PUBLIC_NOTICE: { description: 'Posted (公示) with a window for objections.' },
    EXECUTION: { description: 'Being carried out, with milestones.' },
    EVALUATION: { description: 'Done; residents rate the outcome.' },
    CLOSED: { description: 'Evaluated and closed. Final.' },
    WITHDRAWN: { description: 'Withdrawn by its raiser or a steward before the vote. Final.' },
  },
});
registerEnumType(MotionAction, {
  name: 'MotionAction',
  description: 'A step a motion can take (Motion.nextSteps), or took (MotionStep.action).',
  valuesMap: {
    CO_SIGN: { description: 'A resident of the place co-signs (coSignMotion).' },
    SUBMIT: { description: 'The raiser or a steward submits it (submitMotion).' },
    ACCEPT: { description: "The branch committee's pre-review accepts it (acceptMotion)." },
    RETURN: { description: 'The pre-review returns it with reasons (returnMotion).' },
    AMEND: { description: 'The raiser or a steward amends it (amendMotion).' },
    COMMENT: { description: 'Those living in or serving the place comment (commentOnMotion).' },
    WITHDRAW: { description: 'The raiser or a steward withdraws it (withdrawMotion).' },
    OPEN_VOTING: { description: 'A steward opens the vote (openVoting).' },
    CAST_BALLOT: { description: 'A voter casts a ballot (castBallot), or staff record one (recordBallot).' },
    CLOSE_VOTING: { description: 'A steward or the deadline sweep closes and counts the vote (closeVoting).' },
    PUBLISH_NOTICE: { description: 'A steward posts the decision (publishNotice).' },
    RAISE_OBJECTION: { description: 'A resident objects to the notice (raiseObjection).' },
    ANSWER_OBJECTION: { description: 'A steward answers an objection (answerObjection).' },
    CLOSE_NOTICE: { description: 'A steward or the deadline sweep ends the notice (closeNotice).' },
    RECORD_MILESTONE: { description: 'A steward records a milestone of the execution (recordMilestone).' },
    COMPLETE_EXECUTION: { description: 'A steward reports the work done (completeExecution).' },
    RATE_OUTCOME: { description: 'A resident rates the outcome (rateOutcome).' },
    CLOSE_EVALUATION: { description: 'A steward closes the evaluation (closeEvaluation).' },
  },
});
export const MatterKindEnum = graphqlEnum(
  MATTER_KINDS,
  'MatterKind',
  'What a motion is about; facilities and services act on passed motions of their kinds.',
  {
    FACILITIES_LIGHTING: 'Lighting: street lamps (路灯); once passed, facilities starts a lamp renewal project for it.',
    FACILITIES_PARKING: 'Parking (停车), a facilities matter.',
    FACILITIES_GARDEN: 'Gardens: shared flower beds (共享花圃), a facilities matter.',
    FACILITIES_ROOM: 'Rooms: party-and-public service rooms (党群会客厅), activity rooms, a facilities matter.',
    FACILITIES_PLAYGROUND: 'Playgrounds, a facilities matter.',
    SERVICES_ELDER_CARE: 'Elder care (养老), a services matter.',
    SERVICES_CHILDCARE: 'Childcare (托管, 托育), a services matter.',
    ENVIRONMENT: 'The environment of the place.',
    SAFETY: 'Safety.',
    PROPERTY_MANAGEMENT: 'Property management (物业管理).',
    NAMING: 'Naming, e.g. choosing a compound name from candidates.',
    OTHER: 'Any other matter.',
  },
);
export const OwnersMatterEnum = graphqlEnum(
  OWNERS_MATTERS,
  'OwnersMatter',
  "A matter of Civil Code art. 278, decided by the owners' joint decision: (1) ASSEMBLY_RULES … (9) OTHER_MAJOR_MATTER.",
  {
    ASSEMBLY_RULES: "(1) Making or amending the rules of the owners' assembly (业主大会议事规则).",
    MANAGEMENT_COVENANT: '(2) Making or amending the management covenant of the building or compound (管理规约).',
    OWNERS_COMMITTEE_ELECTION: "(3) Electing or replacing the owners' committee or its members (业主委员会).",
    PROPERTY_SERVICE_PROVIDER:
      '(4) Engaging or dismissing the property service company or other manager (物业服务企业).',
    USE_MAINTENANCE_FUND: '(5) Using the maintenance fund of the building (专项维修资金).',
    RAISE_MAINTENANCE_FUND: '(6) Raising the maintenance fund; needs three quarters in agreement.',
    REBUILD_BUILDINGS_OR_FACILITIES:
      '(7) Rebuilding or reconstructing buildings and their facilities; needs three quarters.',
    CHANGE_USE_OF_COMMON_PARTS:
      '(8) Changing the use of common parts or using them to run a business; needs three quarters.',
    OTHER_MAJOR_MATTER: '(9) Another major matter of the common parts and joint management rights.',
  },
);

@Schema({ _id: false })
export class CoSignature {
  @Prop({ type: String, required: true })
  residentId!: string;

  @Prop({ required: true })
  at!: Date;
}
const CoSignatureSchema = SchemaFactory.createForClass(CoSignature);

/** A change of status as stored on the motion (shown as a MotionStep of Motion.history, motion.types.ts). */
@Schema({ _id: false })
export class MotionStepRecord extends Stamped {
  /** A key of MOTION_STEPS: submit, accept, return, openVoting, closeVoting, publishNotice… */
  @Prop({ required: true })
  step!: string;

  @Prop({ type: String, enum: MotionStatus, required: true })
  from!: MotionStatus;

  @Prop({ type: String, enum: MotionStatus, required: true })
  to!: MotionStatus;

  /** Why, where the step says: the pre-review's reasons, an upheld objection's answer, the vote's outcome. */
  @Prop({ type: String, default: null })
  note?: string | null;
}
const MotionStepRecordSchema = SchemaFactory.createForClass(MotionStepRecord);

export enum ReviewDecision {
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: "What the branch committee's pre-review decided.",
  valuesMap: {
    ACCEPTED: { description: 'To deliberation.' },
    RETURNED: { description: 'Back to the raiser, with reasons.' },
  },
});

@ObjectType({ description: "The branch committee's pre-review of a major matter (前置审议)." })
@Schema({ _id: false })
export class MotionReview extends Stamped {
  @Field(() => ReviewDecision, { description: 'Accepted for deliberation, or returned.' })
  @Prop({ type: String, enum: ReviewDecision, required: true })
  decision!: ReviewDecision;

  @Field(() => String, { nullable: true, description: 'Why it was returned; what to change.' })
  @Prop({ type: String, default: null })
  reasons!: string | null;
}
const MotionReviewSchema = SchemaFactory.createForClass(MotionReview);

@ObjectType({ description: 'A change to a motion while it is raised or deliberated, with the text it replaced.' })
@Schema({ _id: false })
export class Amendment extends Stamped {
  @Field(() => Int, { description: 'The first amendment is 1.' })
  @Prop({ required: true })
  number!: number;

  @Field({ description: 'What changed and why, as the amender wrote it.' })
  @Prop({ required: true })
  summary!: string;

  @Field({ description: 'The title before this amendment.' })
  @Prop({ required: true })
  previousTitle!: string;

  @Field({ description: 'The description before this amendment.' })
  @Prop({ required: true })
  previousDescription!: string;
}
const AmendmentSchema = SchemaFactory.createForClass(Amendment);

/** Embedded lists are bounded: a motion amended more often than this should be raised afresh. */
export const MAX_AMENDMENTS = 20;

@ObjectType({
  description:
    'A motion (议题): raised by residents, reviewed, deliberated, voted, publicised, carried out and evaluated.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'motions', timestamps: true })
export class Motion extends InPlace {
  @Field(() => ID, { description: 'The motion’s id.' })
  id!: string;

  @Field({ description: 'e.g. 七区路灯更新.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field({ description: 'What is proposed and why.' })
  @Prop({ required: true, trim: true })
  description!: string;

  @Field(() => MatterKindEnum, { description: 'What it is about.' })
  @Prop({ type: String, enum: MATTER_KINDS, required: true })
  matterKind!: MatterKind;

  @Field(() => OwnersMatterEnum, {
    nullable: true,
    description: "Set for an owners' matter (art. 278): the owners vote, by area and by head.",
  })
  @Prop({ type: String, enum: OWNERS_MATTERS, default: null })
  ownersMatter!: OwnersMatter | null;

  @Field({
    description:
      'A major matter (重大事项) goes to the branch committee for pre-review first; every owners’ matter is major.',
  })
  @Prop({ required: true })
  major!: boolean;

  @Field(() => [ID], { description: 'Lamps the motion is about (facilities), when it names them.' })
  @Prop({ type: [String], default: [] })
  lampIds!: string[];

  /** Stored as `state` (the name of the records already written); the API calls it `status`. */
  @Field(() => MotionStatus, { name: 'status', description: 'Where the motion stands now.' })
  @Prop({ type: String, enum: MotionStatus, required: true })
  state!: MotionStatus;

  @Field(() => ActorRef, { description: 'Who raised it.' })
  @Prop({ type: ActorRefSchema, required: true })
  raisedBy!: ActorRef;

  /** The raiser's resident record, when they raised it as a resident. */
  @Prop({ type: String, default: null })
  raisedByResidentId!: string | null;

  @Prop({ type: [CoSignatureSchema], default: [] })
  coSignatures!: CoSignature[];

  @Field(() => [MotionReview], { description: 'Pre-reviews, oldest first.' })
  @Prop({ type: [MotionReviewSchema], default: [] })
  reviews!: MotionReview[];

  /** At most MAX_AMENDMENTS, oldest first (exposed as a connection by MotionsResolver). */
  @Prop({ type: [AmendmentSchema], default: [] })
  amendments!: Amendment[];

  /** Every change of status, oldest first (exposed as Motion.history by MotionsResolver). */
  @Prop({ type: [MotionStepRecordSchema], default: [] })
  steps!: MotionStepRecord[];

  @Field(() => PublicNotice, { nullable: true, description: 'The public notice (公示), current or last.' })
  @Prop({ type: PublicNoticeSchema, default: null })
  notice!: PublicNotice | null;

  @Field(() => Execution, { nullable: true, description: 'Set once the decision is final and being carried out.' })
  @Prop({ type: ExecutionSchema, default: null })
  execution!: Execution | null;

  /** The residents' rating of the outcome, once the evaluation is closed (exposed by EvaluationResolver). */
  @Prop({ type: MotionEvaluationSchema, default: null })
  evaluation!: MotionEvaluation | null;

  /** The opinion (社情民意) it was promoted from, if any. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  fromOpinionId!: Types.ObjectId | null;

  /** The vote being held or last held on it (an upheld objection can bring a motion to a second vote). */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  currentVoteId!: Types.ObjectId | null;

  @Field({ description: 'When it was raised.' })
  createdAt!: Date;
}

export const MotionSchema = SchemaFactory.createForClass(Motion);
MotionSchema.index({ communityId: 1, state: 1, _id: -1 });
MotionSchema.index({ 'coSignatures.residentId': 1 });
export type MotionDocument = HydratedDocument<Motion>;

@ObjectType({ description: 'A comment in the deliberation of a motion.' })
@Schema({ collection: 'motion_comments', versionKey: false })
export class MotionComment extends MotionEntry {
  @Field({ description: 'What was said.' })
  @Prop({ required: true, trim: true })
  body!: string;
}
export const MotionCommentSchema = SchemaFactory.createForClass(MotionComment);
export type MotionCommentDocument = HydratedDocument<MotionComment>;
