import { Connection, Payload } from '@gongzhi/platform';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.schema';
import { WebhookSubscription, WebhookSubscriptionStatus } from './webhook-subscription.schema';

@ObjectType({ description: 'A page of webhook subscriptions.' })
export class WebhookSubscriptionConnection extends Connection(WebhookSubscription) {}

@ObjectType({ description: 'A page of webhook deliveries.' })
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

@ObjectType('WebhookSubscriptionStep', { description: 'A status change of a webhook subscription, oldest first.' })
export class WebhookSubscriptionStep {
  @Field(() => WebhookSubscriptionStatus, { description: 'The status it moved to.' })
  status!: WebhookSubscriptionStatus;

  @Field({ description: 'When.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Why: a rotation, the reason it was disabled…' })
  note!: string | null;
}

@ObjectType({ description: 'A page of the status changes of a webhook subscription, oldest first.' })
export class WebhookSubscriptionStepConnection extends Connection(WebhookSubscriptionStep) {}

@ObjectType('WebhookDeliveryStep', {
  description: 'A step of a delivery — an attempt, a hold, a replay — oldest first.',
})
export class WebhookDeliveryStep {
  @Field(() => WebhookDeliveryStatus, { description: 'The status it moved to.' })
  status!: WebhookDeliveryStatus;

  @Field({ description: 'When.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: "What happened: the attempt's outcome, a replay…" })
  note!: string | null;

  @Field(() => Int, { nullable: true, description: "The endpoint's HTTP status at this attempt, if it answered." })
  responseStatus!: number | null;
}

@ObjectType({ description: 'A page of the steps of a delivery, oldest first.' })
export class WebhookDeliveryStepConnection extends Connection(WebhookDeliveryStep) {}

const SECRET =
  'The whsec_ signing secret: verify deliveries with it (the standardwebhooks library takes it as it is). Shown this once; Gongzhi never shows it again.';

@ObjectType({ description: 'What registerWebhookSubscription changed: the subscription and its secret, shown once.' })
export class RegisterWebhookSubscriptionPayload extends Payload(
  'webhookSubscription',
  WebhookSubscription,
  'The subscription, ACTIVE.',
) {
  @Field({ description: SECRET })
  secret!: string;
}

@ObjectType({ description: 'What rotateWebhookSecret changed: the new secret, shown once.' })
export class RotateWebhookSecretPayload extends Payload(
  'webhookSubscription',
  WebhookSubscription,
  'The subscription; deliveries carry both signatures until the overlap ends.',
) {
  @Field({ description: SECRET })
  secret!: string;

  @Field({ description: 'When the old secret stops being used.' })
  previousSecretExpiresAt!: Date;
}

@ObjectType({ description: 'What pauseWebhookSubscription changed.' })
export class PauseWebhookSubscriptionPayload extends Payload(
  'webhookSubscription',
  WebhookSubscription,
  'The subscription, PAUSED.',
) {}

@ObjectType({ description: 'What resumeWebhookSubscription changed.' })
export class ResumeWebhookSubscriptionPayload extends Payload(
  'webhookSubscription',
  WebhookSubscription,
  'The subscription, ACTIVE again; its HELD deliveries are being sent.',
) {}

@ObjectType({ description: 'What deleteWebhookSubscription changed.' })
export class DeleteWebhookSubscriptionPayload extends Payload(
  'webhookSubscription',
  WebhookSubscription,
  'The subscription, DELETED.',
) {}

@ObjectType({ description: 'What replayWebhookDeliveries changed.' })
export class ReplayWebhookDeliveriesPayload extends Payload(
  'webhookSubscription',
  WebhookSubscription,
  'The subscription the deliveries belong to.',
) {
  @Field(() => Int, { description: 'How many deliveries will be sent again.' })
  replayedCount!: number;
}
