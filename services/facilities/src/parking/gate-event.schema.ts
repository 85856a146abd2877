import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCompound } from '../organization-copy/placed.schema';

export enum GateDirection {
  ENTRY = 'ENTRY',
  EXIT = 'EXIT',
}
registerEnumType(GateDirection, {
  name: 'GateDirection',
  description: 'Which way a vehicle passed the barrier gate.',
  valuesMap: {
    ENTRY: { description: 'Into the lot.' },
    EXIT: { description: 'Out of the lot.' },
  },
});

export enum VehicleRecognition {
  /** The plate holds an active permit of the lot. */
  PERMIT = 'PERMIT',
  /** The plate holds a visitor pass of the lot, valid at that moment. */
  VISITOR_PASS = 'VISITOR_PASS',
  /** Neither: an outsider's car (外来车辆). */
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(VehicleRecognition, {
  name: 'VehicleRecognition',
  description: 'What the plate of a gate event was recognised as, when the event was recorded.',
  valuesMap: {
    PERMIT: { description: 'The plate holds an active permit of the lot.' },
    VISITOR_PASS: { description: 'The plate holds a visitor pass of the lot, valid at that moment.' },
    UNKNOWN: { description: 'Neither: an outsider’s car (外来车辆).' },
  },
});

@ObjectType({ description: 'An entry or exit as the gate vendor’s system reported it.' })
@Schema({ collection: 'gate_events', versionKey: false })
export class GateEvent extends InCompound {
  @Field(() => ID, { description: 'The event’s id.' })
  id!: string;

  @Field(() => GateDirection, { description: 'Entry or exit.' })
  @Prop({ type: String, enum: GateDirection, required: true })
  direction!: GateDirection;

  @Field({ description: 'The number plate the gate read, stored without separators, e.g. 苏E12345.' })
  @Prop({ required: true })
  plate!: string;

  @Field({ description: 'When the gate saw the vehicle.' })
  @Prop({ required: true })
  occurredAt!: Date;

  @Field({ description: 'The vendor’s own id of the event: a retried report with the same id is recorded once.' })
  @Prop({ required: true })
  vendorEventId!: string;

  @Field(() => VehicleRecognition, { description: 'A permit holder’s car, a visitor’s, or an outsider’s.' })
  @Prop({ type: String, enum: VehicleRecognition, required: true })
  recognisedAs!: VehicleRecognition;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lotId!: Types.ObjectId;
}

export type GateEventDocument = HydratedDocument<GateEvent>;
export const GateEventSchema = SchemaFactory.createForClass(GateEvent);
GateEventSchema.index({ lotId: 1, vendorEventId: 1 }, { unique: true });
GateEventSchema.index({ lotId: 1, occurredAt: -1 });
GateEventSchema.index({ lotId: 1, plate: 1, direction: 1, occurredAt: 1 });
