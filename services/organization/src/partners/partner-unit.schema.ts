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
registerEnumType(PartnerUnitKind, { name: 'PartnerUnitKind' });

@ObjectType({ description: 'A co-building agreement (互联共建协议) between a partner unit and a community.' })
@Schema({ timestamps: true })
export class CoBuildingAgreement {
  @Field(() => ID)
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Field()
  @Prop({ required: true })
  validFrom!: Date;

  @Field()
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
  @Field()
  @Prop({ required: true, trim: true })
  title!: string;

  @Field({ nullable: true })
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
  @Field(() => ID)
  id!: string;

  @Field()
  @Prop({ required: true, trim: true, unique: true })
  name!: string;

  @Field(() => PartnerUnitKind)
  @Prop({ type: String, enum: PartnerUnitKind, required: true })
  kind!: PartnerUnitKind;

  /** Exposed as a connection by PartnerUnitResolver. */
  @Prop({ type: [CoBuildingAgreementSchema], default: [] })
  agreements!: CoBuildingAgreement[];

  @Field(() => [PartnerListItem])
  @Prop({ type: [PartnerListItemSchema], default: [] })
  resourcesOffered!: PartnerListItem[];

  @Field(() => [PartnerListItem])
  @Prop({ type: [PartnerListItemSchema], default: [] })
  needsRaised!: PartnerListItem[];
}

export type PartnerUnitDocument = HydratedDocument<PartnerUnit>;
export const PartnerUnitSchema = SchemaFactory.createForClass(PartnerUnit);
PartnerUnitSchema.index({ 'agreements.communityId': 1, name: 1 });
