import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

@ObjectType({
  description:
    'A community alliance (社区联盟, e.g. 大龙景社区联盟): neighbouring communities (社区) under one street that share activities, rooms and resources across their boundary (活动方案共办、共建资源共享、载体配套共用).',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'community_alliances', timestamps: true })
export class Alliance {
  @Field(() => ID, { description: "The alliance's id." })
  id!: string;

  @Field({ description: "The alliance's name, e.g. 大龙景社区联盟; unique." })
  @Prop({ required: true, trim: true, unique: true })
  name!: string;

  /** The street unit leading it (Alliance.leadingUnit). */
  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  leadingUnitId!: Types.ObjectId;

  /** Its member communities, at least two (Alliance.communities). */
  @Prop({ type: [SchemaTypes.ObjectId], required: true, index: true })
  communityIds!: Types.ObjectId[];

  /** Grows by one with each change; events carry it so other subgraphs keep the latest membership. */
  @Prop({ required: true, default: 1 })
  revision!: number;

  @Field({ description: 'When the alliance was formed.' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the alliance was dissolved: nothing is shared with it any more and it takes no changes; null while it stands.',
  })
  @Prop({ type: Date, default: null })
  dissolvedAt!: Date | null;
}

export type AllianceDocument = HydratedDocument<Alliance>;
export const AllianceSchema = SchemaFactory.createForClass(Alliance);
AllianceSchema.index({ communityIds: 1, name: 1 });
