import { COUNCIL_KINDS } from '@gongzhi/contracts';
import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { graphqlEnum } from '../shared/graphql-enum';
import { InPlace } from '../shared/in-place';
import { RecordedOverride, RecordedOverrideSchema } from '../shared/rule-override';

export const CouncilKindEnum = graphqlEnum(
  COUNCIL_KINDS,
  'CouncilKind',
  'BUILDING_COUNCIL 楼栋议事会 (a building); THREE_PARTY_COUNCIL 三方议事 of compound branch, owners’ committee and property company, or ' +
    'branch, self-management committee and residents where there is no property company (a compound); JOINT_MEETING 联席会议 with ' +
    'parks and departments (a community); COURTYARD_MEETING 院坝会 (a compound); DELIBERATION_HALL 议事厅 (a community).',
  {
    BUILDING_COUNCIL: "A building's council (楼栋议事会); sits in a building.",
    THREE_PARTY_COUNCIL:
      "The compound's three-party council (三方议事): compound party branch, owners' committee and property company, " +
      'or branch, self-management committee and residents where there is no property company; sits in a compound.',
    JOINT_MEETING: "The community's joint meeting (联席会议) with parks and departments; sits in a community.",
    COURTYARD_MEETING: 'A courtyard meeting (院坝会) of residents; sits in a compound.',
    DELIBERATION_HALL: "The community's deliberation hall (议事厅); sits in a community.",
  },
);
export type CouncilKind = keyof typeof CouncilKindEnum;

/** Who sits on a council, by the part they play. */
export enum SeatRole {
  /** 小区党支部 (or 楼道党小组 in a building council). */
  PARTY_BRANCH = 'PARTY_BRANCH',
  /** 社区党委, in the community's joint meetings and deliberation hall. */
  COMMUNITY_PARTY_COMMITTEE = 'COMMUNITY_PARTY_COMMITTEE',
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
  /** 自管委员会, where owners run the compound themselves. */
  SELF_MANAGEMENT_COMMITTEE = 'SELF_MANAGEMENT_COMMITTEE',
  RESIDENT_REPRESENTATIVE = 'RESIDENT_REPRESENTATIVE',
  /** The six of a building grid (一格六员): party member, building head, volunteer, social worker, property, owner. */
  PARTY_MEMBER = 'PARTY_MEMBER',
  BUILDING_HEAD = 'BUILDING_HEAD',
  VOLUNTEER = 'VOLUNTEER',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  OWNER = 'OWNER',
  /** 部门报到: a government department called in (街道吹哨). */
  DEPARTMENT = 'DEPARTMENT',
  /** An industrial park or campus of the 三区联动. */
  PARK = 'PARK',
  PARTNER_UNIT = 'PARTNER_UNIT',
}
registerEnumType(SeatRole, {
  name: 'SeatRole',
  description: 'The part a seat plays on a council.',
  valuesMap: {
    PARTY_BRANCH: {
      description:
        'The compound party branch (小区党支部), or the stairwell party group (楼道党小组) in a building council.',
    },
    COMMUNITY_PARTY_COMMITTEE: {
      description: "The community party committee (社区党委), in the community's joint meetings and deliberation hall.",
    },
    OWNERS_COMMITTEE: { description: "The owners' committee (业主委员会)." },
    PROPERTY_COMPANY: { description: 'The property service company (物业服务企业).' },
    SELF_MANAGEMENT_COMMITTEE: {
      description: 'The self-management committee (自管委员会), where owners run the compound themselves.',
    },
    RESIDENT_REPRESENTATIVE: { description: 'A residents’ representative.' },
    PARTY_MEMBER: { description: 'A party member of the building grid (一格六员).' },
    BUILDING_HEAD: { description: 'The building head (楼栋长) of the building grid (一格六员).' },
    VOLUNTEER: { description: 'A volunteer (志愿者) of the building grid (一格六员).' },
    SOCIAL_WORKER: { description: 'A social worker (社工) of the building grid (一格六员).' },
    OWNER: { description: 'An owner (业主) of the building grid (一格六员).' },
    DEPARTMENT: { description: 'A government department called in (部门报到: 街道吹哨).' },
    PARK: { description: 'An industrial park or campus of the 三区联动.' },
    PARTNER_UNIT: { description: 'A co-building partner unit (共建单位).' },
  },
});

@ObjectType({ description: 'A seat on a council and who holds it.' })
@Schema()
export class Seat {
  @Field(() => ID, { description: 'The seat’s id.' })
  id!: string;

  @Field(() => SeatRole, { description: 'The part the seat plays on the council.' })
  @Prop({ type: String, enum: SeatRole, required: true })
  role!: SeatRole;

  @Field({ description: 'The holder as the council posts it: a person, or a unit (物业公司, 规划局).' })
  @Prop({ required: true, trim: true })
  holderName!: string;

  /** The holder's resident record, when a resident holds the seat. */
  @Prop({ type: String, default: null })
  residentId!: string | null;

  /** The co-building partner unit holding the seat. */
  @Prop({ type: String, default: null })
  partnerUnitId!: string | null;
}
const SeatSchema = SchemaFactory.createForClass(Seat);

export const MAX_SEATS = 40;

