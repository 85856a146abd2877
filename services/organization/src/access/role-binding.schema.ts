import { ROLES, type Role } from '@gongzhi/contracts';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/** Every role but PARTNER, which belongs to a partner unit's API key rather than to a person. */
export type PersonRole = Exclude<Role, 'PARTNER'>;
export const PERSON_ROLES = ROLES.filter((role): role is PersonRole => role !== 'PARTNER');

/** The GraphQL enum needs an object of its values. */
export const PersonRole = Object.fromEntries(PERSON_ROLES.map((role) => [role, role])) as { [R in PersonRole]: R };
registerEnumType(PersonRole, {
  name: 'PersonRole',
  description: 'A role a person holds over an org unit and the territory of its subtree.',
  valuesMap: {
    STREET_STAFF: { description: '街道工作人员, usually bound to a street working committee (街道大工委).' },
    COMMUNITY_SECRETARY: { description: '社区党委书记, bound to a community party committee.' },
    COMPOUND_BRANCH_SECRETARY: { description: '小区党支部书记, bound to a compound party branch.' },
    BUILDING_GROUP_LEADER: { description: '楼道党小组长, bound to a building party group.' },
    GRID_WORKER: { description: '网格员, bound to the unit whose territory holds their grid cells.' },
    OWNERS_COMMITTEE_MEMBER: { description: '业委会委员, bound to the compound party branch.' },
    RESIDENT: { description: '居民: sees themself and their household only; needs residentId.' },
    AUDITOR: { description: 'Reads the access-audit trail of the territory under the unit.' },
  },
});

/**
 * A person's role over an org unit. The identity provider proves who someone is (`subject`); which units they serve
 * is Gongzhi's own data, kept here.
 */
@ObjectType({ description: 'A role a person (by identity-provider subject) holds over an org unit.' })
@Schema({ collection: 'role_bindings', versionKey: false })
export class RoleBinding {
  @Field(() => ID, { description: "The binding's id." })
  id!: string;

  @Field({ description: "The identity provider's subject (sub) of the person." })
  @Prop({ required: true, trim: true })
  subject!: string;

  @Field({ description: 'The name the person goes by, e.g. 沈秀英.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => PersonRole, { description: 'The role held.' })
  @Prop({ type: String, enum: PERSON_ROLES, required: true })
  role!: PersonRole;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  orgUnitId!: Types.ObjectId;

  @Field(() => ID, { nullable: true, description: 'The resident record of the person; always set for RESIDENT.' })
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  residentId!: Types.ObjectId | null;

  @Field({ description: 'When the role was granted.' })
  @Prop({ required: true })
  grantedAt!: Date;

  @Field({ description: 'Who granted it: a person subject, a service, or demo-data.' })
  @Prop({ required: true })
  grantedBy!: string;
}

export type RoleBindingDocument = HydratedDocument<RoleBinding>;
export const RoleBindingSchema = SchemaFactory.createForClass(RoleBinding);
// One binding per person, role and unit; it also serves the gateway's lookup by subject.
RoleBindingSchema.index({ subject: 1, role: 1, orgUnitId: 1 }, { unique: true });
RoleBindingSchema.index({ orgUnitId: 1, _id: 1 });
