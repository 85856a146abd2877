import { type WebhookAttemptOutcome, type WebhookBacklog, WebhookMetrics } from '@gongzhi/metrics';
import { Clock, retryDelay, Scheduler } from '@gongzhi/platform';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import type { OrganizationConfig } from '../config';
import { ORGANIZATION_CONFIG } from '../organization.tokens';
import { PersonalDataCipher } from '../personal-data/personal-data-cipher';
import {
  EndpointRefused,
  endpointHost,
  type EndpointPolicy,
  guardedLookup,
  parseEndpointUrl,
  resolveAllowed,
} from './endpoint-guard';
import {
  holdPendingDeliveries,
  pushDeliveryStep,
  RESPONSE_EXCERPT_LENGTH,
  WebhookDelivery,
  type WebhookDeliveryDocument,
  WebhookDeliveryStatus,
} from './webhook-delivery.schema';
import {
  signingSecrets,
  WebhookSubscription,
  type WebhookSubscriptionDocument,
  WebhookSubscriptionStatus,
} from './webhook-subscription.schema';

/** Deliveries sent at once by one replica. */
const CONCURRENCY = 10;

interface AttemptOutcome {
  ok: boolean;
  /** What kind of outcome, for the metrics. */
  kind: WebhookAttemptOutcome;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

/**
 * Sends due deliveries, signed as Standard Webhooks says (`webhook-id`, `webhook-timestamp`, `webhook-signature`:
 * one `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per secret in use, space-separated, so during a rotation's
 * overlap a receiver holding either secret verifies). A failed attempt is retried with exponential backoff and equal
 * jitter until WEBHOOK_RETRY_WINDOW_SECONDS after the first failure; then the delivery is FAILED and its
 * subscription DISABLED with the reason. Every replica runs it: a delivery is claimed by moving its nextAttemptAt
 * past the attempt's timeout in one conditional update, so two replicas never send it at once.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookSender.name);
  private readonly policy: EndpointPolicy;
  private readonly agent: Agent;

  constructor(
    @InjectModel(WebhookSubscription.name) private readonly subscriptions: Model<WebhookSubscription>,
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
    @Inject(ORGANIZATION_CONFIG) private readonly config: OrganizationConfig,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    private readonly metrics: WebhookMetrics,
  ) {
    this.policy = { allowLocal: config.WEBHOOKS_ALLOW_LOCAL_ENDPOINTS };
    const timeout = config.WEBHOOK_ATTEMPT_TIMEOUT_MS;
    this.agent = new Agent({
      // Every connection resolves through the guard and connects to the addresses it checked.
      connect: { lookup: guardedLookup(this.policy), timeout },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      keepAliveTimeout: 4_000,
    });
  }

  onApplicationBootstrap(): void {
    this.metrics.observe({ backlog: () => this.backlog() });
    this.scheduler.every({
      name: 'webhook-sender',
      intervalSeconds: this.config.WEBHOOK_SEND_INTERVAL_MS / 1000,
      run: () => this.sendDue(),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }

  /** Claims and sends what is due, CONCURRENCY at a time, until nothing is. */
  async sendDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed: WebhookDeliveryDocument[] = [];
      while (claimed.length < CONCURRENCY) {
        const delivery = await this.claim();
        if (!delivery) break;
        claimed.push(delivery);
      }
      if (claimed.length === 0) return sent;
      await Promise.all(claimed.map((delivery) => this.send(delivery)));
      sent += claimed.length;
    }
  }

  private claim(): Promise<WebhookDeliveryDocument | null> {
    const now = this.clock.nowMs();
    return this.deliveries
      .findOneAndUpdate(
        { status: WebhookDeliveryStatus.PENDING, nextAttemptAt: { $lte: new Date(now) } },
        // Past the attempt's timeout: if this replica dies mid-attempt, another picks the delivery up then.
        { $set: { nextAttemptAt: new Date(now + this.config.WEBHOOK_ATTEMPT_TIMEOUT_MS + 30_000) } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      )
      .exec();
  }

  private async send(delivery: WebhookDeliveryDocument): Promise<void> {
    const subscription = await this.subscriptions.findById(delivery.subscriptionId).exec();
    if (!subscription || subscription.status !== WebhookSubscriptionStatus.ACTIVE) {
      // Paused, disabled or deleted since it was claimed.
      const status =
        subscription && subscription.status !== WebhookSubscriptionStatus.DELETED
          ? WebhookDeliveryStatus.HELD
          : WebhookDeliveryStatus.FAILED;
      await this.deliveries.updateOne(
        { _id: delivery._id },
        {
          $set: { status, nextAttemptAt: null },
          $push: this.stepPush(status, `subscription ${subscription?.status ?? 'gone'}`, null),
        },
      );
      return;
    }
    const started = performance.now();
    const outcome = await this.attempt(subscription, delivery);
    this.metrics.attempted(outcome.kind, delivery.failures > 0, (performance.now() - started) / 1000);
    if (outcome.ok) await this.succeeded(delivery, outcome);
    else await this.failed(subscription, delivery, outcome);
  }

  /** What waits to be sent, and which subscriptions are failing: one aggregation per scrape. */
  private async backlog(): Promise<WebhookBacklog> {
    const [counts, failing] = await Promise.all([
      this.deliveries
        .aggregate<{ _id: WebhookDeliveryStatus; count: number }>([
          { $match: { status: { $in: [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.HELD] } } },
          { $group: { _id: '$status', count: { $sum: 1 } } },
        ])
        .exec(),
      this.deliveries
        .aggregate<{ subscriptions: number; since: Date }>([
          { $match: { status: WebhookDeliveryStatus.PENDING, failingSince: { $ne: null } } },
          { $group: { _id: '$subscriptionId', since: { $min: '$failingSince' } } },
          { $group: { _id: null, subscriptions: { $sum: 1 }, since: { $min: '$since' } } },
        ])
        .exec(),
    ]);
    const count = (status: WebhookDeliveryStatus) => counts.find((row) => row._id === status)?.count ?? 0;
    const since = failing[0]?.since;
    return {
      pending: count(WebhookDeliveryStatus.PENDING),
      held: count(WebhookDeliveryStatus.HELD),
      failingSubscriptions: failing[0]?.subscriptions ?? 0,
      longestFailingSeconds: since ? Math.max(0, (this.clock.nowMs() - since.getTime()) / 1000) : 0,
    };
  }

  /** One POST: never throws; an error is an outcome. */
  private async attempt(
    subscription: WebhookSubscriptionDocument,
    delivery: WebhookDeliveryDocument,
  ): Promise<AttemptOutcome> {
    const now = this.clock.now();
    try {
      const url = parseEndpointUrl(subscription.url, this.policy);
      // A literal IP never reaches the lookup: check it here. Names are checked in the lookup itself.
      if (isIP(endpointHost(url))) await resolveAllowed(endpointHost(url), this.policy);
      const signature = signingSecrets(subscription, now, this.cipher)
        .map((secret) => new Webhook(secret).sign(delivery.id, now, delivery.body))
        .join(' ');
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.config.WEBHOOK_ATTEMPT_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Gongzhi-Webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: delivery.body,
      });
      const responseExcerpt = await excerptOf(response.body);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        ok,
        kind: ok ? 'succeeded' : 'http_error',
        responseStatus: response.statusCode,
        responseExcerpt,
        error: null,
      };
    } catch (error) {
      const { kind, text } = describe(error);
      return { ok: false, kind, responseStatus: null, responseExcerpt: null, error: text };
    }
  }

  private async succeeded(delivery: WebhookDeliveryDocument, outcome: AttemptOutcome): Promise<void> {
    const since = delivery.dueSince ?? delivery.createdAt;
    this.metrics.delivered(delivery.eventType, (this.clock.nowMs() - since.getTime()) / 1000);
    await this.deliveries.updateOne(
      { _id: delivery._id },
      {
        $set: {
          status: WebhookDeliveryStatus.SUCCEEDED,
          nextAttemptAt: null,
          lastAttemptAt: this.clock.now(),
          failingSince: null,
          failures: 0,
          responseStatus: outcome.responseStatus,
          responseExcerpt: outcome.responseExcerpt,
          error: null,
        },
        $inc: { attempts: 1 },
        $push: this.stepPush(WebhookDeliveryStatus.SUCCEEDED, `HTTP ${outcome.responseStatus}`, outcome.responseStatus),
      },
    );
  }

  private async failed(
    subscription: WebhookSubscriptionDocument,
    delivery: WebhookDeliveryDocument,
    outcome: AttemptOutcome,
  ): Promise<void> {
    const now = this.clock.now();
    const failingSince = delivery.failingSince ?? now;
    const failures = delivery.failures + 1;
    const what = outcome.responseStatus !== null ? `HTTP ${outcome.responseStatus}` : (outcome.error ?? 'failed');
    const givingUp = now.getTime() - failingSince.getTime() >= this.config.WEBHOOK_RETRY_WINDOW_SECONDS * 1000;
    const delay = this.retryDelayMs(failures);
    const status = givingUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING;
    await this.deliveries.updateOne(
      { _id: delivery._id },
      {
        $set: {
          status,
          nextAttemptAt: givingUp ? null : new Date(now.getTime() + delay),
          lastAttemptAt: now,
          failingSince,
          failures,
          responseStatus: outcome.responseStatus,
          responseExcerpt: outcome.responseExcerpt,
          error: outcome.error,
        },
        $inc: { attempts: 1 },
        $push: this.stepPush(
          status,
          givingUp
            ? `${what}; given up after retrying since ${failingSince.toISOString()}`
            : `${what}; retry in ${Math.round(delay / 1000)} s`,
          outcome.responseStatus,
        ),
      },
    );
    if (givingUp) {
      this.metrics.givenUp(delivery.eventType);
      await this.disable(subscription, failingSince, what);
    }
  }

  /** The endpoint failed for the whole retry window: stop, say why, keep what comes meanwhile as HELD. */
  private async disable(subscription: WebhookSubscriptionDocument, failingSince: Date, what: string): Promise<void> {
    const hours = Math.round((this.config.WEBHOOK_RETRY_WINDOW_SECONDS / 3600) * 10) / 10;
    const reason = `Deliveries to ${endpointHost(new URL(subscription.url))} kept failing from ${failingSince.toISOString()} for the whole retry window (${hours} h); the last attempt: ${what}. Fix the endpoint, then resume the subscription and replay what FAILED.`;
    const disabled = await this.subscriptions.updateOne(
      { _id: subscription._id, status: WebhookSubscriptionStatus.ACTIVE },
      {
        $set: { status: WebhookSubscriptionStatus.DISABLED, disabledReason: reason },
        $push: { steps: { status: WebhookSubscriptionStatus.DISABLED, at: this.clock.now(), note: reason } },
      },
    );
    if (disabled.modifiedCount === 0) return;
    this.metrics.subscriptionsDisabled.inc();
    this.logger.warn({ subscriptionId: subscription.id, reason }, 'webhook subscription disabled');
    await holdPendingDeliveries(this.deliveries, subscription._id, 'held: subscription disabled', this.clock.now());
  }

  /** Exponential, capped, with equal jitter: half the delay fixed, half random, so retries of many do not align. */
  private retryDelayMs(failures: number): number {
    const delay = retryDelay(failures, {
      initialMs: this.config.WEBHOOK_RETRY_INITIAL_SECONDS * 1000,
      maxMs: this.config.WEBHOOK_RETRY_MAX_SECONDS * 1000,
    });
    return Math.round(delay / 2 + Math.random() * (delay / 2));
  }

  private stepPush(status: WebhookDeliveryStatus, note: string, responseStatus: number | null) {
    return pushDeliveryStep(status, note, this.clock.now(), responseStatus);
  }
}

/** The first characters of an answer; the rest is read no further and dropped. */
async function excerptOf(body: AsyncIterable<Buffer> & { destroy?: () => void }): Promise<string | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= RESPONSE_EXCERPT_LENGTH * 4) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length === 0 ? null : [...text].slice(0, RESPONSE_EXCERPT_LENGTH).join('');
}

/** Why an attempt failed without an answer: its kind (for the metrics) and the text the delivery's log keeps. */
function describe(error: unknown): { kind: WebhookAttemptOutcome; text: string } {
  if (error instanceof EndpointRefused) return { kind: 'refused', text: `refused: ${error.reason}` };
  const { name, message, code, cause } = error as { name?: string; message?: string; code?: string; cause?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT')
    return { kind: 'timeout', text: 'timed out' };
  if (cause instanceof EndpointRefused) return { kind: 'refused', text: `refused: ${cause.reason}` };
  const text = `${code ? `${code}: ` : ''}${message ?? String(error)}`;
  return { kind: 'network_error', text: text.slice(0, 200) };
}
