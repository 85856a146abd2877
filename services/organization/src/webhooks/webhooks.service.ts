import {
  type ConnectionArgs,
  type ConnectionShape,
  Clock,
  currentActor,
  EventConsumers,
  isDuplicateKeyError,
  paginate,
} from '@gongzhi/platform';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, Model, Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import type { OrganizationConfig } from '../config';
import { ORGANIZATION_CONFIG } from '../organization.tokens';
import { PersonalDataCipher } from '../personal-data/personal-data-cipher';
import { CareDelivery } from '../territory/care-recipients/care-delivery.schema';
import { checkEndpoint, EndpointRefused } from './endpoint-guard';
import { WebhookAudience } from './webhook-audience';
import {
  holdPendingDeliveries,
  pushDeliveryStep,
  WebhookDelivery,
  type WebhookDeliveryDocument,
  WebhookDeliveryStatus,
} from './webhook-delivery.schema';
import { type CareOrderPlace, WEBHOOK_CONTRACTS, WEBHOOK_EVENTS, webhookEventTypeOf } from './webhook-events';
import {
  SUBSCRIPTION_STEPS,
  WEBHOOK_SECRET_FIELD,
  WebhookSubscription,
  WebhookSubscriptionAction,
  type WebhookSubscriptionDocument,
  WebhookSubscriptionStatus,
} from './webhook-subscription.schema';
import { ownedSubscriptionsFilter, ownerOfNew, owns } from './webhooks.access';
import { WebhookErrors } from './webhooks.errors';
import type { RegisterWebhookSubscriptionInput, ReplayWebhookDeliveriesInput } from './webhooks.inputs';

/**
 * A care order's step came before organization's `care-deliveries` consumer recorded the order's care.order.placed
 * (a separate durable consumer, possibly behind): the handler fails, and the event is redelivered until it has.
 */
export class CareOrderNotYetKnown extends Error {
  constructor(orderId: string) {
    super(`care order ${orderId} is not yet in care_deliveries (its care.order.placed is not applied yet); retrying`);
    this.name = 'CareOrderNotYetKnown';
  }
}

/**
 * Redeliveries of an event the handler failed on: 1 s, doubling, at most a minute apart, ten in all (about 4 min)
 * before it is dead-lettered (replayable, docs/events.md) — room for care-deliveries to catch up after a restart.
 */
const WEBHOOKS_CONSUMER_RETRY = { maxDeliver: 10, retry: { initialMs: 1_000, maxMs: 60_000 } };

/** Where a delivery goes while its subscription is in this status. */
const deliveryStatusFor = (status: WebhookSubscriptionStatus) =>
  status === WebhookSubscriptionStatus.ACTIVE ? WebhookDeliveryStatus.PENDING : WebhookDeliveryStatus.HELD;

