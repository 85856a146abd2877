import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCompound } from '../organization-copy/placed.schema';

export enum ParkingViolationKind {
  /** Parked on a resident space without its permit. */
  NO_PERMIT = 'NO_PERMIT',
  BLOCKING_FIRE_LANE = 'BLOCKING_FIRE_LANE',
  ACCESSIBLE_SPACE_MISUSE = 'ACCESSIBLE_SPACE_MISUSE',
  /** A visitor staying past the pass. */
  OVERSTAY = 'OVERSTAY',
  OTHER = 'OTHER',
}
registerEnumType(ParkingViolationKind, { name: 'ParkingViolationKind' });

@ObjectType({ description: 'A parking violation, as a grid worker or the compound’s branch recorded it.' })
@Schema({ collection: 'parking_violations', versionKey: false })
export class ParkingViolation extends InCompound {
  @Field(() => ID)
  id!: string;

  @Field()
  @Prop({ required: true })
  plate!: string;

  @Field(() => ParkingViolationKind)
  @Prop({ type: String, enum: ParkingViolationKind, required: true })
  kind!: ParkingViolationKind;

  @Field(() => String, { nullable: true })
  @Prop({ type: String, default: null })
  note!: string | null;

  @Field(() => String, { nullable: true })
  @Prop({ type: String, default: null })
  photoUrl!: string | null;

  @Field()
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
