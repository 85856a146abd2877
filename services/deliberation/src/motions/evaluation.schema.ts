import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

@ObjectType({ description: "How the residents rated a motion's outcome (民事民评)." })
@Schema({ _id: false })
export class MotionEvaluation {
  @Field(() => Int, { description: 'How many residents rated it.' })
  @Prop({ required: true })
  ratings!: number;

  /** Stored as `averageScore` (the records already written); the API calls it `averageStars`, as ratings have stars. */
  @Field(() => Float, {
    name: 'averageStars',
    nullable: true,
    description: 'The ratings’ average stars, 1 to 5, to two decimals; none when nobody rated it.',
  })
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
  @Field(() => ID, { description: 'The rating’s id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  motionId!: Types.ObjectId;

  /** One rating per resident and motion. */
  @Prop({ type: String, required: true })
  residentId!: string;

  /** Stored as `score` (the records already written); the API calls it `stars`, the one rating shape. */
  @Field(() => Int, { name: 'stars', description: '1 (poor) to 5 (very good).' })
  @Prop({ required: true, min: 1, max: 5 })
  score!: number;

  @Field(() => String, { nullable: true, description: 'What the resident wrote with it.' })
  @Prop({ type: String, default: null })
  comment!: string | null;

  @Field({ description: 'When it was given.' })
  ratedAt!: Date;
}
export const RatingSchema = SchemaFactory.createForClass(Rating);
RatingSchema.index({ motionId: 1, residentId: 1 }, { unique: true });
export type RatingDocument = HydratedDocument<Rating>;
