import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

export enum PartnerUnitKind {
  ENTERPRISE = 'ENTERPRISE',
  UNIVERSITY = 'UNIVERSITY',
  INSTITUTE = 'INSTITUTE',
  SCHOOL = 'SCHOOL',
  HOSPITAL = 'HOSPITAL',
  SOCIAL_ORGANISATION = 'SOCIAL_ORGANISATION',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
}
registerEnumType(PartnerUnitKind, {
  name: 'PartnerUnitKind',
  description: 'The kind of organisation a co-building partner unit (共建单位) is.',
  valuesMap: {
    ENTERPRISE: { description: 'An enterprise (企业).' },
    UNIVERSITY: { description: 'A university (高校).' },
    INSTITUTE: { description: 'A research institute (科研院所).' },
    SCHOOL: { description: 'A school (学校).' },
    HOSPITAL: { description: 'A hospital (医院).' },
    SOCIAL_ORGANISATION: { description: 'A social organisation (社会组织).' },
    PROPERTY_COMPANY: { description: 'A property management company (物业公司).' },
  },
});

@ObjectType({ description: 'A co-building agreement (互联共建协议) between a partner unit and a community.' })
@Schema({ timestamps: true })
export class CoBuildingAgreement {
  @Field(() => ID, { description: "The agreement's id." })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Field({ description: 'When the agreement starts to apply.' })
  @Prop({ required: true })
  validFrom!: Date;

  @Field({ description: 'When the agreement ends; never before validFrom.' })
  @Prop({ required: true })
  validUntil!: Date;

  @Field({ description: 'What the two sides agreed to do together.' })
  @Prop({ required: true, trim: true })
  scope!: string;
}
const CoBuildingAgreementSchema = SchemaFactory.createForClass(CoBuildingAgreement);

@ObjectType({ description: 'A resource a partner offers (亮资源) or a need it raises (提需求).' })
@Schema({ _id: false })
export class PartnerListItem {
  @Field({ description: 'A short title of the resource or need.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field({ nullable: true, description: 'More detail, when given.' })
  @Prop({ trim: true })
  description?: string;
}
const PartnerListItemSchema = SchemaFactory.createForClass(PartnerListItem);

@ObjectType({
  description: 'A co-building partner unit (共建单位): enterprise, university, school, hospital, social organisation…',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'partner_units', timestamps: true })
export class PartnerUnit {
  @Field(() => ID, { description: "The partner unit's id." })
  id!: string;

  @Field({ description: "The unit's name, e.g. a university or hospital by its registered name." })
  @Prop({ required: true, trim: true, unique: true })
  name!: string;

  @Field(() => PartnerUnitKind, { description: 'What kind of unit it is.' })
  @Prop({ type: String, enum: PartnerUnitKind, required: true })
  kind!: PartnerUnitKind;

  /** Exposed as a connection by PartnerUnitResolver. */
  @Prop({ type: [CoBuildingAgreementSchema], default: [] })
  agreements!: CoBuildingAgreement[];

  @Field(() => [PartnerListItem], { description: 'The resources the unit offers communities (亮资源).' })
  @Prop({ type: [PartnerListItemSchema], default: [] })
  resourcesOffered!: PartnerListItem[];

  @Field(() => [PartnerListItem], { description: 'The needs the unit raises (提需求).' })
  @Prop({ type: [PartnerListItemSchema], default: [] })
  needsRaised!: PartnerListItem[];
}

export type PartnerUnitDocument = HydratedDocument<PartnerUnit>;
export const PartnerUnitSchema = SchemaFactory.createForClass(PartnerUnit);
PartnerUnitSchema.index({ 'agreements.communityId': 1, name: 1 });
