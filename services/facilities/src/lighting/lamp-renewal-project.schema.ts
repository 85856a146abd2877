import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';

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
}

export type LampRenewalProjectDocument = HydratedDocument<LampRenewalProject>;
export const LampRenewalProjectSchema = SchemaFactory.createForClass(LampRenewalProject);
LampRenewalProjectSchema.index({ communityId: 1, motionPassedAt: -1 });
LampRenewalProjectSchema.index({ compoundId: 1, motionPassedAt: -1 });
