import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';
import { LightingStep } from './history';

export enum LampWorkOrderStatus {
  ASSIGNED = 'ASSIGNED',
  REASSIGNED = 'REASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}
registerEnumType(LampWorkOrderStatus, {
  name: 'LampWorkOrderStatus',
  description: 'Where a work order stands; its fault moves with it.',
  valuesMap: {
    ASSIGNED: { description: 'Given to a maintenance partner, no work reported yet.' },
    REASSIGNED: {
      description: 'Taken from a partner that did not come and given to another, no work reported by it yet.',
    },
    IN_PROGRESS: { description: 'The partner reported work under way.' },
    CLOSED: { description: 'The partner closed it: the lamp works again.' },
  },
});

@ObjectType({ description: 'A status a work order reached: when, by whom, with what note.' })
@Schema({ _id: false })
export class LampWorkOrderStep extends LightingStep(LampWorkOrderStatus, 'work order') {}
const LampWorkOrderStepSchema = SchemaFactory.createForClass(LampWorkOrderStep);

@ObjectType({
  description:
    'The repair of a lamp fault, assigned to a maintenance partner, which updates and closes it with its API key.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'lamp_work_orders', versionKey: false })
export class LampWorkOrder extends InCommunity {
  @Field(() => ID, { description: 'The work order’s id.' })
  id!: string;

  @Field(() => LampWorkOrderStatus, { description: 'Where the order stands now.' })
  @Prop({ type: String, enum: LampWorkOrderStatus, default: LampWorkOrderStatus.ASSIGNED })
  status!: LampWorkOrderStatus;

  /** Assignment, reassignments, progress reports and closing, oldest first: published as `history` (a connection). */
  @Prop({ type: [LampWorkOrderStepSchema], default: [] })
  updates!: LampWorkOrderStep[];

  @Field({ description: 'When the order went to the partner.' })
  @Prop({ required: true })
  assignedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the partner closed it; null while it is open.' })
  @Prop({ type: Date, default: null })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done, as the partner closed it.' })
  @Prop({ type: String, default: null })
  resolution!: string | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true, unique: true })
  faultId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lampId!: Types.ObjectId;

  /** The partner holding the order now; a reassignment replaces it. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  partnerUnitId!: Types.ObjectId;
}

export type LampWorkOrderDocument = HydratedDocument<LampWorkOrder>;
export const LampWorkOrderSchema = SchemaFactory.createForClass(LampWorkOrder);
LampWorkOrderSchema.index({ communityId: 1, assignedAt: -1 });
LampWorkOrderSchema.index({ partnerUnitId: 1, assignedAt: -1 });
