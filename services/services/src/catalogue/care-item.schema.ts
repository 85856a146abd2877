import { CHILDCARE_CATEGORIES, careCategorySchema } from '@gongzhi/contracts';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { AgeBand } from '../organization-copy/age-band';

/**
 * The kinds of care the field reports describe (Longhui's "6 categories" of elder care, and childcare): the contracts'
 * list, which is also what residents' consents name as their purposes.
 */
export const CareCategory = careCategorySchema.enum;
export type CareCategory = keyof typeof CareCategory;
registerEnumType(CareCategory, {
  name: 'CareCategory',
  description: 'The kind of care an item gives: the six categories of elder care and the kinds of childcare.',
  valuesMap: {
    DAY_CARE: { description: 'Day care (日间照料).' },
    HOME_CARE: { description: 'Home visits and home care (上门探访、居家照料).' },
    REHABILITATION_NURSING: { description: 'Rehabilitation nursing (康复护理).' },
    MEAL_AND_SHOPPING_HELP: { description: 'Meal and shopping help (助餐、代购).' },
    HEALTH_CONSULTATION: { description: 'Health consultation (健康咨询).' },
    PSYCHOLOGICAL_CARE: { description: 'Psychological care (心理关怀).' },
    HOLIDAY_DAY_CLASS: { description: 'Daytime classes in the school holidays (白天托管班, 寒暑假).' },
    WEEKEND_CHILD_STATION: { description: 'Weekend care for children aged 3 to 12 (儿童服务站).' },
    TODDLER_PLAYROOM: { description: 'The playroom for under-6s (童心所).' },
    SPECIAL_NEEDS_CLASS: { description: 'Classes for children with special needs (星儿课堂).' },
  },
});

export enum CareDomain {
  ELDER_CARE = 'ELDER_CARE',
  CHILDCARE = 'CHILDCARE',
}
registerEnumType(CareDomain, {
  name: 'CareDomain',
  description: "Elder care or childcare, as follows from an item's category.",
  valuesMap: {
    ELDER_CARE: {
      description:
        'Elder care (养老): day care, home care, rehabilitation nursing, meal and shopping help, health consultation, psychological care.',
    },
    CHILDCARE: {
      description:
        'Childcare (托育): holiday classes, the weekend child station, the toddler playroom, special-needs classes.',
    },
  },
});

export function domainOf(category: CareCategory): CareDomain {
  return CHILDCARE_CATEGORIES.includes(category) ? CareDomain.CHILDCARE : CareDomain.ELDER_CARE;
}

export function categoriesOf(domain: CareDomain): CareCategory[] {
  return Object.values(CareCategory).filter((category) => domainOf(category) === domain);
}

export enum CostKind {
  FREE = 'FREE',
  /** The resident pays part; the community or a partner pays the rest. */
  SUBSIDISED = 'SUBSIDISED',
  PAID = 'PAID',
}
registerEnumType(CostKind, {
  name: 'CostKind',
  description: 'Whether a care item is free, subsidised or paid by the resident.',
  valuesMap: {
    FREE: { description: 'Free to the resident.' },
    SUBSIDISED: { description: 'The resident pays part; the community or a partner pays the rest.' },
    PAID: { description: 'The resident pays the full price.' },
  },
});

export enum CareDelivery {
  /** Ordered one at a time (点单), taken by a provider. */
  ON_REQUEST = 'ON_REQUEST',
  /** Booked into sessions with a capacity: a holiday class, a day-care centre's places. */
  IN_SESSIONS = 'IN_SESSIONS',
}
registerEnumType(CareDelivery, {
  name: 'CareDelivery',
  description: 'How a care item is delivered: ordered one at a time, or booked into sessions.',
  valuesMap: {
    ON_REQUEST: { description: 'Ordered one at a time (点单), taken by a provider.' },
    IN_SESSIONS: { description: "Booked into sessions with a capacity: a holiday class, a day-care centre's places." },
  },
});

@ObjectType({ description: 'Who may receive it.' })
@Schema({ _id: false })
export class Eligibility {
  @Field(() => [AgeBand], { description: 'The age bands it is for; at least one.' })
  @Prop({ type: [String], enum: Object.values(AgeBand), required: true })
  ageBands!: AgeBand[];

  @Field({ description: 'Only for residents living in the community that offers it.' })
  @Prop({ required: true })
  residentsOnly!: boolean;
}

@ObjectType({ description: 'What the resident pays, in fen (分: 1/100 yuan), per unit.' })
@Schema({ _id: false })
export class Cost {
  @Field(() => CostKind, { description: 'Free, subsidised or paid.' })
  @Prop({ type: String, enum: CostKind, required: true })
  kind!: CostKind;

  @Field(() => Int, { description: 'What the resident pays; 0 when free.' })
  @Prop({ required: true, min: 0 })
  priceFen!: number;

  @Field(() => Int, { nullable: true, description: 'SUBSIDISED: the price before the subsidy.' })
  @Prop({ type: Number, default: null })
  fullPriceFen!: number | null;

  @Field({ description: 'What one price buys: 次 (a visit), 餐 (a meal), 天 (a day), 期 (a term).' })
  @Prop({ required: true, trim: true })
  unit!: string;
}

@ObjectType({ description: "An item of a community's care catalogue, e.g. 助餐上门 or 暑期白天托管班." })
@Schema({ collection: 'care_items', timestamps: true })
export class CareItem {
  @Field(() => ID, { description: "The care item's id." })
  id!: string;

  @Field({ description: "The item's name as residents see it, e.g. 助餐上门; unique within its community." })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => String, { nullable: true, description: 'More about the item; null when not given.' })
  @Prop({ type: String, trim: true, default: null })
  description!: string | null;

  @Field(() => CareCategory, { description: 'The kind of care it gives.' })
  @Prop({ type: String, enum: Object.values(CareCategory), required: true })
  category!: CareCategory;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Field(() => CareDelivery, { description: 'Ordered one at a time, or booked into sessions.' })
  @Prop({ type: String, enum: CareDelivery, required: true })
  delivery!: CareDelivery;

  @Field(() => Eligibility, { description: 'Who may receive it.' })
  @Prop({ type: SchemaFactory.createForClass(Eligibility), required: true })
  eligibility!: Eligibility;

  @Field(() => Cost, { description: 'What the resident pays for it.' })
  @Prop({ type: SchemaFactory.createForClass(Cost), required: true })
  cost!: Cost;

  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  providerIds!: Types.ObjectId[];

  /** The partner units among the providers, kept with the item so a partner's items are one indexed query. */
  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  partnerUnitIds!: Types.ObjectId[];

  @Field(() => Int, {
    nullable: true,
    description: 'IN_SESSIONS: places in a session unless the session says otherwise.',
  })
  @Prop({ type: Number, default: null })
  sessionCapacity!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'When it runs, as residents are told, e.g. 寒暑假 周一至周五 8:30–17:00.',
  })
  @Prop({ type: String, trim: true, default: null })
  scheduleNote!: string | null;
}

export type CareItemDocument = HydratedDocument<CareItem>;
export const CareItemSchema = SchemaFactory.createForClass(CareItem);
CareItemSchema.index({ communityId: 1, name: 1 }, { unique: true });
CareItemSchema.index({ providerIds: 1, name: 1 });
CareItemSchema.index({ partnerUnitIds: 1, name: 1 });
