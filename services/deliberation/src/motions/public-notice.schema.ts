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

  @Field()
  @Prop({ required: true })
  publishedAt!: Date;

  @Field()
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
});

@ObjectType({ description: 'An objection raised during a public notice, and its answer.' })
@Schema({ collection: 'objections', timestamps: { createdAt: 'raisedAt', updatedAt: false } })
export class Objection {
  @Field(() => ID)
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  motionId!: Types.ObjectId;

  @Prop({ required: true })
  noticeNumber!: number;

  /** The objector; one objection per resident and notice. Shown to nobody: answers go to the reason, not the person. */
  @Prop({ type: String, required: true })
  residentId!: string;

  @Field()
  @Prop({ required: true, trim: true })
  reason!: string;

  @Field()
  raisedAt!: Date;

  @Field(() => ObjectionStatus)
  @Prop({ type: String, enum: ObjectionStatus, default: ObjectionStatus.OPEN })
  status!: ObjectionStatus;

  @Field(() => String, { nullable: true })
  @Prop({ type: String, default: null })
  answer!: string | null;

  @Field(() => Date, { nullable: true })
  @Prop({ type: Date, default: null })
  answeredAt!: Date | null;

  @Field(() => ActorRef, { nullable: true })
  @Prop({ type: ActorRefSchema, default: null })
  answeredBy!: ActorRef | null;
}
export const ObjectionSchema = SchemaFactory.createForClass(Objection);
ObjectionSchema.index({ motionId: 1, noticeNumber: 1, residentId: 1 }, { unique: true });
ObjectionSchema.index({ motionId: 1, status: 1 });
export type ObjectionDocument = HydratedDocument<Objection>;
