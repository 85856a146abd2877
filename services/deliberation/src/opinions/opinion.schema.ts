import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { ActorRef, ActorRefSchema } from '../shared/actor-ref';
import { InPlace } from '../shared/in-place';

export enum OpinionChannel {
  ONLINE = 'ONLINE',
  /** 入户走访: a grid worker or vanguard volunteer on a visit. */
  HOME_VISIT = 'HOME_VISIT',
  MEETING = 'MEETING',
  /** A call to the community office. */
  HOTLINE = 'HOTLINE',
  /** Left at a party-and-public service room (党群会客厅). */
  SERVICE_ROOM = 'SERVICE_ROOM',
}
registerEnumType(OpinionChannel, {
  name: 'OpinionChannel',
  description: 'How an opinion was collected.',
  valuesMap: {
    ONLINE: { description: 'Recorded online by the resident.' },
    HOME_VISIT: { description: '入户走访: a grid worker or vanguard volunteer on a visit.' },
    MEETING: { description: 'Raised at a meeting (院坝会, 议事会).' },
    HOTLINE: { description: 'A call to the community office.' },
    SERVICE_ROOM: { description: 'Left at a party-and-public service room (党群会客厅).' },
  },
});

export enum OpinionStatus {
  OPEN = 'OPEN',
  /** Taken up as a motion. */
  PROMOTED = 'PROMOTED',
  /** Answered without a motion (explained, referred, solved on the spot). */
  ANSWERED = 'ANSWERED',
}
registerEnumType(OpinionStatus, {
  name: 'OpinionStatus',
  description: 'Where an opinion stands.',
  valuesMap: {
    OPEN: { description: 'Collected; not yet answered or taken up.' },
    PROMOTED: { description: 'Taken up as a motion.' },
    ANSWERED: { description: 'Answered without a motion (explained, referred, solved on the spot).' },
  },
});

export const MAX_TAGS = 5;

@ObjectType({
  description: 'An opinion collected from a resident (社情民意), tagged, and possibly taken up as a motion.',
})
@Schema({ collection: 'opinions', timestamps: true })
export class Opinion extends InPlace {
  @Field(() => ID, { description: 'The opinion’s id.' })
  id!: string;

  @Field({ description: 'What the resident said.' })
  @Prop({ required: true, trim: true })
  text!: string;

  @Field(() => [String], { description: `e.g. 停车, 路灯, 噪声; at most ${MAX_TAGS}.` })
  @Prop({ type: [String], default: [], index: true })
  tags!: string[];

  @Field(() => OpinionChannel, { description: 'How it was collected.' })
  @Prop({ type: String, enum: OpinionChannel, required: true })
  channel!: OpinionChannel;

  @Field(() => OpinionStatus, { description: 'Open, taken up as a motion, or answered.' })
  @Prop({ type: String, enum: OpinionStatus, default: OpinionStatus.OPEN })
  status!: OpinionStatus;

  /** Whose opinion it is, when a registered resident's: they see it in their own list. */
  @Prop({ type: String, default: null, index: true })
  residentId!: string | null;

  @Field(() => ActorRef, { description: 'Who recorded it: the resident online, or the staff member who collected it.' })
  @Prop({ type: ActorRefSchema, required: true })
  recordedBy!: ActorRef;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  motionId!: Types.ObjectId | null;

  @Field(() => String, { nullable: true, description: 'The staff’s answer, once answered.' })
  @Prop({ type: String, default: null })
  answer!: string | null;

  @Field({ description: 'When it was recorded.' })
  createdAt!: Date;
}
export const OpinionSchema = SchemaFactory.createForClass(Opinion);
OpinionSchema.index({ communityId: 1, status: 1, _id: -1 });
export type OpinionDocument = HydratedDocument<Opinion>;
