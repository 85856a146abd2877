import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';
import { LampFaultServiceCode } from './lamp-fault-services';
import { LightingStep } from './history';
import { GeoPoint, GeoPointSchema } from './lamp.schema';

export enum LampFaultStatus {
  OPEN = 'OPEN',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}
registerEnumType(LampFaultStatus, {
  name: 'LampFaultStatus',
  description: 'Where a fault report stands. Open311 `open` is every status but CLOSED.',
  valuesMap: {
    OPEN: { description: 'Reported, not yet given to a maintenance partner.' },
    ASSIGNED: { description: 'A work order went to a maintenance partner.' },
    IN_PROGRESS: { description: 'The partner reported work under way.' },
    CLOSED: { description: 'The partner closed the work order: the lamp works again.' },
  },
});

/** 社区呼叫、街道吹哨、部门报到, in this order. */
export enum FaultEscalationStep {
  COMMUNITY_CALL = 'COMMUNITY_CALL',
  STREET_WHISTLE = 'STREET_WHISTLE',
  DEPARTMENT_REPORT = 'DEPARTMENT_REPORT',
}
registerEnumType(FaultEscalationStep, {
  name: 'FaultEscalationStep',
  description: 'The steps of a late fault’s escalation: 社区呼叫、街道吹哨、部门报到, in this order.',
  valuesMap: {
    COMMUNITY_CALL: { description: 'The SLA passed: the community calls on the partner and the department.' },
    STREET_WHISTLE: {
      description:
        'Still open a while after the call: the street blows the whistle, summoning the responsible department.',
    },
    DEPARTMENT_REPORT: { description: 'The department reported in to the street.' },
  },
});

@ObjectType({ description: 'A status a fault reached: when, by whom, with what note.' })
@Schema({ _id: false })
export class LampFaultStep extends LightingStep(LampFaultStatus, 'fault') {}
const LampFaultStepSchema = SchemaFactory.createForClass(LampFaultStep);

@ObjectType({ description: 'One step of a fault’s escalation.' })
@Schema({ _id: false })
export class FaultEscalation {
  @Field(() => FaultEscalationStep, { description: 'Which step of the escalation this was.' })
  @Prop({ type: String, enum: FaultEscalationStep, required: true })
  step!: FaultEscalationStep;

  @Field({ description: 'When it was taken.' })
  @Prop({ required: true })
  at!: Date;

  @Field({ description: 'The department responsible for the lamp.' })
  @Prop({ required: true })
  department!: string;

  @Field(() => String, { nullable: true, description: 'What the department said when it reported in.' })
  @Prop({ type: String, default: null })
  note!: string | null;
}
const FaultEscalationSchema = SchemaFactory.createForClass(FaultEscalation);

@ObjectType({
  description: 'A resident’s report of a lamp fault, in the shape of an Open311 service request (GeoReport v2).',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'lamp_faults', versionKey: false })
export class LampFault extends InCommunity {
  @Field(() => ID, { description: 'The service_request_id.' })
  id!: string;

  @Field(() => LampFaultServiceCode, { description: 'The kind of fault (service_code).' })
  @Prop({ type: String, enum: LampFaultServiceCode, required: true })
  serviceCode!: LampFaultServiceCode;

  @Field({ description: 'The fault in the reporter’s words.' })
  @Prop({ required: true, trim: true })
  description!: string;

  @Field(() => GeoPoint, { description: 'Where the reporter stood; the lamp’s own place unless they said otherwise.' })
  @Prop({ type: GeoPointSchema, required: true })
  location!: GeoPoint;

  @Field(() => String, { nullable: true, description: 'A photo of the fault (media_url).' })
  @Prop({ type: String, default: null })
  mediaUrl!: string | null;

  @Field(() => LampFaultStatus, { description: 'Where the report stands now.' })
  @Prop({ type: String, enum: LampFaultStatus, default: LampFaultStatus.OPEN })
  status!: LampFaultStatus;

  /** Every status the request went through, oldest first: published as `history` (a connection). */
  @Prop({ type: [LampFaultStepSchema], default: [] })
  statusHistory!: LampFaultStep[];

  @Field({ description: 'requested_datetime.' })
  @Prop({ required: true })
  requestedAt!: Date;

  @Field({ description: 'updated_datetime.' })
  @Prop({ required: true })
  updatedAt!: Date;

  @Field({ description: 'expected_datetime: the SLA — resolved by then, or the fault escalates.' })
  @Prop({ required: true })
  expectedAt!: Date;

  @Field({
    description:
      'agency_responsible: the lamp’s department at the time of the report, summoned if the fault escalates.',
  })
  @Prop({ required: true })
  agencyResponsible!: string;

  @Field(() => [FaultEscalation], { description: 'The escalation so far, oldest first.' })
  @Prop({ type: [FaultEscalationSchema], default: [] })
  escalations!: FaultEscalation[];

  /** When the sweep is to take the next escalation step; null when none is due (closed, or waiting for the department). */
  @Prop({ type: Date, default: null })
  nextEscalationAt!: Date | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  lampId!: Types.ObjectId;

  /** The identity provider's subject of the person who reported it. */
  @Prop({ required: true })
  reporterSubject!: string;

  /** Set when the reporter is a registered resident. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  reporterResidentId!: Types.ObjectId | null;
}

export type LampFaultDocument = HydratedDocument<LampFault>;
export const LampFaultSchema = SchemaFactory.createForClass(LampFault);
LampFaultSchema.index({ communityId: 1, requestedAt: -1 });
// The escalation sweep: open faults whose next step is due.
LampFaultSchema.index({ nextEscalationAt: 1 }, { partialFilterExpression: { nextEscalationAt: { $type: 'date' } } });
// One open fault per lamp and kind: a second report of the same dark lamp finds the first.
LampFaultSchema.index(
  { lampId: 1, serviceCode: 1 },
  {
    unique: true,
    partialFilterExpression: {
      status: { $in: [LampFaultStatus.OPEN, LampFaultStatus.ASSIGNED, LampFaultStatus.IN_PROGRESS] },
    },
    name: 'one_open_fault_per_lamp_and_code',
  },
);
