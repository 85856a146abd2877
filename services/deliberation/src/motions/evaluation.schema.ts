import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

@ObjectType({ description: "How the residents rated a motion's outcome (民事民评)." })
@Schema({ _id: false })
export class MotionEvaluation {
  @Field(() => Int)
  @Prop({ required: true })
  ratings!: number;

  @Field(() => Float, { nullable: true, description: '1 to 5; none when nobody rated it.' })
  @Prop({ type: Number, default: null })
  averageScore!: number | null;

  @Field(() => Date, { nullable: true, description: 'Set when a steward closes the evaluation (and the motion).' })
  @Prop({ type: Date, default: null })
  closedAt!: Date | null;
}
export const MotionEvaluationSchema = SchemaFactory.createForClass(MotionEvaluation);

@ObjectType({ description: "A resident's rating of an outcome; who gave it is not shown." })
@Schema({ collection: 'ratings', timestamps: { createdAt: 'ratedAt', updatedAt: false } })
export class Rating {
  @Field(() => ID)
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  motionId!: Types.ObjectId;

  /** One rating per resident and motion. */
  @Prop({ type: String, required: true })
  residentId!: string;

  @Field(() => Int, { description: '1 (poor) to 5 (very good).' })
  @Prop({ required: true, min: 1, max: 5 })
  score!: number;

  @Field(() => String, { nullable: true })
  @Prop({ type: String, default: null })
  comment!: string | null;

  @Field()
  ratedAt!: Date;
}
export const RatingSchema = SchemaFactory.createForClass(Rating);
RatingSchema.index({ motionId: 1, residentId: 1 }, { unique: true });
export type RatingDocument = HydratedDocument<Rating>;
