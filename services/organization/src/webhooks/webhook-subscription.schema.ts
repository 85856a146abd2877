import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import type { PersonalDataCipher } from '../personal-data/personal-data-cipher';
import { WebhookEventType } from './webhook-events';

export enum WebhookSubscriptionStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  DISABLED = 'DISABLED',
  DELETED = 'DELETED',
}
registerEnumType(WebhookSubscriptionStatus, {
  name: 'WebhookSubscriptionStatus',
  description: 'Whether a webhook subscription receives deliveries.',
  valuesMap: {
    ACTIVE: { description: 'Deliveries are sent as events happen.' },
    PAUSED: { description: 'Paused by its owner: events are kept as HELD deliveries and sent once it resumes.' },
    DISABLED: {
      description:
        'Stopped by Gongzhi after its endpoint kept failing (disabledReason says why); events are kept as HELD deliveries until its owner resumes it.',
    },
    DELETED: { description: 'Deleted by its owner: nothing more is recorded or sent, its secrets are gone.' },
  },
});

export enum WebhookSubscriptionAction {
  PAUSE = 'PAUSE',
  RESUME = 'RESUME',
  ROTATE_SECRET = 'ROTATE_SECRET',
  REPLAY = 'REPLAY',
  DELETE = 'DELETE',
}
registerEnumType(WebhookSubscriptionAction, {
  name: 'WebhookSubscriptionAction',
  description: "A step the subscription's owner may take now.",
  valuesMap: {
    PAUSE: { description: 'pauseWebhookSubscription.' },
    RESUME: { description: 'resumeWebhookSubscription: also re-enables a DISABLED one.' },
    ROTATE_SECRET: { description: 'rotateWebhookSecret.' },
    REPLAY: { description: 'replayWebhookDeliveries.' },
    DELETE: { description: 'deleteWebhookSubscription.' },
  },
});

/** From which statuses each step may be taken. */
export const SUBSCRIPTION_STEPS: Readonly<Record<WebhookSubscriptionAction, readonly WebhookSubscriptionStatus[]>> = {
  PAUSE: [WebhookSubscriptionStatus.ACTIVE],
  RESUME: [WebhookSubscriptionStatus.PAUSED, WebhookSubscriptionStatus.DISABLED],
  ROTATE_SECRET: [
    WebhookSubscriptionStatus.ACTIVE,
    WebhookSubscriptionStatus.PAUSED,
    WebhookSubscriptionStatus.DISABLED,
  ],
  REPLAY: [WebhookSubscriptionStatus.ACTIVE, WebhookSubscriptionStatus.PAUSED, WebhookSubscriptionStatus.DISABLED],
  DELETE: [WebhookSubscriptionStatus.ACTIVE, WebhookSubscriptionStatus.PAUSED, WebhookSubscriptionStatus.DISABLED],
};

/** The name a signing secret is sealed under (bound into its ciphertext with the subscription's id). */
export const WEBHOOK_SECRET_FIELD = 'webhook-secret';

/**
 * A signing secret. HMAC needs the secret itself, so it cannot be hashed like an API key: it is sealed at rest with
 * the personal-data key ring (AES-256-GCM, PERSONAL_DATA_KEYS), opened only to sign, and never shown after the
 * mutation that made it.
 */
@Schema({ _id: false })
export class WebhookSecret {
  @Prop({ type: { keyId: String, data: String }, required: true, _id: false })
  sealed!: { keyId: string; data: string };

  @Prop({ required: true })
  createdAt!: Date;

  /** Set on the old secret by a rotation: deliveries carry its signature too until then. */
  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;
}
const WebhookSecretSchema = SchemaFactory.createForClass(WebhookSecret);

@Schema({ _id: false })
export class WebhookSubscriptionStepRecord {
  @Prop({ type: String, enum: WebhookSubscriptionStatus, required: true })
  status!: WebhookSubscriptionStatus;

  @Prop({ required: true })
  at!: Date;

