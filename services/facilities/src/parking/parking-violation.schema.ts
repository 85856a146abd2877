import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCompound } from '../organization-copy/placed.schema';

export enum ParkingViolationKind {
  /** Parked on a resident space without its permit. */
  NO_PERMIT = 'NO_PERMIT',
  /** Blocking a fire lane (消防通道). */
  BLOCKING_FIRE_LANE = 'BLOCKING_FIRE_LANE',
  /** Misuse of an accessible space (无障碍车位). */
  ACCESSIBLE_SPACE_MISUSE = 'ACCESSIBLE_SPACE_MISUSE',
  /** A visitor staying past the pass. */
  OVERSTAY = 'OVERSTAY',
  OTHER = 'OTHER',
}
registerEnumType(ParkingViolationKind, {
  name: 'ParkingViolationKind',
  description: 'What a recorded parking violation was.',
  valuesMap: {
    NO_PERMIT: { description: 'Parked on a resident space without its permit.' },
    BLOCKING_FIRE_LANE: { description: 'Blocking a fire lane (消防通道).' },
    ACCESSIBLE_SPACE_MISUSE: { description: 'Misuse of an accessible space (无障碍车位).' },
    OVERSTAY: { description: 'A visitor staying past the pass.' },
    OTHER: { description: 'Anything else, described in the note.' },
  },
});

@ObjectType({ description: 'A parking violation, as a grid worker or the compound’s branch recorded it.' })
@Schema({ collection: 'parking_violations', versionKey: false })
export class ParkingViolation extends InCompound {
  @Field(() => ID, { description: 'The violation’s id.' })
  id!: string;

  @Field({ description: 'The number plate of the vehicle, stored without separators, e.g. 苏E12345.' })
  @Prop({ required: true })
  plate!: string;

  @Field(() => ParkingViolationKind, { description: 'What the violation was.' })
  @Prop({ type: String, enum: ParkingViolationKind, required: true })
  kind!: ParkingViolationKind;

  @Field(() => String, { nullable: true, description: 'What the recorder noted; null when nothing.' })
  @Prop({ type: String, default: null })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URL of a photo of the violation; null when none.' })
  @Prop({ type: String, default: null })
  photoUrl!: string | null;

  @Field({ description: 'When the violation was recorded.' })
  @Prop({ required: true })
  observedAt!: Date;

  @Prop({ required: true })
  recordedBy!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lotId!: Types.ObjectId;
}

export type ParkingViolationDocument = HydratedDocument<ParkingViolation>;
export const ParkingViolationSchema = SchemaFactory.createForClass(ParkingViolation);
ParkingViolationSchema.index({ lotId: 1, observedAt: -1 });
