import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, type Model, SchemaTypes, Types } from 'mongoose';
import { WebhookEventType } from './webhook-events';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  HELD = 'HELD',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesMap: {
    PENDING: { description: 'To be sent, or to be retried at nextAttemptAt.' },
    HELD: { description: 'Kept while its subscription is PAUSED or DISABLED; sent once it resumes.' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Given up after retrying for the whole retry window; replay it to send it again.' },
  },
});

export enum WebhookDeliveryAction {
  REPLAY = 'REPLAY',
}
registerEnumType(WebhookDeliveryAction, {
  name: 'WebhookDeliveryAction',
  description: "A step the subscription's owner may take on a delivery now.",
  valuesMap: { REPLAY: { description: 'replayWebhookDeliveries with this delivery: send it again.' } },
});

@Schema({ _id: false })
export class WebhookDeliveryStepRecord {
  @Prop({ type: String, enum: WebhookDeliveryStatus, required: true })
  status!: WebhookDeliveryStatus;

  @Prop({ required: true })
  at!: Date;

  @Prop({ type: String, default: null })
  note!: string | null;

  @Prop({ type: Number, default: null })
  responseStatus!: number | null;
}
const WebhookDeliveryStepSchema = SchemaFactory.createForClass(WebhookDeliveryStepRecord);

/**
 * One event for one subscription (unique on both), sent until the endpoint takes it or the retry window ends. Its id
 * is the `webhook-id` header: the same on every retry and replay, so a receiver can drop what it already has.
 */
@ObjectType({ description: 'One event sent (or to be sent) to a webhook subscription, with its attempts.' })
@Schema({ collection: 'webhook_deliveries', versionKey: false, timestamps: { createdAt: true, updatedAt: false } })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery id, sent as the webhook-id header (the same on every retry).' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  subscriptionId!: Types.ObjectId;

  @Field(() => ID, { description: 'The id of the event delivered.' })
  @Prop({ required: true })
  eventId!: string;

  @Field(() => WebhookEventType, { description: 'What kind of event.' })
  @Prop({ type: String, enum: WebhookEventType, required: true })
  eventType!: WebhookEventType;

  @Field({ description: 'When the event happened.' })
  @Prop({ required: true })
  occurredAt!: Date;

  /** The JSON body sent, the same on every attempt (ids and outcomes only, see webhook-events.ts). */
  @Prop({ required: true })
  body!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' })
  @Prop({ type: String, enum: WebhookDeliveryStatus, required: true })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far, replays included.' })
  @Prop({ default: 0 })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When it is (re)tried next; null unless PENDING.' })
  @Prop({ type: Date, default: null })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the last attempt was made.' })
  @Prop({ type: Date, default: null })
  lastAttemptAt!: Date | null;

  /**
   * When the current run began: the delivery was recorded to be sent, or released by a resume or a replay. Its
   * latency (gongzhi_webhook_delivery_latency_seconds) counts from here, not from time spent HELD or long ago.
   */
  @Prop({ type: Date, default: null })
  dueSince!: Date | null;

  /** Failed attempts in the current run: the next retry's delay grows with it. */
  @Prop({ default: 0 })
  failures!: number;

  /** When the current run of failures began: the retry window counts from here. */
  @Prop({ type: Date, default: null })
  failingSince!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: "The HTTP status of the endpoint's last answer; null if none came.",
  })
  @Prop({ type: Number, default: null })
  responseStatus!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "The first 256 characters of the endpoint's last answer; nothing more is kept.",
  })
  @Prop({ type: String, default: null })
  responseExcerpt!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed without an answer (timeout, refused address…).',
  })
  @Prop({ type: String, default: null })
  error!: string | null;

  @Prop({ type: [WebhookDeliveryStepSchema], default: [] })
  steps!: WebhookDeliveryStepRecord[];

  @Field({ description: 'When it was recorded.' })
  createdAt!: Date;
}

export type WebhookDeliveryDocument = HydratedDocument<WebhookDelivery>;
export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDelivery);
WebhookDeliverySchema.index({ subscriptionId: 1, eventId: 1 }, { unique: true });
WebhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });
WebhookDeliverySchema.index({ subscriptionId: 1, _id: -1 });

/** How many answer characters a delivery keeps. */
export const RESPONSE_EXCERPT_LENGTH = 256;
/** Steps a delivery keeps (its attempts); older ones drop off. */
export const DELIVERY_STEPS_KEPT = 50;

/** The `$push` that adds a step to a delivery's history, keeping the last DELIVERY_STEPS_KEPT. */
export function pushDeliveryStep(
  status: WebhookDeliveryStatus,
  note: string,
  at: Date,
  responseStatus: number | null = null,
) {
  return { steps: { $each: [{ status, at, note, responseStatus }], $slice: -DELIVERY_STEPS_KEPT } };
}

/** A subscription that stops sending (paused, disabled) keeps its waiting deliveries as HELD. */
export async function holdPendingDeliveries(
  deliveries: Model<WebhookDelivery>,
  subscriptionId: Types.ObjectId,
  note: string,
  at: Date,
): Promise<void> {
  await deliveries.updateMany(
    { subscriptionId, status: WebhookDeliveryStatus.PENDING },
    {
      $set: { status: WebhookDeliveryStatus.HELD, nextAttemptAt: null },
      $push: pushDeliveryStep(WebhookDeliveryStatus.HELD, note, at),
    },
  );
}
