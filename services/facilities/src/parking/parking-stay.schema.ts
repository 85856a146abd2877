import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCompound } from '../organization-copy/placed.schema';
import { VehicleRecognition } from './gate-event.schema';

/**
 * A vehicle inside a lot, from the gate's entry until its exit, and until when it may stay: the pass's validUntil, or
 * for an outsider the entry plus the lot's maximum stay (none when the lot sets none, nor ever for a permit holder).
 * Past that with no exit it is an overstay: `ParkingLot.overstays` shows it at once, the sweep announces it once
 * (`facilities.parking.overstay-detected`), and the exit clears it. The lot's `occupied` is its count of open stays.
 */
@ObjectType('ParkingOverstay', {
  description:
    'A vehicle still inside a lot past what it was allowed: a visitor pass’s end, or the lot’s maximum stay for outsiders.',
})
@Schema({ collection: 'parking_stays', versionKey: false })
export class ParkingStay extends InCompound {
  @Field(() => ID, { description: 'The overstay’s id (that of the vehicle’s stay, from its entry).' })
  id!: string;

  @Field({ description: 'The number plate the gate read at the entry, e.g. 苏E12345.' })
  @Prop({ required: true })
  plate!: string;

  @Field({ description: 'When the gate saw it come in.' })
  @Prop({ required: true })
  enteredAt!: Date;

  @Field(() => VehicleRecognition, {
    description: 'VISITOR_PASS when it came in on a pass, UNKNOWN for an outsider’s car (外来车辆).',
  })
  @Prop({ type: String, enum: VehicleRecognition, required: true })
  recognisedAs!: VehicleRecognition;

  @Field(() => Date, {
    description:
      'Until when it was allowed to stay: the pass’s validUntil (or its revocation), or the lot’s maximum stay.',
  })
  @Prop({ type: Date, default: null })
  allowedUntil!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When facilities announced it (facilities.parking.overstay-detected); null until the next sweep.',
  })
  @Prop({ type: Date, default: null })
  announcedAt!: Date | null;

  /** When the gate saw it leave; null while it is inside. */
  @Prop({ type: Date, default: null })
  exitedAt!: Date | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lotId!: Types.ObjectId;

  /** The entry's gate event: one stay per entry, however often the vendor retries it. */
  @Prop({ type: SchemaTypes.ObjectId, required: true, unique: true })
  entryEventId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  exitEventId!: Types.ObjectId | null;

  /** The pass it came in on; null for an outsider. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  visitorPassId!: Types.ObjectId | null;
}

export type ParkingStayDocument = HydratedDocument<ParkingStay>;
export const ParkingStaySchema = SchemaFactory.createForClass(ParkingStay);
/** The vehicles inside a lot past their time, oldest overstay first (the list), and a plate's open stays (the exit). */
ParkingStaySchema.index({ lotId: 1, exitedAt: 1, allowedUntil: 1 });
ParkingStaySchema.index({ lotId: 1, plate: 1, exitedAt: 1 });
/** What the sweep looks for: open, not yet announced, due. */
ParkingStaySchema.index({ exitedAt: 1, announcedAt: 1, allowedUntil: 1 });
/** Open stays of a visitor pass (its revocation shortens them). */
ParkingStaySchema.index({ visitorPassId: 1, exitedAt: 1 });