/**
 * Webhook subscriptions and their deliveries. Events reach them through the `organization-webhooks` durable JetStream
 * consumer: each event becomes one delivery per subscription that may receive it (unique per event and subscription,
 * recorded in the consumer's transaction with its "processed" mark), which WebhookSender then sends.
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  constructor(
    @InjectModel(WebhookSubscription.name) private readonly subscriptions: Model<WebhookSubscription>,
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
    @InjectModel(CareDelivery.name) private readonly careDeliveries: Model<CareDelivery>,
    @Inject(ORGANIZATION_CONFIG) private readonly config: OrganizationConfig,
    private readonly audience: WebhookAudience,
    private readonly consumers: EventConsumers,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all([this.subscriptions.init(), this.deliveries.init()]);
    this.consumers.register({
      name: 'webhooks',
      events: WEBHOOK_CONTRACTS,
      ...WEBHOOKS_CONSUMER_RETRY,
      handle: async (event, session) => {
        await this.recordDeliveries(
          { id: event.id, type: event.type, occurredAt: event.occurredAt, payload: event.payload },
          session,
        );
      },
    });
  }

  /** One delivery per subscription to this event type that may receive the event (idempotent per both). */
  async recordDeliveries(
    event: { id: string; type: string; occurredAt: string; payload: Record<string, unknown> },
    session?: ClientSession,
  ): Promise<number> {
    const eventType = webhookEventTypeOf(event.type);
    if (!eventType) return 0;
    const rule = WEBHOOK_EVENTS[eventType];
    const payload = rule.careOrderPlace
      ? { ...event.payload, ...(await this.careOrderPlace(String(event.payload.orderId), session)) }
      : event.payload;
    const candidates = await this.subscriptions
      .find(
        {
          eventTypes: eventType,
          status: {
            $in: [
              WebhookSubscriptionStatus.ACTIVE,
              WebhookSubscriptionStatus.PAUSED,
              WebhookSubscriptionStatus.DISABLED,
            ],
          },
        },
        { partnerUnitId: 1, orgUnitId: 1, createdBy: 1, status: 1 },
        { session },
      )
      .lean();
    const now = this.clock.now();
    const body = JSON.stringify({
      type: event.type,
      timestamp: event.occurredAt,
      data: rule.data(payload),
    });
    let recorded = 0;
    for (const subscription of candidates) {
      if (!(await this.audience.mayReceive(subscription, eventType, payload, session))) continue;
      const status = deliveryStatusFor(subscription.status);
      await this.deliveries.updateOne(
        { subscriptionId: subscription._id, eventId: event.id },
        {
          $setOnInsert: {
            eventType,
            occurredAt: new Date(event.occurredAt),
            body,
            status,
            attempts: 0,
            nextAttemptAt: status === WebhookDeliveryStatus.PENDING ? now : null,
            dueSince: status === WebhookDeliveryStatus.PENDING ? now : null,
            steps: [{ status, at: now, note: 'recorded', responseStatus: null }],
          },
        },
        { upsert: true, session },
      );
      recorded += 1;
    }
    return recorded;
  }

  /** The community and partner unit of a care order, from care_deliveries; CareOrderNotYetKnown until it is there. */
  private async careOrderPlace(orderId: string, session?: ClientSession): Promise<CareOrderPlace> {
    const order = await this.careDeliveries
      .findById(orderId, { communityId: 1, partnerUnitId: 1 }, { session })
      .lean()
      .exec();
    // Absent, or known only from a later step so far: its care.order.placed has not been applied yet.
    if (!order?.communityId) throw new CareOrderNotYetKnown(orderId);
    return {
      communityId: String(order.communityId),
      partnerUnitId: order.partnerUnitId ? String(order.partnerUnitId) : null,
    };
  }

  async register(input: RegisterWebhookSubscriptionInput) {
    const actor = currentActor();
    const owner = ownerOfNew(actor, input.eventTypes, input.orgUnitId);
    await this.checkUrl(input.url);
    const now = this.clock.now();
    const _id = new Types.ObjectId();
    const { secret, sealed } = this.newSecret(_id);
    for (let attempt = 1; ; attempt++) {
      const slot = await this.freeSlot(owner);
      try {
        const webhookSubscription = await this.subscriptions.create({
          _id,
          ...owner,
          slot,
          url: input.url,
          eventTypes: input.eventTypes,
          description: input.description ?? null,
          createdBy: actor.id,
          status: WebhookSubscriptionStatus.ACTIVE,
          secrets: [{ sealed, createdAt: now, expiresAt: null }],
          steps: [{ status: WebhookSubscriptionStatus.ACTIVE, at: now, note: 'registered' }],
        });
        return { webhookSubscription, secret };
      } catch (error) {
        // Another registration of the same owner took this place a moment ago: look again.
        if (!isDuplicateKeyError(error) || attempt >= 3) throw error;
      }
    }
  }

  /**
   * A place among the owner's WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER that no live subscription holds; LIMIT_REACHED when
   * the owner holds that many already (deleted ones do not count).
   */
  private async freeSlot(owner: { partnerUnitId: Types.ObjectId | null; orgUnitId: Types.ObjectId | null }) {
    const max = this.config.WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER;
    const live = await this.subscriptions
      .find({ ...owner, status: { $ne: WebhookSubscriptionStatus.DELETED } }, { slot: 1 })
      .lean()
      .exec();
    const taken = new Set(live.map((subscription) => subscription.slot));
    const slot = live.length < max ? [...Array(max).keys()].find((place) => !taken.has(place)) : undefined;
    if (slot === undefined) throw WebhookErrors.limitReached(max);
    return slot;
  }

  /** A new secret; the old one keeps signing (beside it) until the overlap ends. Older rotated secrets go. */
  async rotateSecret(id: string, overlapSeconds: number) {
    const subscription = await this.step(id, WebhookSubscriptionAction.ROTATE_SECRET);
    const now = this.clock.now();
    const previousSecretExpiresAt = new Date(now.getTime() + overlapSeconds * 1000);
    const current = subscription.secrets.find((entry) => !entry.expiresAt);
    const { secret, sealed } = this.newSecret(subscription._id);
    const secrets = [
      ...(current && overlapSeconds > 0
        ? [{ sealed: current.sealed, createdAt: current.createdAt, expiresAt: previousSecretExpiresAt }]
        : []),
      { sealed, createdAt: now, expiresAt: null },
    ];
    const webhookSubscription = await this.update(
      subscription,
      { secrets },
      undefined,
      'secret rotated',
      WebhookSubscriptionAction.ROTATE_SECRET,
    );
    return { webhookSubscription, secret, previousSecretExpiresAt };
  }

  async pause(id: string) {
    const subscription = await this.step(id, WebhookSubscriptionAction.PAUSE);
    const paused = await this.update(
      subscription,
      {},
      WebhookSubscriptionStatus.PAUSED,
      'paused by its owner',
      WebhookSubscriptionAction.PAUSE,
    );
    await holdPendingDeliveries(this.deliveries, paused._id, 'held: subscription paused', this.clock.now());
    return paused;
  }

  /** ACTIVE again (also after Gongzhi disabled it); what was held is sent now. */
  async resume(id: string) {
    const subscription = await this.step(id, WebhookSubscriptionAction.RESUME);
    const resumed = await this.update(
      subscription,
      { disabledReason: null },
      WebhookSubscriptionStatus.ACTIVE,
      'resumed by its owner',
      WebhookSubscriptionAction.RESUME,
    );
    await this.release(resumed._id, { status: WebhookDeliveryStatus.HELD }, 'released on resume');
    return resumed;
  }

  /** Nothing more is recorded or sent; the secrets are erased, the delivery log stays for its owner. */
  async delete(id: string) {
    const subscription = await this.step(id, WebhookSubscriptionAction.DELETE);
    const deleted = await this.update(
      subscription,
      { secrets: [], slot: null },
      WebhookSubscriptionStatus.DELETED,
      'deleted',
      WebhookSubscriptionAction.DELETE,
    );
    await this.deliveries.updateMany(
      { subscriptionId: deleted._id, status: { $in: [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.HELD] } },
      {
        $set: { status: WebhookDeliveryStatus.FAILED, nextAttemptAt: null },
        $push: this.stepPush(WebhookDeliveryStatus.FAILED, 'subscription deleted'),
      },
    );
    return deleted;
  }

  /** One delivery, or every delivery recorded in [since, until], sent again (with the same webhook-id). */
  async replay(input: ReplayWebhookDeliveriesInput) {
    const subscription = await this.step(input.webhookSubscriptionId, WebhookSubscriptionAction.REPLAY);
    const byId = input.deliveryId !== undefined;
    if (byId === (input.since !== undefined) || (byId && input.until !== undefined)) throw WebhookErrors.replayRange();
    const filter: Record<string, unknown> = byId
      ? { _id: new Types.ObjectId(input.deliveryId) }
      : { createdAt: { $gte: input.since, $lte: input.until ?? this.clock.now() } };
    if (byId && !(await this.deliveries.exists({ ...filter, subscriptionId: subscription._id })))
      throw WebhookErrors.deliveryNotFound(input.deliveryId!);
    const replayedCount = await this.release(subscription._id, filter, 'replayed by its owner', subscription.status);
    return { webhookSubscription: subscription, replayedCount };
  }

  /** The caller's subscriptions, newest first (deleted ones left out). */
  list(page: ConnectionArgs): Promise<ConnectionShape<WebhookSubscriptionDocument>> {
    return paginate(
      this.subscriptions,
      { ...ownedSubscriptionsFilter(currentActor()), status: { $ne: WebhookSubscriptionStatus.DELETED } },
      page,
      { direction: -1 },
    );
  }

  /** One of the caller's subscriptions, or null. */
  async findOwned(id: string): Promise<WebhookSubscriptionDocument | null> {
    const subscription = Types.ObjectId.isValid(id) ? await this.subscriptions.findById(id).exec() : null;
    return subscription && owns(currentActor(), subscription) ? subscription : null;
  }

  /** A subscription's deliveries, newest first; its owner only (the subscription was resolved for them). */
  deliveriesOf(
    subscription: WebhookSubscriptionDocument,
    page: ConnectionArgs,
    status?: WebhookDeliveryStatus,
  ): Promise<ConnectionShape<WebhookDeliveryDocument>> {
    return paginate(this.deliveries, { subscriptionId: subscription._id, ...(status ? { status } : {}) }, page, {
      direction: -1,
    });
  }

  /**
   * A Standard Webhooks secret, `whsec_` and 32 random bytes in base64 (what the standardwebhooks library takes), and
   * its sealed form for storage.
   */
  private newSecret(subscriptionId: Types.ObjectId): { secret: string; sealed: { keyId: string; data: string } } {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const { keyId, data } = this.cipher.seal(WEBHOOK_SECRET_FIELD, subscriptionId, secret);
    return { secret, sealed: { keyId, data } };
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await checkEndpoint(url, { allowLocal: this.config.WEBHOOKS_ALLOW_LOCAL_ENDPOINTS });
    } catch (error) {
      if (error instanceof EndpointRefused) throw WebhookErrors.invalidUrl(url, error.reason);
      throw error;
    }
  }

  /** The caller's subscription, if the step is allowed from its status. */
  private async step(id: string, action: WebhookSubscriptionAction): Promise<WebhookSubscriptionDocument> {
    const subscription = await this.findOwned(id);
    if (!subscription) throw WebhookErrors.notFound(id);
    if (!SUBSCRIPTION_STEPS[action].includes(subscription.status))
      throw WebhookErrors.illegalStep(id, subscription.status, action);
    return subscription;
  }

  /** Conditional on the status it was read in, so two steps at once cannot both apply. */
  private async update(
    subscription: WebhookSubscriptionDocument,
    set: Partial<WebhookSubscription>,
    status: WebhookSubscriptionStatus | undefined,
    note: string,
    action: WebhookSubscriptionAction,
  ): Promise<WebhookSubscriptionDocument> {
    const updated = await this.subscriptions
      .findOneAndUpdate(
        { _id: subscription._id, status: subscription.status },
        {
          $set: { ...set, ...(status ? { status } : {}) },
          $push: { steps: { status: status ?? subscription.status, at: this.clock.now(), note } },
        },
        { returnDocument: 'after' },
      )
      .exec();
    if (!updated) throw WebhookErrors.illegalStep(subscription.id, subscription.status, action);
    return updated;
  }

  private stepPush(status: WebhookDeliveryStatus, note: string) {
    return pushDeliveryStep(status, note, this.clock.now());
  }

  /** Due now (or HELD while the subscription is not ACTIVE), with a fresh retry window. */
  private async release(
    subscriptionId: Types.ObjectId,
    filter: Record<string, unknown>,
    note: string,
    subscriptionStatus = WebhookSubscriptionStatus.ACTIVE,
  ): Promise<number> {
    const status = deliveryStatusFor(subscriptionStatus);
    const now = this.clock.now();
    const { modifiedCount } = await this.deliveries.updateMany(
      { ...filter, subscriptionId },
      {
        $set: {
          status,
          nextAttemptAt: status === WebhookDeliveryStatus.PENDING ? now : null,
          dueSince: status === WebhookDeliveryStatus.PENDING ? now : null,
          failingSince: null,
          failures: 0,
        },
        $push: this.stepPush(status, note),
      },
    );
    return modifiedCount;
  }
}
