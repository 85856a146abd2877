import { Field, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { MotionEntry } from '../shared/actor-ref';

@ObjectType({ description: 'Carrying out a decided motion (民事民办).' })
@Schema({ _id: false })
export class Execution {
  @Field({ description: 'When the notice ran out and the decision became final.' })
  @Prop({ required: true })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a steward reported the work done.' })
  @Prop({ type: Date, default: null })
  completedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done, as reported when completing.' })
  @Prop({ type: String, default: null })
  summary!: string | null;
}
export const ExecutionSchema = SchemaFactory.createForClass(Execution);

@ObjectType({ description: 'A milestone of the execution: the design drawn, the poles checked, the lamps lit.' })
@Schema({ collection: 'milestones', versionKey: false })
export class Milestone extends MotionEntry {
  @Field({ description: 'e.g. 路灯全部点亮.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What residents should know about it.' })
  @Prop({ type: String, default: null })
  note!: string | null;
}
export const MilestoneSchema = SchemaFactory.createForClass(Milestone);
export type MilestoneDocument = HydratedDocument<Milestone>;