  @Prop({ type: String, default: null })
  note!: string | null;
}
const WebhookSubscriptionStepSchema = SchemaFactory.createForClass(WebhookSubscriptionStepRecord);

/**
 * An HTTPS endpoint that receives signed deliveries (Standard Webhooks) of the events its owner may see. The owner
 * is a partner unit (registering with its API key) or a staff org unit (street staff or a community secretary bound
 * to it); what reaches it is decided again for every event, by the owner's jurisdiction and scopes at that time.
 */
@ObjectType({
  description:
    'A webhook subscription: an HTTPS endpoint receiving signed deliveries (Standard Webhooks) of the events its owner may see.',
})
@Schema({ collection: 'webhook_subscriptions', versionKey: false, timestamps: { createdAt: true, updatedAt: false } })
export class WebhookSubscription {
  @Field(() => ID, { description: "The subscription's id." })
  id!: string;

  @Field({ description: 'Where deliveries are POSTed.' })
  @Prop({ required: true })
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events it receives.' })
  @Prop({ type: [{ type: String, enum: WebhookEventType }], required: true })
  eventTypes!: WebhookEventType[];

  @Field(() => String, { nullable: true, description: "The owner's note on what the endpoint is for." })
  @Prop({ type: String, default: null })
  description!: string | null;

  @Field(() => ID, { nullable: true, description: 'The partner unit that owns it, when a partner registered it.' })
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  partnerUnitId!: Types.ObjectId | null;

  @Field(() => ID, { nullable: true, description: 'The org unit that owns it, when staff registered it.' })
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  orgUnitId!: Types.ObjectId | null;

  /** Who registered it: a person's subject (whose staff role is checked at every event), or the partner unit. */
  @Prop({ required: true })
  createdBy!: string;

  @Field(() => WebhookSubscriptionStatus, { description: 'Whether it receives deliveries now.' })
  @Prop({ type: String, enum: WebhookSubscriptionStatus, default: WebhookSubscriptionStatus.ACTIVE })
  status!: WebhookSubscriptionStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why Gongzhi disabled it (its endpoint kept failing, with the last answer); null unless DISABLED.',
  })
  @Prop({ type: String, default: null })
  disabledReason!: string | null;

  @Prop({ type: [WebhookSecretSchema], default: [] })
  secrets!: WebhookSecret[];

  /**
   * Which of its owner's WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER places it holds (0, 1, …), unique per owner while it is
   * not deleted: two registrations at once cannot both take the last place. Null once deleted (the place is free).
   */
  @Prop({ type: Number, default: null })
  slot!: number | null;

  @Prop({ type: [WebhookSubscriptionStepSchema], default: [] })
  steps!: WebhookSubscriptionStepRecord[];

  @Field({ description: 'When it was registered.' })
  createdAt!: Date;
}

export type WebhookSubscriptionDocument = HydratedDocument<WebhookSubscription>;
export const WebhookSubscriptionSchema = SchemaFactory.createForClass(WebhookSubscription);
WebhookSubscriptionSchema.index({ eventTypes: 1, status: 1 });
WebhookSubscriptionSchema.index({ partnerUnitId: 1, _id: -1 });
WebhookSubscriptionSchema.index({ orgUnitId: 1, _id: -1 });
WebhookSubscriptionSchema.index(
  { partnerUnitId: 1, orgUnitId: 1, slot: 1 },
  { unique: true, partialFilterExpression: { slot: { $type: 'number' } } },
);

/** The secrets deliveries are signed with now, opened: the current one and any rotated one still in its overlap. */
export const signingSecrets = (
  subscription: { _id: Types.ObjectId; secrets: WebhookSecret[] },
  now: Date,
  cipher: PersonalDataCipher,
): string[] =>
  subscription.secrets
    .filter((entry) => !entry.expiresAt || entry.expiresAt > now)
    .map((entry) => cipher.open(WEBHOOK_SECRET_FIELD, subscription._id, entry.sealed));
