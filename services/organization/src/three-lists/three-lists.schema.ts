import { StatusStep } from '@gongzhi/platform';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { CoBuildingProjectStatus, OPEN_PROJECT_STATUSES } from './co-building-project.steps';

/** The three lists (三份清单) a community committee keeps. */
export enum CommunityList {
  RESPONSIBILITY = 'RESPONSIBILITY',
  NEED = 'NEED',
  RESOURCE = 'RESOURCE',
}
registerEnumType(CommunityList, {
  name: 'CommunityList',
  description: 'Which of the three lists (三份清单) of a community an item is on.',
  valuesMap: {
    RESPONSIBILITY: { description: '权责清单: what the community committee must do or may assist with.' },
    NEED: { description: "需求清单: residents' needs the community collected (提需求), e.g. 老旧小区加装电梯." },
    RESOURCE: { description: '资源清单: what a partner unit offers the community (亮资源), e.g. 义诊.' },
  },
});

/** A responsibility the committee carries out itself, or one where it assists the government (协助). */
export enum ResponsibilityDuty {
  PERFORM = 'PERFORM',
  ASSIST = 'ASSIST',
}
registerEnumType(ResponsibilityDuty, {
  name: 'ResponsibilityDuty',
  description: 'What the community committee does about a responsibility on its 权责清单.',
  valuesMap: {
    PERFORM: { description: 'It must do it itself (依法履职事项).' },
    ASSIST: { description: 'It assists the government with it (依法协助事项).' },
  },
});

@ObjectType({
  description:
    'An item of one of the three lists (三份清单) of a community: a responsibility, a need or a resource a partner unit offers.',
})
@Schema({ collection: 'community_list_items', timestamps: true })
export class CommunityListItem {
  @Field(() => ID, { description: "The item's id." })
  id!: string;

  @Field(() => CommunityList, { description: 'Which list it is on.' })
  @Prop({ type: String, enum: CommunityList, required: true })
  list!: CommunityList;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Field({ description: 'A short title, e.g. 老旧小区加装电梯, 周末义诊, 协助开展老年人优待证办理.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field(() => String, { nullable: true, description: 'More detail, when given.' })
  @Prop({ type: String, trim: true, default: null })
  description!: string | null;

  @Field(() => ResponsibilityDuty, {
    nullable: true,
    description: 'RESPONSIBILITY: performed or assisted; null otherwise.',
  })
  @Prop({ type: String, enum: [...Object.values(ResponsibilityDuty), null], default: null })
  duty!: ResponsibilityDuty | null;

  /** RESOURCE: the partner unit offering it. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  partnerUnitId!: Types.ObjectId | null;

  /** NEED: the resources staff drafted against it (拟清单), in the order given. */
  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  matchedResourceIds!: Types.ObjectId[];

  /** Who put it on the list: a person's subject or a partner unit id (kept for the record, not shown). */
  @Prop({ required: true })
  recordedBy!: string;

  @Field({ description: 'When it was put on the list.' })
  createdAt!: Date;
}
export type CommunityListItemDocument = HydratedDocument<CommunityListItem>;
export const CommunityListItemSchema = SchemaFactory.createForClass(CommunityListItem);
CommunityListItemSchema.index({ communityId: 1, list: 1, _id: -1 });
CommunityListItemSchema.index({ partnerUnitId: 1, _id: -1 }, { partialFilterExpression: { list: 'RESOURCE' } });

@ObjectType({ description: "A change of a co-building project's status: one entry of its history." })
@Schema({ _id: false })
export class CoBuildingProjectStep extends StatusStep(CoBuildingProjectStatus, 'project') {}

@ObjectType({
  description:
    '设项目: a co-building project that takes up a need of a community with resources of its partner units, a partner unit responsible.',
})
@Schema({ collection: 'co_building_projects', timestamps: true })
export class CoBuildingProject {
  @Field(() => ID, { description: "The project's id." })
  id!: string;

  @Field({ description: 'What the project is called, e.g. 淞泽家园七区加装电梯协调.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What it will do, when given.' })
  @Prop({ type: String, trim: true, default: null })
  description!: string | null;

  @Field(() => CoBuildingProjectStatus, { description: 'Where the project stands.' })
  @Prop({ type: String, enum: CoBuildingProjectStatus, required: true })
  status!: CoBuildingProjectStatus;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  needId!: Types.ObjectId;

  @Prop({ type: [SchemaTypes.ObjectId], required: true })
  resourceIds!: Types.ObjectId[];

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  partnerUnitId!: Types.ObjectId;

  /** Its status changes, oldest first; the API pages them as CoBuildingProject.history. */
  @Prop({ type: [SchemaFactory.createForClass(CoBuildingProjectStep)], default: [] })
  history!: CoBuildingProjectStep[];

  @Field({ description: 'When it was set up.' })
  createdAt!: Date;
}
export type CoBuildingProjectDocument = HydratedDocument<CoBuildingProject>;
export const CoBuildingProjectSchema = SchemaFactory.createForClass(CoBuildingProject);
CoBuildingProjectSchema.index({ communityId: 1, status: 1, _id: -1 });
CoBuildingProjectSchema.index({ partnerUnitId: 1, _id: -1 });
// One open project per need, also when two staff set one up at the same moment.
CoBuildingProjectSchema.index(
  { needId: 1 },
  { unique: true, partialFilterExpression: { status: { $in: OPEN_PROJECT_STATUSES } } },
);
