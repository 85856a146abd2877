import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCompound } from '../organization-copy/placed.schema';

export enum ParkingSpaceKind {
  /** Allocated to a household with a permit. */
  RESIDENT = 'RESIDENT',
  /** For visitors' vehicles. */
  VISITOR = 'VISITOR',
  /** Shared by turns: the garage of three communities, a park's spaces at night. */
  SHARED = 'SHARED',
  /** An accessible space (无障碍车位). */
  ACCESSIBLE = 'ACCESSIBLE',
}
registerEnumType(ParkingSpaceKind, {
  name: 'ParkingSpaceKind',
  description: 'What a parking space is for.',
  valuesMap: {
    RESIDENT: { description: 'Allocated to a household with a permit.' },
    VISITOR: { description: 'For visitors’ vehicles.' },
    SHARED: { description: 'Shared by turns: the garage of three communities, a park’s spaces at night.' },
    ACCESSIBLE: { description: 'An accessible space (无障碍车位).' },
  },
});

@ObjectType({ description: 'A car park of a compound: a surface lot or a garage, behind a barrier gate.' })
@Directive('@key(fields: "id")')
@Schema({ collection: 'parking_lots', timestamps: true })
export class ParkingLot extends InCompound {
  @Field(() => ID, { description: 'The lot’s id.' })
  id!: string;

  @Field({ description: 'e.g. 淞泽家园七区 地面停车场.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => Int, { description: 'How many spaces it has, of every kind.' })
  @Prop({ default: 0, min: 0 })
  capacity!: number;

  @Field(() => Int, { description: 'Vehicles inside now, as the barrier gate counts them.' })
  @Prop({ default: 0, min: 0 })
  occupied!: number;

  /**
   * How many gate events the lot has recorded since this was kept: bumped first in each event's transaction, so two
   * events of the lot at once conflict and one is retried (the count follows the stays; parking-lots.service.ts).
   */
  @Prop({ default: 0 })
  gateEventsRecorded!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many hours an outsider’s car (外来车辆, neither permit nor pass) may stay before it is an overstay; null: no limit.',
  })
  @Prop({ type: Number, default: null })
  maxStayHours!: number | null;

  /** The partner unit whose barrier gate reports entries and exits; null: any partner with the scope in the community. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  gateVendorId!: Types.ObjectId | null;
}

@ObjectType({ description: 'One marked parking space.' })
@Schema({ collection: 'parking_spaces', versionKey: false })
export class ParkingSpace extends InCompound {
  @Field(() => ID, { description: 'The space’s id.' })
  id!: string;

  @Field({ description: 'As painted on the ground, e.g. A-012.' })
  @Prop({ required: true, trim: true })
  number!: string;

  @Field(() => ParkingSpaceKind, { description: 'What the space is for.' })
  @Prop({ type: String, enum: ParkingSpaceKind, required: true })
  kind!: ParkingSpaceKind;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lotId!: Types.ObjectId;
}

export type ParkingLotDocument = HydratedDocument<ParkingLot>;
export type ParkingSpaceDocument = HydratedDocument<ParkingSpace>;
export const ParkingLotSchema = SchemaFactory.createForClass(ParkingLot);
ParkingLotSchema.index({ compoundId: 1, name: 1 }, { unique: true });
ParkingLotSchema.index({ communityId: 1, name: 1 });
export const ParkingSpaceSchema = SchemaFactory.createForClass(ParkingSpace);
ParkingSpaceSchema.index({ lotId: 1, number: 1 }, { unique: true });
