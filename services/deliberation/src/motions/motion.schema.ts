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
import { MotionState } from './motion-state-machine';

registerEnumType(MotionState, {
  name: 'MotionState',
  description: 'Where a motion stands, from raising (RAISED) to evaluation (CLOSED).',
});
export const MatterKindEnum = graphqlEnum(
  MATTER_KINDS,
  'MatterKind',
  'What a motion is about; facilities and services act on passed motions of their kinds.',
);
export const OwnersMatterEnum = graphqlEnum(
  OWNERS_MATTERS,
  'OwnersMatter',
  "A matter of Civil Code art. 278, decided by the owners' joint decision: (1) ASSEMBLY_RULES … (9) OTHER_MAJOR_MATTER.",
);

@Schema({ _id: false })
export class CoSignature {
  @Prop({ type: String, required: true })
  residentId!: string;

  @Prop({ required: true })
  at!: Date;
}
const CoSignatureSchema = SchemaFactory.createForClass(CoSignature);

@ObjectType({ description: 'A step a motion took: from where, to where, when and by whom.' })
@Schema({ _id: false })
export class MotionStepRecord extends Stamped {
  @Field({ description: 'submit, accept, return, openVoting, closeVoting, publishNotice…' })
  @Prop({ required: true })
  step!: string;

  @Field(() => MotionState)
  @Prop({ type: String, enum: MotionState, required: true })
  from!: MotionState;

  @Field(() => MotionState)
  @Prop({ type: String, enum: MotionState, required: true })
  to!: MotionState;
}
const MotionStepRecordSchema = SchemaFactory.createForClass(MotionStepRecord);

export enum ReviewDecision {
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

@ObjectType({ description: "The branch committee's pre-review of a major matter (前置审议)." })
@Schema({ _id: false })
export class MotionReview extends Stamped {
  @Field(() => ReviewDecision)
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
  @Field(() => Int)
  @Prop({ required: true })
  number!: number;

  @Field()
  @Prop({ required: true })
  summary!: string;

  @Field()
  @Prop({ required: true })
  previousTitle!: string;

  @Field()
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
  @Field(() => ID)
  id!: string;

  @Field()
  @Prop({ required: true, trim: true })
  title!: string;

  @Field()
  @Prop({ required: true, trim: true })
  description!: string;

  @Field(() => MatterKindEnum)
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

  @Field(() => MotionState)
  @Prop({ type: String, enum: MotionState, required: true })
  state!: MotionState;

  @Field(() => ActorRef)
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

  @Field(() => [Amendment], { description: `Oldest first; at most ${MAX_AMENDMENTS}.` })
  @Prop({ type: [AmendmentSchema], default: [] })
  amendments!: Amendment[];

  @Field(() => [MotionStepRecord], { description: 'Every change of state, oldest first.' })
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
  @Field()
  @Prop({ required: true, trim: true })
  body!: string;
}
export const MotionCommentSchema = SchemaFactory.createForClass(MotionComment);
export type MotionCommentDocument = HydratedDocument<MotionComment>;
