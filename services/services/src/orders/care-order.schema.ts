import { StatusStep } from '@gongzhi/platform';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { Cancellation } from '../care-records/cancellation.schema';
import { ProvidedCare } from '../care-records/provided-care.schema';
import { CareOrderStatus } from './care-order.steps';

@ObjectType({ description: 'The visit that delivered an order.' })
@Schema({ _id: false })
export class VisitLog {
  @Field({ description: 'When the visit started.' })
  @Prop({ required: true })
  startedAt!: Date;

  @Field(() => Int, { description: 'How long it took, in minutes.' })
  @Prop({ required: true, min: 1 })
  minutes!: number;

  @Field(() => String, {
    nullable: true,
    description: 'What was done, e.g. 送午餐，陪同聊天半小时. Health details belong in the care profile.',
  })
  @Prop({ type: String, trim: true, default: null })
  note!: string | null;
}

@ObjectType({ description: "The resident's rating of a delivered order (民事民评)." })
@Schema({ _id: false })
export class CareRating {
  @Field(() => Int, { description: '1 to 5.' })
  @Prop({ required: true, min: 1, max: 5 })
  stars!: number;

  @Field(() => String, { nullable: true, description: 'What the resident wrote beside the stars.' })
  @Prop({ type: String, trim: true, default: null })
  comment!: string | null;

  @Field({ description: 'When it was rated.' })
  @Prop({ required: true })
  ratedAt!: Date;
}

@ObjectType({ description: "A change of an order's status: one entry of its history." })
@Schema({ _id: false })
export class CareOrderStep extends StatusStep(CareOrderStatus, 'order') {}

/** An order of a care item for a resident, addressed to one provider (点单). */
@ObjectType({ description: 'A care order: placed for a resident, taken by a provider, delivered, rated.' })
@Schema({ collection: 'care_orders', timestamps: true })
export class CareOrder extends ProvidedCare {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Field(() => CareOrderStatus, { description: 'Where the order stands.' })
  @Prop({ type: String, enum: CareOrderStatus, required: true })
  status!: CareOrderStatus;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  itemId!: Types.ObjectId;

  @Field(() => String, { nullable: true, description: 'What the resident asked for, e.g. 少盐，送到三楼.' })
  @Prop({ type: String, trim: true, default: null })
  note!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the resident would like it.' })
  @Prop({ type: Date, default: null })
  wishedFor!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the provider will come.' })
  @Prop({ type: Date, default: null })
  scheduledFor!: Date | null;

  @Field(() => String, { nullable: true, description: 'DECLINED: the reason the provider gave.' })
  @Prop({ type: String, trim: true, default: null })
  declineReason!: string | null;

  @Field(() => VisitLog, { nullable: true, description: 'COMPLETED or RATED: the visit that delivered it.' })
  @Prop({ type: SchemaFactory.createForClass(VisitLog), default: null })
  visit!: VisitLog | null;

  @Field(() => CareRating, { nullable: true, description: "RATED: the resident's rating." })
  @Prop({ type: SchemaFactory.createForClass(CareRating), default: null })
  rating!: CareRating | null;

  @Field(() => Cancellation, { nullable: true, description: 'CANCELLED: why and when.' })
  @Prop({ type: SchemaFactory.createForClass(Cancellation), default: null })
  cancellation!: Cancellation | null;

  /** Its status changes, oldest first; the API pages them as CareOrder.history. */
  @Prop({ type: [SchemaFactory.createForClass(CareOrderStep)], default: [] })
  history!: CareOrderStep[];

  @Field({ description: 'When it was placed.' })
  createdAt!: Date;
}

export type CareOrderDocument = HydratedDocument<CareOrder>;
export const CareOrderSchema = SchemaFactory.createForClass(CareOrder);
CareOrderSchema.index({ communityId: 1, status: 1, _id: -1 });
CareOrderSchema.index({ residentId: 1, _id: -1 });
