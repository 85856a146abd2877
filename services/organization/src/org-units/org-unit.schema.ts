import { cacheHint, INHERIT_CACHE_HINT } from '@gongzhi/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

export const TOP_TIER = 1;
export const BOTTOM_TIER = 5;

export enum TerritoryKind {
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  COMPOUND = 'COMPOUND',
  BUILDING = 'BUILDING',
}
registerEnumType(TerritoryKind, {
  name: 'TerritoryKind',
  description: 'The level of territory an org unit covers.',
  valuesMap: {
    STREET: { description: 'A street (街道), the territory of a street working committee.' },
    COMMUNITY: { description: 'A community (社区).' },
    COMPOUND: { description: 'A residential compound (小区).' },
    BUILDING: { description: 'A building (楼栋).' },
  },
});

@ObjectType({ description: 'A person holding a post in an org unit: its leader or a member.' })
@Directive(INHERIT_CACHE_HINT)
@Schema({ _id: false })
export class OrgUnitPerson {
  @Field({ description: "The person's name, e.g. 沈秀英." })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The resident record, when the person lives in the territory.' })
  @Prop({ type: SchemaTypes.ObjectId })
  residentId?: Types.ObjectId;

  @Field({ nullable: true, description: 'The post, e.g. 书记, 委员, 楼道长.' })
  @Prop({ trim: true })
  post?: string;
}
const OrgUnitPersonSchema = SchemaFactory.createForClass(OrgUnitPerson);

@ObjectType({ description: 'A piece of territory an org unit covers.' })
@Directive(INHERIT_CACHE_HINT)
@Schema({ _id: false })
export class TerritoryRef {
  @Field(() => TerritoryKind, {
    description: 'Which level of territory id names: a street, community (社区), compound (小区) or building (楼栋).',
  })
  @Prop({ type: String, enum: TerritoryKind, required: true })
  kind!: TerritoryKind;

  @Field(() => ID, { description: 'The id of the territory of that kind.' })
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  id!: Types.ObjectId;
}
const TerritoryRefSchema = SchemaFactory.createForClass(TerritoryRef);

@ObjectType({ description: 'A node of the five-tier party and community hierarchy.' })
@Directive('@key(fields: "id")')
@Directive(cacheHint())
@Schema({ collection: 'org_units', timestamps: true })
export class OrgUnit {
  @Field(() => ID, { description: "The org unit's id." })
  id!: string;

  @Field(() => Int, { description: '1 (street committee) to 5 (building group).' })
  @Prop({ required: true, min: TOP_TIER, max: BOTTOM_TIER })
  tier!: number;

  @Field({ description: "The unit's name, e.g. 淞泽邻里大党委 or 3幢楼道党小组; unique among its siblings." })
  @Prop({ required: true, trim: true })
  name!: string;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  parentId!: Types.ObjectId | null;

  /** Materialised path, top tier first: ancestors and subtrees are one indexed query each, and a move one update. */
  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  ancestorIds!: Types.ObjectId[];

  /** Inherited from the top-tier unit so a whole tree shares one naming of its tiers. */
  @Prop({ required: true })
  tierScheme!: string;

  @Field(() => OrgUnitPerson, {
    nullable: true,
    description: 'The person leading the unit, e.g. its 书记; null when none is recorded.',
  })
  @Prop({ type: OrgUnitPersonSchema })
  leader?: OrgUnitPerson;

  /** Exposed by OrgUnitsResolver.members, to signed-in people only. */
  @Prop({ type: [OrgUnitPersonSchema], default: [] })
  members!: OrgUnitPerson[];

  @Field(() => [TerritoryRef], { description: 'The communities, compounds or buildings this unit is responsible for.' })
  @Prop({ type: [TerritoryRefSchema], default: [] })
  territory!: TerritoryRef[];

  @Field({ description: 'When the unit was created.' })
  createdAt!: Date;
}

export type OrgUnitDocument = HydratedDocument<OrgUnit>;
export const OrgUnitSchema = SchemaFactory.createForClass(OrgUnit);
// Sibling names are unique: two 楼道党小组 called 3幢 under one branch would confuse everyone.
OrgUnitSchema.index({ parentId: 1, name: 1 }, { unique: true });
OrgUnitSchema.index({ ancestorIds: 1, tier: 1, name: 1 });
OrgUnitSchema.index({ tier: 1, name: 1 });
