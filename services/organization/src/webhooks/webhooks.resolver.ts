import { Clock, ConnectionArgs, IdArgs, listConnection, nullWhileDown } from '@gongzhi/platform';
import { Args, ArgsType, Field, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import {
  WebhookDelivery,
  WebhookDeliveryAction,
  type WebhookDeliveryDocument,
  WebhookDeliveryStatus,
} from './webhook-delivery.schema';
import {
  SUBSCRIPTION_STEPS,
  WebhookSubscription,
  WebhookSubscriptionAction,
  type WebhookSubscriptionDocument,
} from './webhook-subscription.schema';
import {
  RegisterWebhookSubscriptionInput,
  ReplayWebhookDeliveriesInput,
  RotateWebhookSecretInput,
  PauseWebhookSubscriptionInput,
  ResumeWebhookSubscriptionInput,
  DeleteWebhookSubscriptionInput,
} from './webhooks.inputs';
import { WebhooksService } from './webhooks.service';
import {
  DeleteWebhookSubscriptionPayload,
  PauseWebhookSubscriptionPayload,
  RegisterWebhookSubscriptionPayload,
  ReplayWebhookDeliveriesPayload,
  ResumeWebhookSubscriptionPayload,
  RotateWebhookSecretPayload,
  WebhookDeliveryConnection,
  WebhookDeliveryStepConnection,
  WebhookSubscriptionConnection,
  WebhookSubscriptionStepConnection,
} from './webhooks.types';

const OWNER = 'By its owner: the partner (with its API key) or staff of its org unit.';

@ArgsType()
class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus)
  status?: WebhookDeliveryStatus;
}

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionsResolver {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly clock: Clock,
  ) {}

  @Query(() => WebhookSubscriptionConnection, {
    nullable: true,
    description: nullWhileDown(
      "The caller's webhook subscriptions, newest first: a partner's own, or those of the org units staff hold a staff role at.",
      'organization',
    ),
  })
  webhookSubscriptions(@Args() page: ConnectionArgs) {
    return this.webhooks.list(page);
  }

  @Query(() => WebhookSubscription, {
    nullable: true,
    description: `One webhook subscription; null when unknown or not the caller's.\n${OWNER}`,
  })
  webhookSubscription(@Args() { id }: IdArgs) {
    return this.webhooks.findOwned(id);
  }

  @Mutation(() => RegisterWebhookSubscriptionPayload, {
    description:
      'Registers an HTTPS endpoint for events; the whsec_ signing secret is in the payload, shown this once.\nBy a partner with its API key (events its scopes allow, in its co-building communities), or street staff or a community secretary for their org unit.',
  })
  registerWebhookSubscription(
    @Args('input', { description: 'The endpoint and its events.' }) input: RegisterWebhookSubscriptionInput,
  ): Promise<RegisterWebhookSubscriptionPayload> {
    return this.webhooks.register(input);
  }

  @Mutation(() => RotateWebhookSecretPayload, {
    description: `A new signing secret, shown this once; deliveries carry signatures of both until the overlap ends.\n${OWNER}`,
  })
  rotateWebhookSecret(
    @Args('input', { description: 'The subscription and the overlap.' }) input: RotateWebhookSecretInput,
  ): Promise<RotateWebhookSecretPayload> {
    return this.webhooks.rotateSecret(input.webhookSubscriptionId, input.overlapSeconds);
  }

  @Mutation(() => PauseWebhookSubscriptionPayload, {
    description: `Stops sending; events meanwhile are kept as HELD deliveries.\n${OWNER}`,
  })
  async pauseWebhookSubscription(
    @Args('input', { description: 'The subscription.' }) input: PauseWebhookSubscriptionInput,
  ): Promise<PauseWebhookSubscriptionPayload> {
    return { webhookSubscription: await this.webhooks.pause(input.webhookSubscriptionId) };
  }

  @Mutation(() => ResumeWebhookSubscriptionPayload, {
    description: `Sends again, HELD deliveries first; also re-enables a subscription Gongzhi DISABLED.\n${OWNER}`,
  })
  async resumeWebhookSubscription(
    @Args('input', { description: 'The subscription.' }) input: ResumeWebhookSubscriptionInput,
  ): Promise<ResumeWebhookSubscriptionPayload> {
    return { webhookSubscription: await this.webhooks.resume(input.webhookSubscriptionId) };
  }

  @Mutation(() => DeleteWebhookSubscriptionPayload, {
    description: `Stops the subscription for good and erases its secrets; its delivery log stays.\n${OWNER}`,
  })
  async deleteWebhookSubscription(
    @Args('input', { description: 'The subscription.' }) input: DeleteWebhookSubscriptionInput,
  ): Promise<DeleteWebhookSubscriptionPayload> {
    return { webhookSubscription: await this.webhooks.delete(input.webhookSubscriptionId) };
  }

  @Mutation(() => ReplayWebhookDeliveriesPayload, {
    description: `Sends deliveries again (same webhook-id, fresh signature): one, or all recorded in a time range.\n${OWNER}`,
  })
  replayWebhookDeliveries(
    @Args('input', { description: 'The subscription, and which deliveries.' }) input: ReplayWebhookDeliveriesInput,
  ): Promise<ReplayWebhookDeliveriesPayload> {
    return this.webhooks.replay(input);
  }

  @ResolveField(() => WebhookDeliveryConnection, { description: 'Its deliveries, newest first.' })
  deliveries(@Parent() subscription: WebhookSubscriptionDocument, @Args() { status, ...page }: WebhookDeliveriesArgs) {
    return this.webhooks.deliveriesOf(subscription, page, status);
  }

  @ResolveField(() => WebhookSubscriptionStepConnection, { description: 'Its status changes, oldest first.' })
  history(@Parent() subscription: WebhookSubscriptionDocument, @Args() page: ConnectionArgs) {
    return listConnection(subscription.steps, page);
  }

  @ResolveField(() => [WebhookSubscriptionAction], { description: 'What its owner may do now.' })
  nextSteps(@Parent() subscription: WebhookSubscriptionDocument) {
    return (Object.keys(SUBSCRIPTION_STEPS) as WebhookSubscriptionAction[]).filter((action) =>
      SUBSCRIPTION_STEPS[action].includes(subscription.status),
    );
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'While a rotation overlaps: when the previous secret stops signing; null otherwise.',
  })
  previousSecretExpiresAt(@Parent() subscription: WebhookSubscriptionDocument) {
    const now = this.clock.now();
    return subscription.secrets.find((entry) => entry.expiresAt && entry.expiresAt > now)?.expiresAt ?? null;
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveriesResolver {
  @ResolveField(() => WebhookDeliveryStepConnection, {
    description: 'Its steps, oldest first: recorded, each attempt with its outcome, holds and replays (the last 50).',
  })
  history(@Parent() delivery: WebhookDeliveryDocument, @Args() page: ConnectionArgs) {
    return listConnection(delivery.steps, page);
  }

  @ResolveField(() => [WebhookDeliveryAction], { description: 'What its owner may do now: replay it.' })
  nextSteps() {
    return [WebhookDeliveryAction.REPLAY];
  }
}
