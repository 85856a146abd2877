import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type Connection, type Model, SchemaTypes, Types } from 'mongoose';

/**
 * A subgraph's copy of a community alliance (社区联盟), from organization's `org.alliance.formed`, `…changed` and
 * `…dissolved`: which communities' residents may use the rooms and activities shared with it (facilities, services).
 * `_id` is organization's alliance id; `revision` the latest change seen, so events handled out of order never bring an
 * old membership back. A dissolved alliance is kept with no members, so that a late event cannot revive it.
 */
@Schema({ collection: 'known_alliances', versionKey: false, timestamps: true })
export class KnownAlliance {
  @Prop({ required: true })
  name!: string;

  @Prop({ type: [SchemaTypes.ObjectId], required: true, index: true })
  communityIds!: Types.ObjectId[];

  @Prop({ required: true })
  revision!: number;

  /** When organization dissolved it; null while it stands. */
  @Prop({ type: Date, default: null })
  dissolvedAt!: Date | null;
}

export const KnownAllianceSchema = SchemaFactory.createForClass(KnownAlliance);

/** The copy's model on a connection (the demo loaders', outside Nest). */
export function knownAllianceModel(connection: Connection): Model<KnownAlliance> {
  const existing = connection.models[KnownAlliance.name] as Model<KnownAlliance> | undefined;
  if (existing) return existing;
  // The schema's virtuals (`id`) make mongoose's inferred model another Model type; the copy is read as the class.
  const created: unknown = connection.model(KnownAlliance.name, KnownAllianceSchema);
  return created as Model<KnownAlliance>;
}
