import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/**
 * A subgraph's copy of a community alliance (社区联盟), from organization's `org.alliance.formed` and
 * `org.alliance.changed`: which communities' residents may use the rooms and activities shared with it (facilities, services). `_id` is organization's
 * alliance id; `revision` the latest change seen, so events handled out of order never bring an old membership back.
 */
@Schema({ collection: 'known_alliances', versionKey: false, timestamps: true })
export class KnownAlliance {
  @Prop({ required: true })
  name!: string;

  @Prop({ type: [SchemaTypes.ObjectId], required: true, index: true })
  communityIds!: Types.ObjectId[];

  @Prop({ required: true })
  revision!: number;
}

export const KnownAllianceSchema = SchemaFactory.createForClass(KnownAlliance);
