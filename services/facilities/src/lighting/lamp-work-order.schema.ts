import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';
import { StatusChange, StatusChangeSchema } from './lamp-fault.schema';

export enum LampWorkOrderStatus {
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}
registerEnumType(LampWorkOrderStatus, { name: 'LampWorkOrderStatus' });

@ObjectType({
  description:
    'The repair of a lamp fault, assigned to a maintenance partner, which updates and closes it with its API key.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'lamp_work_orders', versionKey: false })
export class LampWorkOrder extends InCommunity {
  @Field(() => ID)
  id!: string;

  @Field(() => LampWorkOrderStatus)
  @Prop({ type: String, enum: LampWorkOrderStatus, default: LampWorkOrderStatus.ASSIGNED })
  status!: LampWorkOrderStatus;

  @Field(() => [StatusChange], { description: 'Assignment, progress reports and closing, oldest first.' })
  @Prop({ type: [StatusChangeSchema], default: [] })
  updates!: StatusChange[];

  @Field()
  @Prop({ required: true })
  assignedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Prop({ type: Date, default: null })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done, as the partner closed it.' })
  @Prop({ type: String, default: null })
  resolution!: string | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true, unique: true })
  faultId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lampId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  partnerUnitId!: Types.ObjectId;
}

export type LampWorkOrderDocument = HydratedDocument<LampWorkOrder>;
export const LampWorkOrderSchema = SchemaFactory.createForClass(LampWorkOrder);
LampWorkOrderSchema.index({ communityId: 1, assignedAt: -1 });
LampWorkOrderSchema.index({ partnerUnitId: 1, assignedAt: -1 });
