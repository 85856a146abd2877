import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/**
 * A kind of community in a classification an operator defines (Taicang's "把脉画像" sorts its 157 communities into 8
 * types by who lives there, how they live and what the place is): data, not an enum, so a city or a street keeps its
 * own types beside the platform's.
 */
@ObjectType({
  description:
    "A type of community (社区类型) in a city's or street's classification, e.g. 老旧小区型, 商品房型, 村改居型, 产业园区型.",
})
@Schema({ collection: 'community_profile_types', timestamps: true })
export class CommunityProfileType {
  @Field(() => ID, { description: "The type's id." })
  id!: string;

  @Field({ description: 'A short stable code, unique where the type applies, e.g. OLD_TOWN.' })
  @Prop({ required: true, trim: true })
  code!: string;

  @Field({ description: 'Its name, e.g. 老旧小区型.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What marks a community of this type.' })
  @Prop({ type: String, default: null })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The city (as communities name it, e.g. 苏州市 太仓市, or a prefix of it such as 苏州市) whose communities it applies to; null: every city.',
  })
  @Prop({ type: String, default: null })
  city!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The street (街道) or town whose communities it applies to; null: the whole city's.",
  })
  @Prop({ type: String, default: null })
  street!: string | null;
}
export const CommunityProfileTypeSchema = SchemaFactory.createForClass(CommunityProfileType);
CommunityProfileTypeSchema.index({ code: 1, city: 1, street: 1 }, { unique: true });
export type CommunityProfileTypeDocument = HydratedDocument<CommunityProfileType>;

/** An indicator of a community's profile recorded by staff (what the register cannot compute): with when and by whom. */
@ObjectType({ description: "An indicator of a community's profile recorded by staff, with when and by whom." })
@Schema({ _id: false })
export class RecordedIndicator {
  @Field({ description: 'What it measures, e.g. 辖区面积, 集宿区人数.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => Float, { description: 'Its value.' })
  @Prop({ required: true })
  value!: number;

  @Field({ description: 'Its unit, e.g. 平方公里, 人, %.' })
  @Prop({ required: true, trim: true })
  unit!: string;

  @Field({ description: 'When it was recorded.' })
  @Prop({ required: true })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who recorded it, by name (a service by its name).' })
  @Prop({ type: String, default: null })
  recordedBy!: string | null;

  /** The recorder's identity provider subject, or the service: kept, not shown. */
  @Prop({ type: String, required: true })
  recordedById!: string;
}
export const RecordedIndicatorSchema = SchemaFactory.createForClass(RecordedIndicator);

/** Who classified a community, and when. */
@Schema({ _id: false })
export class ProfileTypeSetting {
  @Prop({ required: true })
  at!: Date;

  @Prop({ type: String, default: null })
  byName!: string | null;

  @Prop({ required: true })
  byId!: string;
}
export const ProfileTypeSettingSchema = SchemaFactory.createForClass(ProfileTypeSetting);
