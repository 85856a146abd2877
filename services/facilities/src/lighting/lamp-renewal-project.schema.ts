import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';
import { LightingStep } from './history';

/** Where a renewal project stands: planned → tendered → in progress → accepted (验收), or cancelled on the way. */
export enum LampRenewalProjectStatus {
  PLANNED = 'PLANNED',
  TENDERED = 'TENDERED',
  IN_PROGRESS = 'IN_PROGRESS',
  ACCEPTED = 'ACCEPTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(LampRenewalProjectStatus, {
  name: 'LampRenewalProjectStatus',
  description: 'Where a lamp renewal project stands.',
  valuesMap: {
    PLANNED: { description: 'Decided by the motion; no contractor chosen yet.' },
    TENDERED: { description: 'A contractor (a partner unit of the community) won the tender, for tenderAmountFen.' },
    IN_PROGRESS: { description: 'The contractor is renewing the lamps.' },
    ACCEPTED: { description: 'The community accepted the work (验收): the lamps named work.' },
    CANCELLED: { description: 'Called off before its acceptance, with the reason in its history.' },
  },
});

@ObjectType({ description: 'A status a renewal project reached: when, by whom, with what note.' })
@Schema({ _id: false })
export class LampRenewalProjectStep extends LightingStep(LampRenewalProjectStatus, 'project', {
  note: 'What was said with it: the tender, what the acceptance checked, why it was cancelled, or a rule set aside.',
}) {}
const LampRenewalProjectStepSchema = SchemaFactory.createForClass(LampRenewalProjectStep);

@ObjectType({
  description: 'The renewal of a set of lamps, as a lighting motion residents passed in deliberation decided.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'lamp_renewal_projects', versionKey: false, timestamps: true })
export class LampRenewalProject extends InCommunity {
  @Field(() => ID, { description: 'The project’s id.' })
  id!: string;

  @Field(() => ID, { description: 'The motion of the deliberation subgraph: one project per motion.' })
  @Prop({ required: true, unique: true })
  motionId!: string;

  @Field({ description: 'As the motion was titled, e.g. 2024年小区路灯更新.' })
  @Prop({ required: true })
  title!: string;

  @Field(() => String, { nullable: true, description: 'The lamps in the motion’s own words, when it named them so.' })
  @Prop({ type: String, default: null })
  lampsDescription!: string | null;

  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  lampIds!: Types.ObjectId[];

  @Field(() => [ID], {
    description: 'Lamps the motion named that are not lamps of its community here: for the community to sort out.',
  })
  @Prop({ type: [String], default: [] })
  unknownLampIds!: string[];

  @Field({ description: 'When the motion passed.' })
  @Prop({ required: true })
  motionPassedAt!: Date;

  @Field(() => LampRenewalProjectStatus, { description: 'Where the project stands; its changes are in history.' })
  @Prop({ type: String, enum: LampRenewalProjectStatus, default: LampRenewalProjectStatus.PLANNED })
  status!: LampRenewalProjectStatus;

  /** Its steps after PLANNED, oldest first; `history` starts them with PLANNED at the motion's passing. */
  @Prop({ type: [LampRenewalProjectStepSchema], default: [] })
  steps!: LampRenewalProjectStep[];

  /** The partner unit that won the tender; null while PLANNED (and on a project cancelled before its tender). */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  contractorId!: Types.ObjectId | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The tender’s amount, in fen (分); null until the project is tendered.',
  })
  @Prop({ type: Number, default: null })
  tenderAmountFen!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The residents’ representative who took part in the acceptance (验收), when one did, e.g. 业主代表 王建国.',
  })
  @Prop({ type: String, default: null })
  residentsRepresentative!: string | null;
}

export type LampRenewalProjectDocument = HydratedDocument<LampRenewalProject>;
export const LampRenewalProjectSchema = SchemaFactory.createForClass(LampRenewalProject);
LampRenewalProjectSchema.index({ communityId: 1, motionPassedAt: -1 });
LampRenewalProjectSchema.index({ compoundId: 1, motionPassedAt: -1 });
