import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

export enum PlaceKind {
  COMMUNITY = 'COMMUNITY',
  COMPOUND = 'COMPOUND',
  BUILDING = 'BUILDING',
  HOUSEHOLD = 'HOUSEHOLD',
}

/**
 * facilities' copy of a place of organization's territory (社区 → 小区 → 楼栋 → 户), kept from organization's
 * `*.registered` events under organization's own id: enough to tell which community a compound, building or
 * household lies in, so every access check stays in memory. Names are for messages only; organization owns them.
 */
@Schema({ collection: 'known_places', versionKey: false, timestamps: true })
export class KnownPlace {
  @Prop({ type: String, enum: PlaceKind, required: true })
  kind!: PlaceKind;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  compoundId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  buildingId!: Types.ObjectId | null;

  /** A household's exclusive floor area in m² per the property register (null where the register gave none). */
  @Prop({ type: Number, default: null })
  floorArea!: number | null;
}

export type KnownPlaceDocument = HydratedDocument<KnownPlace>;
export const KnownPlaceSchema = SchemaFactory.createForClass(KnownPlace);
// Every household of a compound (a cost shared by all of them).
KnownPlaceSchema.index({ compoundId: 1, kind: 1 });
