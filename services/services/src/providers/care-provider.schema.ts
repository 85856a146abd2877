import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

export enum CareProviderKind {
  /** A co-building partner unit: a school, clinic, social organisation… (学校来接单). */
  PARTNER_UNIT = 'PARTNER_UNIT',
  /** A resident helping neighbours one to one (东方达人), alone or sent by a partner that coordinates them. */
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(CareProviderKind, {
  name: 'CareProviderKind',
  description: 'What kind of provider takes the care orders: a partner unit or a volunteer.',
  valuesMap: {
    PARTNER_UNIT: {
      description: 'A co-building partner unit (共建单位): a school, clinic, social organisation… (学校来接单).',
    },
    VOLUNTEER: {
      description:
        'A resident helping neighbours one to one (东方达人), alone or sent by a partner that coordinates them.',
    },
  },
});

/**
 * Someone who takes care orders in one community. A partner unit serving several communities is a provider in each,
 * so every order, item and check names one community.
 */
@ObjectType({ description: 'Who takes care orders in a community: a partner unit or a volunteer.' })
@Schema({ collection: 'care_providers', timestamps: true })
export class CareProvider {
  @Field(() => ID, { description: "The provider's id." })
  id!: string;

  @Field(() => CareProviderKind, { description: 'A partner unit or a volunteer.' })
  @Prop({ type: String, enum: CareProviderKind, required: true })
  kind!: CareProviderKind;

  @Field({ description: 'As residents see it when ordering, e.g. 高博学院学生志愿服务队 or 东方达人 沈雪珍.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the provider offers, in its own words; null when not given.',
  })
  @Prop({ type: String, trim: true, default: null })
  description!: string | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;

  /** PARTNER_UNIT: organization's partner unit. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  partnerUnitId!: Types.ObjectId | null;

  /** VOLUNTEER: the volunteer's own resident record. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  residentId!: Types.ObjectId | null;

  /** VOLUNTEER: the partner provider that sends them (利群 sends its 东方达人), if any. */
  @Prop({ type: SchemaTypes.ObjectId, default: null, index: true })
  coordinatorId!: Types.ObjectId | null;
}

export type CareProviderDocument = HydratedDocument<CareProvider>;
export const CareProviderSchema = SchemaFactory.createForClass(CareProvider);
CareProviderSchema.index(
  { partnerUnitId: 1, communityId: 1 },
  { unique: true, partialFilterExpression: { partnerUnitId: { $type: 'objectId' } } },
);
CareProviderSchema.index(
  { residentId: 1 },
  { unique: true, partialFilterExpression: { residentId: { $type: 'objectId' } } },
);
