import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/**
 * The names of the five tiers are data: Xietang calls them 街道大工委 → 邻里大党委 → 社区党组织 → 小区党支部 → 楼道党小组
 * (seed 002), Shizhong names the same levels by territory, 区-街-社-院-楼 (seed 004).
 */
@ObjectType({ description: 'A naming of the five tiers, from the top (tier 1) down to the building (tier 5).' })
@Schema({ collection: 'tier_schemes', timestamps: true })
export class TierScheme {
  /** The key is the stored _id; GraphQL shows it as id (no storage names in public types). */
  @Prop({ type: String, required: true })
  _id!: string;

  @Field(() => ID, { description: 'Stable key, e.g. party or territorial: what CreateOrgUnitInput.tierScheme names.' })
  id!: string;

  @Field(() => [String], { description: 'Five names, tier 1 first.' })
  @Prop({ type: [String], required: true })
  tierNames!: string[];
}

export type TierSchemeDocument = HydratedDocument<TierScheme>;
export const TierSchemeSchema = SchemaFactory.createForClass(TierScheme);

export const BUILT_IN_TIER_SCHEMES: Record<string, string[]> = {
  party: ['街道大工委', '邻里大党委', '社区党组织', '小区党支部', '楼道党小组'],
  territorial: ['区', '街道', '社区', '院落', '楼栋'],
};
