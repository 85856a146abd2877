import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { AboutResident } from '../organization-copy/about-resident.schema';

export enum CareProfileKind {
  /** 60 and over. */
  ELDER = 'ELDER',
  /** Under 18. */
  CHILD = 'CHILD',
}
registerEnumType(CareProfileKind, {
  name: 'CareProfileKind',
  description: 'Whose care profile it is: an elder or a child.',
  valuesMap: { ELDER: { description: 'An elder, 60 and over (老人).' }, CHILD: { description: 'A child, under 18.' } },
});

export enum Mobility {
  INDEPENDENT = 'INDEPENDENT',
  /** Walks with a stick or someone's arm. */
  NEEDS_SUPPORT = 'NEEDS_SUPPORT',
  WHEELCHAIR = 'WHEELCHAIR',
  BEDRIDDEN = 'BEDRIDDEN',
}
registerEnumType(Mobility, {
  name: 'Mobility',
  description: 'How well a person gets about, for carers planning a visit.',
  valuesMap: {
    INDEPENDENT: { description: 'Gets about unaided.' },
    NEEDS_SUPPORT: { description: "Walks with a stick or someone's arm." },
    WHEELCHAIR: { description: 'Uses a wheelchair.' },
    BEDRIDDEN: { description: 'Confined to bed (卧床).' },
  },
});

/** Health data (PIPL: sensitive): kept only with the separate consent for it, erased when that is withdrawn. */
@ObjectType({ description: 'What carers must know of a person’s health. Sensitive: read by few, every read audited.' })
@Schema({ _id: false })
export class HealthNotes {
  @Field(() => [String], { description: 'e.g. 高血压, 糖尿病, 孤独症谱系.' })
  @Prop({ type: [String], default: [] })
  conditions!: string[];

  @Field(() => [String], { description: 'Known allergies.' })
  @Prop({ type: [String], default: [] })
  allergies!: string[];

  @Field(() => Mobility, { nullable: true, description: 'How well the person gets about; null when not recorded.' })
  @Prop({ type: String, enum: Mobility, default: null })
  mobility!: Mobility | null;

  @Field(() => String, { nullable: true, description: 'e.g. 每日早晚服降压药.' })
  @Prop({ type: String, trim: true, default: null })
  medication!: string | null;
}

/**
 * What care of one resident needs to know, and no more: an elder's living alone and needs, a child's needs and
 * guardian, and — with consent — health notes. Organization keeps who they are; this only what care needs.
 */
@ObjectType({ description: "A care recipient's profile: an elder (60+) or a child, holding only what care needs." })
@Schema({ collection: 'care_profiles', timestamps: true })
export class CareProfile extends AboutResident {
  @Field(() => ID, { description: "The care profile's id." })
  id!: string;

  @Field(() => CareProfileKind, { description: "Whether the profile is an elder's or a child's." })
  @Prop({ type: String, enum: CareProfileKind, required: true })
  kind!: CareProfileKind;

  @Field({ description: 'An elder living alone (独居老人): the building group leader looks in on them.' })
  @Prop({ default: false })
  livesAlone!: boolean;

  @Field(() => [String], { description: 'What help they need, e.g. 助餐, 助浴, 放学接送.' })
  @Prop({ type: [String], default: [] })
  needs!: string[];

  /** A child under 14: the guardian whose consent it rests on. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  guardianResidentId!: Types.ObjectId | null;

  @Prop({ type: SchemaFactory.createForClass(HealthNotes), default: null })
  health!: HealthNotes | null;

  @Field({ description: 'When the profile was last recorded.' })
  updatedAt!: Date;
}

export type CareProfileDocument = HydratedDocument<CareProfile>;
export const CareProfileSchema = SchemaFactory.createForClass(CareProfile);
CareProfileSchema.index({ residentId: 1 }, { unique: true });
