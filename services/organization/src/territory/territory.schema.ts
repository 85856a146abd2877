import { ageBandDescriptions } from '@gongzhi/contracts';
import { cacheHint, NO_CACHE_HINT } from '@gongzhi/platform';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { Consent, ConsentSchema } from '../consent/consent.schema';
import {
  ProfileTypeSetting,
  ProfileTypeSettingSchema,
  RecordedIndicator,
  RecordedIndicatorSchema,
} from '../profiles/profile-type.schema';
import { SealedValueRecord, SealedValueSchema } from '../personal-data/resident-contact';

/**
 * The territory, from the community down to the person: 社区 → 小区 → 楼栋 → 户 → 居民. Lower levels carry the ids
 * of every level above them, so "everything in this community" is one indexed query at any depth.
 */

export enum CommunityProfile {
  RELOCATION = 'RELOCATION',
  COMMERCIAL_HOUSING = 'COMMERCIAL_HOUSING',
  OLD_TOWN = 'OLD_TOWN',
  VILLAGE_TO_RESIDENCE = 'VILLAGE_TO_RESIDENCE',
  PARK_BASED = 'PARK_BASED',
  CAMPUS_BASED = 'CAMPUS_BASED',
  MIXED = 'MIXED',
  RURAL = 'RURAL',
}
registerEnumType(CommunityProfile, {
  name: 'CommunityProfile',
  description: 'The kind of community, after the classification Taicang uses for its 157 communities.',
  valuesMap: {
    RELOCATION: {
      description: 'A relocation community (动迁小区), built to rehouse people whose homes were taken for development.',
    },
    COMMERCIAL_HOUSING: { description: 'A community of commercial housing (商品房) bought on the market.' },
    OLD_TOWN: { description: 'An old-town community of older housing.' },
    VILLAGE_TO_RESIDENCE: { description: 'A former village turned urban community (村改居).' },
    PARK_BASED: { description: 'A community within or serving an industrial park.' },
    CAMPUS_BASED: { description: 'A community within or serving a school or university campus.' },
    MIXED: { description: 'A mix of the other kinds.' },
    RURAL: { description: 'A rural community.' },
  },
});

export enum AgeBand {
  UNDER_6 = 'UNDER_6',
  AGE_6_TO_13 = 'AGE_6_TO_13',
  AGE_14_TO_17 = 'AGE_14_TO_17',
  AGE_18_TO_59 = 'AGE_18_TO_59',
  AGE_60_TO_79 = 'AGE_60_TO_79',
  AGE_80_PLUS = 'AGE_80_PLUS',
}
registerEnumType(AgeBand, { name: 'AgeBand', ...ageBandDescriptions });

export enum ResidentRelation {
  OWNER = 'OWNER',
  FAMILY = 'FAMILY',
  TENANT = 'TENANT',
}
registerEnumType(ResidentRelation, {
  name: 'ResidentRelation',
  description: 'How a resident relates to the household they live in.',
  valuesMap: {
    OWNER: { description: "An owner (业主) of the household's unit." },
    FAMILY: { description: 'A family member of an owner, living in the unit.' },
    TENANT: { description: 'A tenant (租户) renting the unit.' },
  },
});

@ObjectType({ description: 'A community (社区), the territory of a community party organisation.' })
@Directive('@key(fields: "id")')
@Directive(cacheHint())
@Schema({ collection: 'communities', timestamps: true })
export class Community {
  @Field(() => ID, { description: "The community's id." })
  id!: string;

  @Field({ description: "The community's name, e.g. 淞源社区; unique." })
  @Prop({ required: true, trim: true, unique: true })
  name!: string;

  @Field({ description: 'The street (街道) it belongs to, e.g. 斜塘街道.' })
  @Prop({ required: true, trim: true })
  street!: string;

  @Field({ description: 'City and district, e.g. 苏州市 苏州工业园区.' })
  @Prop({ required: true, trim: true })
  city!: string;

  @Field(() => CommunityProfile, {
    nullable: true,
    description:
      "The kind of community, when its profile type's code is one of these; null when not classified or of another type.",
    deprecationReason: 'Use profileType instead: community types are data a city or street defines.',
  })
  // setCommunityProfileType announces no event: never kept.
  @Directive(NO_CACHE_HINT)
  @Prop({ type: String, enum: CommunityProfile })
  profile?: CommunityProfile;

  /** Its type in the classification of its city or street (profiles/). */
  @Prop({ type: SchemaTypes.ObjectId, default: null, index: true })
  profileTypeId?: Types.ObjectId | null;

  /** Who set the type, and when. */
  @Prop({ type: ProfileTypeSettingSchema, default: null })
  profileTypeSet?: ProfileTypeSetting | null;

  /** The indicators staff recorded, one per name, the latest kept. */
  @Prop({ type: [RecordedIndicatorSchema], default: [] })
  indicators?: RecordedIndicator[];
}

@ObjectType({ description: 'A residential compound (小区).' })
@Directive('@key(fields: "id")')
@Directive(cacheHint())
@Schema({ collection: 'compounds', timestamps: true })
export class Compound {
  @Field(() => ID, { description: "The compound's id." })
  id!: string;

  @Field({ description: "The compound's name, e.g. 淞泽家园七区; unique within its community." })
  @Prop({ required: true, trim: true })
  name!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;

  @Field({ description: 'False where owners run it themselves through a self-management committee (自管委员会).' })
  @Prop({ default: true })
  hasPropertyCompany!: boolean;
}

