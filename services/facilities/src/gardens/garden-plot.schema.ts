import { Directive, Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';

@ObjectType({
  description: 'A plot of a shared flower bed (共享花圃) that a household or a volunteer team claims and looks after.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'garden_plots', timestamps: true })
export class GardenPlot extends InCommunity {
  @Field(() => ID, { description: 'The plot’s id.' })
  id!: string;

  @Field({ description: 'e.g. 南门共享花圃 3号.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => Float, { description: 'In square metres.' })
  @Prop({ required: true, min: 0.1 })
  area!: number;

  @Field(() => String, {
    nullable: true,
    description: 'What the plot is like, in free text; null when none was given.',
  })
  @Prop({ type: String, default: null })
  description!: string | null;

  /** The claim looking after it now; null while it is free. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  currentClaimId!: Types.ObjectId | null;
}

export type GardenPlotDocument = HydratedDocument<GardenPlot>;
export const GardenPlotSchema = SchemaFactory.createForClass(GardenPlot);
GardenPlotSchema.index({ communityId: 1, name: 1 }, { unique: true });
GardenPlotSchema.index({ compoundId: 1, name: 1 });