@ObjectType({
  description: 'A council where residents and those who serve them deliberate: seats by role, meetings with minutes.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'councils', timestamps: true })
export class Council extends InPlace {
  @Field(() => ID, { description: 'The council’s id.' })
  id!: string;

  @Field({ description: 'e.g. 淞泽家园七区三方议事会.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => CouncilKindEnum, { description: 'What kind of council it is.' })
  @Prop({ type: String, enum: COUNCIL_KINDS, required: true })
  kind!: CouncilKind;

  @Field(() => [Seat], { description: `At most ${MAX_SEATS}.` })
  @Prop({ type: [SeatSchema], default: [] })
  seats!: Seat[];

  /** The org unit whose officer formed it (a compound party branch, a community party committee). */
  @Prop({ type: String, default: null, index: true })
  convenedByOrgUnitId!: string | null;

  @Field({ description: 'When it was formed.' })
  createdAt!: Date;
}
export const CouncilSchema = SchemaFactory.createForClass(Council);
export type CouncilDocument = HydratedDocument<Council>;

@ObjectType({ description: 'An item of a meeting’s agenda, with the motion it takes up if any.' })
@Schema({ _id: false })
export class AgendaItem {
  @Field({ description: 'What the item is about.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field(() => ID, { nullable: true, description: 'The motion the item takes up, if any.' })
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  motionId!: Types.ObjectId | null;
}
const AgendaItemSchema = SchemaFactory.createForClass(AgendaItem);

@ObjectType({ description: 'Who was at a meeting: a seat holder, or someone who came (a resident, a department).' })
@Schema({ _id: false })
export class Attendance {
  @Field({ description: 'Who they are, as the minutes name them.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The seat they hold, if they hold one.' })
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  seatId!: Types.ObjectId | null;

  @Field({ description: 'Whether they came.' })
  @Prop({ required: true })
  present!: boolean;
}
const AttendanceSchema = SchemaFactory.createForClass(Attendance);

/** Where a seat holder stands on what a meeting takes up. */
export enum SeatPosition {
  SUPPORT = 'SUPPORT',
  OPPOSE = 'OPPOSE',
  ABSTAIN = 'ABSTAIN',
  /** Neither for nor against: a concern or a condition to be minuted. */
  CONCERN = 'CONCERN',
}
registerEnumType(SeatPosition, {
  name: 'SeatPosition',
  description: 'Where a seat holder stands on what a meeting takes up.',
  valuesMap: {
    SUPPORT: { description: 'For it.' },
    OPPOSE: { description: 'Against it.' },
    ABSTAIN: { description: 'Neither, on purpose.' },
    CONCERN: { description: 'Neither for nor against: a concern or a condition to be minuted.' },
  },
});

@ObjectType({ description: "A seat holder's opinion on a meeting's business, given before the meeting (书面意见)." })
@Schema({ _id: false })
export class SeatOpinion {
  @Field(() => ID, { description: 'The seat it was given for.' })
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  seatId!: Types.ObjectId;

  @Field({ description: 'The holder as the council posts it.' })
  @Prop({ required: true })
  holderName!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The motion on the agenda it is about; null: the meeting as a whole.',
  })
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  motionId!: Types.ObjectId | null;

  @Field(() => SeatPosition, { description: 'Where the seat stands.' })
  @Prop({ type: String, enum: SeatPosition, required: true })
  position!: SeatPosition;

  @Field({ description: 'The opinion in words.' })
  @Prop({ required: true, trim: true })
  text!: string;

  @Field({ description: 'When it was given.' })
  @Prop({ required: true })
  givenAt!: Date;
}
const SeatOpinionSchema = SchemaFactory.createForClass(SeatOpinion);

export const MAX_AGENDA_ITEMS = 20;

/** One per seat and agenda item, and one per seat on the meeting as a whole. */
export const MAX_SEAT_OPINIONS = MAX_SEATS * (MAX_AGENDA_ITEMS + 1);
export const MAX_ATTENDANCE = 200;

@ObjectType({ description: 'A meeting of a council: agenda, attendance and minutes.' })
@Schema({ collection: 'meetings', timestamps: true })
export class Meeting extends InPlace {
  @Field(() => ID, { description: 'The meeting’s id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  councilId!: Types.ObjectId;

  @Field({ description: 'What the meeting is about.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field({ description: 'When it is to be held.' })
  @Prop({ required: true })
  scheduledAt!: Date;

  @Field({ description: 'e.g. 党群会客厅, 楼道口, 院坝.' })
  @Prop({ required: true, trim: true })
  location!: string;

  @Field(() => [AgendaItem], { description: `At most ${MAX_AGENDA_ITEMS}.` })
  @Prop({ type: [AgendaItemSchema], default: [] })
  agenda!: AgendaItem[];

  @Field(() => [Attendance], { description: `Recorded when the meeting is held; at most ${MAX_ATTENDANCE}.` })
  @Prop({ type: [AttendanceSchema], default: [] })
  attendance!: Attendance[];

  @Field(() => [SeatOpinion], {
    description: `The seats' opinions given before the meeting, oldest first (one per seat and item, the latest kept); at most ${MAX_SEAT_OPINIONS}.`,
  })
  @Prop({ type: [SeatOpinionSchema], default: [] })
  seatOpinions!: SeatOpinion[];

  @Field(() => String, { nullable: true, description: 'The minutes, once the meeting is held.' })
  @Prop({ type: String, default: null })
  minutes!: string | null;

  @Field(() => Date, { nullable: true, description: 'Set once the meeting is held and its minutes recorded.' })
  @Prop({ type: Date, default: null })
  heldAt!: Date | null;

  @Field(() => RecordedOverride, {
    nullable: true,
    description: 'Set when it was minuted before its scheduled time, on purpose, by its convener: why.',
  })
  @Prop({ type: RecordedOverrideSchema, default: null })
  override!: RecordedOverride | null;
}
export const MeetingSchema = SchemaFactory.createForClass(Meeting);
MeetingSchema.index({ councilId: 1, scheduledAt: 1 });
// Motion.meetings: the meetings whose agenda takes up a motion, oldest first.
MeetingSchema.index({ 'agenda.motionId': 1, scheduledAt: 1 });
export type MeetingDocument = HydratedDocument<Meeting>;
