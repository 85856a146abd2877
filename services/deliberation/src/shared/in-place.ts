import { Prop } from '@nestjs/mongoose';

/**
 * Where a motion, council or meeting sits: a community, and the compound and building when it concerns only those.
 * Kept on every such record so access is decided in memory (organization's ids, as strings).
 */
export abstract class InPlace {
  @Prop({ type: String, required: true, index: true })
  communityId!: string;

  @Prop({ type: String, default: null, index: true })
  compoundId!: string | null;

  @Prop({ type: String, default: null })
  buildingId!: string | null;
}
