import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A lamp of facilities' register, as facilities.lamp.registered announced it: enough to check the lamps a lighting
 * motion names. Ids are facilities' (strings here, as in the territory copy).
 */
@Schema({ collection: 'facilities_lamps', versionKey: false })
export class KnownLamp {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  assetNumber!: string;

  @Prop({ type: String, required: true, index: true })
  communityId!: string;

  @Prop({ type: String, default: null })
  compoundId!: string | null;

  @Prop({ type: String, default: null })
  buildingId!: string | null;
}

export const KnownLampSchema = SchemaFactory.createForClass(KnownLamp);
