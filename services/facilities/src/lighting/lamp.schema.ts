import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { IsLatitude, IsLongitude } from 'class-validator';
import { HydratedDocument } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';

export enum LampStatus {
  /** No open fault. */
  WORKING = 'WORKING',
  /** A fault is reported and not yet closed. */
  FAULTY = 'FAULTY',
}
registerEnumType(LampStatus, {
  name: 'LampStatus',
  description: 'Whether a lamp has an open fault.',
  valuesMap: {
    WORKING: { description: 'No open fault.' },
    FAULTY: { description: 'A fault is reported and not yet closed.' },
  },
});

@ObjectType({ description: 'WGS 84 coordinates, as phones report them.' })
@InputType('GeoPointInput', { description: 'WGS 84 coordinates, as phones report them.' })
@Schema({ _id: false })
export class GeoPoint {
  @Field(() => Float, { description: 'Latitude in decimal degrees, −90 to 90 (north positive).' })
  @IsLatitude()
  @Prop({ required: true, min: -90, max: 90 })
  latitude!: number;

  @Field(() => Float, { description: 'Longitude in decimal degrees, −180 to 180 (east positive).' })
  @IsLongitude()
  @Prop({ required: true, min: -180, max: 180 })
  longitude!: number;
}
export const GeoPointSchema = SchemaFactory.createForClass(GeoPoint);

@ObjectType({ description: 'A street lamp (路灯) of a community road, a compound or beside a building.' })
@Directive('@key(fields: "id")')
@Schema({ collection: 'lamps', timestamps: true })
export class Lamp extends InCommunity {
  @Field(() => ID, { description: 'The lamp’s id.' })
  id!: string;

  @Field({ description: 'The asset number painted on the pole, e.g. XT-SY7-031.' })
  @Prop({ required: true, trim: true, unique: true })
  assetNumber!: string;

  @Field(() => GeoPoint, { description: 'Where the pole stands (WGS 84).' })
  @Prop({ type: GeoPointSchema, required: true })
  location!: GeoPoint;

  @Field({ nullable: true, description: 'Where it stands, as residents say it: 3幢北侧 or 河边步道.' })
  @Prop({ trim: true })
  placeDescription?: string;

  @Field({ description: 'The department that must report in when the street blows the whistle on a fault (部门报到).' })
  @Prop({ required: true, trim: true })
  responsibleDepartment!: string;

  @Field(() => LampStatus, { description: 'FAULTY while a reported fault is open.' })
  @Prop({ type: String, enum: LampStatus, default: LampStatus.WORKING })
  status!: LampStatus;

  /** When facilities.lamp.registered went out for it; null until then (lamps-announcer.ts). Not in the API. */
  @Prop({ type: Date, default: null })
  announcedAt?: Date | null;
}

export type LampDocument = HydratedDocument<Lamp>;
export const LampSchema = SchemaFactory.createForClass(Lamp);
// The lists of a community, compound or building, in asset-number order.
LampSchema.index({ communityId: 1, assetNumber: 1 });
LampSchema.index({ compoundId: 1, assetNumber: 1 });
LampSchema.index({ buildingId: 1, assetNumber: 1 });
