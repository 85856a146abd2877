import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { ActorRef, ActorRefSchema } from '../shared/actor-ref';

@ObjectType({ description: 'The public notice (公示) of a decided motion, with its window for objections.' })
@Schema({ _id: false })
export class PublicNotice {
  @Field(() => Int, {
    description: '1 for the first notice; a motion reopened by an upheld objection and voted again is noticed again.',
  })
  @Prop({ required: true })
  number!: number;

  @Field({ description: 'When it was posted.' })
  @Prop({ required: true })
  publishedAt!: Date;

  @Field({ description: 'Until when residents may object (公示期).' })
  @Prop({ required: true })
  objectionWindowEndsAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the notice ended: its window ran out (to execution), or an objection was upheld.',
  })
  @Prop({ type: Date, default: null })
  closedAt!: Date | null;
}
export const PublicNoticeSchema = SchemaFactory.createForClass(PublicNotice);

export enum ObjectionStatus {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}
registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: 'OPEN until a steward answers; UPHELD sends the motion back to deliberation.',
  valuesMap: {
    OPEN: { description: 'Awaiting a steward’s answer; the notice cannot close meanwhile.' },
    UPHELD: { description: 'The objection stands: the motion went back to deliberation.' },
    DISMISSED: { description: 'Answered; the decision stands.' },
  },
});

@ObjectType({ description: 'An objection raised during a public notice, and its answer.' })
@Schema({ collection: 'objections', timestamps: { createdAt: 'raisedAt', updatedAt: false } })
export class Objection {
  @Field(() => ID, { description: 'The objection’s id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  motionId!: Types.ObjectId;

  @Prop({ required: true })
  noticeNumber!: number;

  /** The objector; one objection per resident and notice. Shown to nobody: answers go to the reason, not the person. */
  @Prop({ type: String, required: true })
  residentId!: string;

  @Field({ description: 'What is wrong with the decision, as the objector wrote it.' })
  @Prop({ required: true, trim: true })
  reason!: string;

  @Field({ description: 'When it was raised.' })
  raisedAt!: Date;

  @Field(() => ObjectionStatus, { description: 'Open, or how a steward answered it.' })
  @Prop({ type: String, enum: ObjectionStatus, default: ObjectionStatus.OPEN })
  status!: ObjectionStatus;

  @Field(() => String, { nullable: true, description: 'The steward’s answer, once answered.' })
  @Prop({ type: String, default: null })
  answer!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was answered.' })
  @Prop({ type: Date, default: null })
  answeredAt!: Date | null;

  @Field(() => ActorRef, { nullable: true, description: 'The steward who answered it.' })
  @Prop({ type: ActorRefSchema, default: null })
  answeredBy!: ActorRef | null;
}
export const ObjectionSchema = SchemaFactory.createForClass(Objection);
ObjectionSchema.index({ motionId: 1, noticeNumber: 1, residentId: 1 }, { unique: true });
ObjectionSchema.index({ motionId: 1, status: 1 });
export type ObjectionDocument = HydratedDocument<Objection>;
