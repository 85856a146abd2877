import type { Actor } from '@gongzhi/contracts';
import { currentActor } from '@gongzhi/platform';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';

/** Who took a step: kept with the step, shown by name (the identity provider's subject stays inside). */
@ObjectType({ description: 'Who took a step: a person by name, or a service.' })
@Schema({ _id: false })
export class ActorRef {
  @Prop({ required: true })
  kind!: string;

  /** The identity provider's subject, the partner unit or the service. */
  @Prop({ required: true })
  id!: string;

  @Field(() => String, { nullable: true, description: 'As the person signed in; a service by its name.' })
  @Prop({ type: String, default: null })
  name!: string | null;
}
export const ActorRefSchema = SchemaFactory.createForClass(ActorRef);

/** The caller, as a step records them. */
export function actorRef(actor: Actor = currentActor()): ActorRef {
  return { kind: actor.kind, id: actor.id, name: actor.name ?? (actor.kind === 'service' ? actor.id : null) };
}

/** When a step was taken and by whom: the stamp every recorded step of a motion carries. */
@ObjectType({ isAbstract: true })
export abstract class Stamped {
  @Field({ description: 'When it was done.' })
  @Prop({ required: true })
  at!: Date;

  @Field(() => ActorRef, { description: 'Who did it.' })
  @Prop({ type: ActorRefSchema, required: true })
  by!: ActorRef;
}

/** Something recorded on a motion by someone at some time, in a collection of its own: a comment, a milestone. */
@ObjectType({ isAbstract: true })
export abstract class MotionEntry extends Stamped {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  motionId!: Types.ObjectId;
}