@ObjectType({ description: 'A building (楼栋) in a compound.' })
@Directive('@key(fields: "id")')
@Directive(cacheHint())
@Schema({ collection: 'buildings', timestamps: true })
export class Building {
  @Field(() => ID, { description: "The building's id." })
  id!: string;

  @Field({ description: 'As residents say it, e.g. 3幢.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  compoundId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;

  @Field(() => Int, { nullable: true, description: 'Number of floors above ground, 1 to 200; null when not recorded.' })
  @Prop({ min: 1, max: 200 })
  floors?: number;
}

@ObjectType({ description: "An owner's share of a household's property." })
@Schema({ _id: false })
export class HouseholdOwner {
  @Field({ description: 'As on the property register.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The owner's resident record, when the owner lives in the community and is registered as a resident.",
  })
  @Prop({ type: SchemaTypes.ObjectId })
  residentId?: Types.ObjectId;

  @Field(() => Float, { description: 'Share of the unit, 0 to 1; the shares of a household add up to 1.' })
  @Prop({ required: true, min: 0, max: 1 })
  share!: number;
}
const HouseholdOwnerSchema = SchemaFactory.createForClass(HouseholdOwner);

@ObjectType({
  description: 'A household (户): one unit of a building. Its floor area and owners are what owners\u2019 votes count.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'households', timestamps: true })
export class Household {
  @Field(() => ID, { description: "The household's id." })
  id!: string;

  @Field({ description: 'The door, e.g. 502室.' })
  @Prop({ required: true, trim: true })
  unitNumber!: string;

  @Field(() => Float, { description: 'Exclusive floor area in m², per the property register.' })
  @Prop({ required: true, min: 1, max: 10000 })
  floorArea!: number;

  @Field(() => [HouseholdOwner], { description: 'The owners (业主) on the property register, with their shares.' })
  @Prop({ type: [HouseholdOwnerSchema], default: [] })
  owners!: HouseholdOwner[];

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  buildingId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  compoundId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;
}

@ObjectType({ description: 'A person living in a household. Holds the minimum a community needs to know.' })
@Directive('@key(fields: "id")')
@Schema({ collection: 'residents', timestamps: true })
export class Resident {
  @Field(() => ID, { description: "The resident's id." })
  id!: string;

  @Field({ description: "The resident's name." })
  @Prop({ required: true, trim: true })
  name!: string;

  /**
   * The mobile number, sealed at rest (PIPL): whole for the roles that must call, masked for everyone else who may see
   * the resident. Never stored in clear; found by its blind index (personal-data/).
   */
  @Prop({ type: SealedValueSchema })
  phoneSealed?: SealedValueRecord;

  /** The 居民身份证 number, sealed at rest: whole for the community office, masked for the others who may see the resident. */
  @Prop({ type: SealedValueSchema })
  idNumberSealed?: SealedValueRecord;

  @Field(() => AgeBand, {
    description:
      "The resident's age band: moved on at each birthday crossing a band when registered with a birth date.",
  })
  @Prop({ type: String, enum: AgeBand, required: true })
  ageBand!: AgeBand;

  /**
   * When the age band next changes (a birthday: age-bands.ts), for a resident registered with a birth date; the birth
   * date itself is not kept. Null otherwise, and in the last band.
   */
  @Prop({ type: Date, default: null })
  ageBandChangesAt?: Date | null;

  @Field(() => ResidentRelation, {
    description: "How the resident relates to the household: owner, owner's family or tenant.",
  })
  @Prop({ type: String, enum: ResidentRelation, required: true })
  relation!: ResidentRelation;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  householdId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  buildingId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  compoundId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;

  @Field({ description: 'When the resident was registered as moving in.' })
  @Prop({ required: true })
  movedInAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set when the resident moved out; the record stays for history.' })
  @Prop({ type: Date, default: null })
  movedOutAt?: Date | null;

  @Prop({ type: [ConsentSchema], default: [] })
  consents!: Consent[];
}

export const CommunitySchema = SchemaFactory.createForClass(Community);
export const CompoundSchema = SchemaFactory.createForClass(Compound);
CompoundSchema.index({ communityId: 1, name: 1 }, { unique: true });
export const BuildingSchema = SchemaFactory.createForClass(Building);
BuildingSchema.index({ compoundId: 1, name: 1 }, { unique: true });
export const HouseholdSchema = SchemaFactory.createForClass(Household);
HouseholdSchema.index({ buildingId: 1, unitNumber: 1 }, { unique: true });
export const ResidentSchema = SchemaFactory.createForClass(Resident);
ResidentSchema.index({ communityId: 1, movedOutAt: 1, name: 1 });
ResidentSchema.index({ 'consents._id': 1 });
// The age-band sweep: residents whose band changes next.
ResidentSchema.index({ ageBandChangesAt: 1 }, { partialFilterExpression: { ageBandChangesAt: { $type: 'date' } } });
// Lookups by number (blind index) and rotation's sweep for values under an older key.
ResidentSchema.index({ 'phoneSealed.lookup': 1 }, { sparse: true });
ResidentSchema.index({ 'idNumberSealed.lookup': 1 }, { sparse: true });
ResidentSchema.index({ 'phoneSealed.keyId': 1 }, { sparse: true });
ResidentSchema.index({ 'idNumberSealed.keyId': 1 }, { sparse: true });

export type CommunityDocument = HydratedDocument<Community>;
export type CompoundDocument = HydratedDocument<Compound>;
export type BuildingDocument = HydratedDocument<Building>;
export type HouseholdDocument = HydratedDocument<Household>;
export type ResidentDocument = HydratedDocument<Resident>;
