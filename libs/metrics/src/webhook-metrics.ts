import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { memoised } from './subgraph-metrics';

/** How one attempt to POST a delivery ended. */
export type WebhookAttemptOutcome = 'succeeded' | 'http_error' | 'timeout' | 'refused' | 'network_error';

/** How a delivery ended: the endpoint took it, or it was given up after the retry window. */
export type WebhookDeliveryOutcome = 'succeeded' | 'failed';

/** What the scrape-time gauges read from the deliveries and subscriptions (the same for every replica). */
export interface WebhookBacklog {
  /** PENDING deliveries: due now or waiting for a retry. */
  pending: number;
  /** HELD deliveries: kept while their subscription is PAUSED or DISABLED. */
  held: number;
  /** ACTIVE subscriptions with a PENDING delivery that has failed and is being retried. */
  failingSubscriptions: number;
  /** Since when the longest failing of them has failed, in seconds; 0 when none is. */
  longestFailingSeconds: number;
}

export interface WebhookMetricSources {
  backlog?: () => Promise<WebhookBacklog>;
}

/** An attempt: from sending to the answer's first bytes (WEBHOOK_ATTEMPT_TIMEOUT_MS is 10 s by default). */
const ATTEMPT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** From the event to the endpoint taking it: seconds when all is well, up to the 3-day retry window when not. */
const LATENCY_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 6 * 3600, 86_400, 3 * 86_400];

/**
 * Organization's webhook families (docs/webhooks.md): what became of deliveries and attempts, how long they took,
 * subscriptions disabled, and the backlog. Labels are the event type (a `WebhookEventType`, a dozen of them) and
 * outcomes, never a subscriber: which partner is failing is in the database (docs/operations.md's runbook).
 */
export class WebhookMetrics {
  private readonly sources: WebhookMetricSources = {};

  readonly deliveries: Counter<'event_type' | 'outcome'>;
  readonly attempts: Counter<'attempt' | 'outcome'>;
  readonly attemptDuration: Histogram<'outcome'>;
  readonly deliveryLatency: Histogram<'event_type'>;
  readonly subscriptionsDisabled: Counter;

  /** Organization passes its SubgraphMetrics registry, so /metrics serves these beside the platform's. */
  constructor(readonly registry = new Registry()) {
    const registers = [registry];
    this.deliveries = new Counter({
      name: 'gongzhi_webhook_deliveries_total',
      help: 'Webhook deliveries settled, by event type and outcome: succeeded (the endpoint answered 2xx) or failed (given up after the retry window)',
      labelNames: ['event_type', 'outcome'] as const,
      registers,
    });
    this.attempts = new Counter({
      name: 'gongzhi_webhook_delivery_attempts_total',
      help: 'Attempts to POST a webhook delivery, by attempt (first, or retry after a failure) and outcome (succeeded, http_error, timeout, refused, network_error)',
      labelNames: ['attempt', 'outcome'] as const,
      registers,
    });
    this.attemptDuration = new Histogram({
      name: 'gongzhi_webhook_attempt_duration_seconds',
      help: "How long one webhook attempt took, from sending to the endpoint's answer (or the failure), by outcome",
      labelNames: ['outcome'] as const,
      buckets: ATTEMPT_BUCKETS,
      registers,
    });
    this.deliveryLatency = new Histogram({
      name: 'gongzhi_webhook_delivery_latency_seconds',
      help: 'From the event to the endpoint taking its delivery (retries included), by event type',
      labelNames: ['event_type'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.subscriptionsDisabled = new Counter({
      name: 'gongzhi_webhook_subscriptions_disabled_total',
      help: 'Webhook subscriptions disabled because their endpoint kept failing for the whole retry window',
      registers,
    });

    const sources = this.sources;
    const backlog = memoised(() => sources.backlog?.());
    new Gauge({
      name: 'gongzhi_webhook_deliveries_waiting',
      help: 'Webhook deliveries not yet sent, by status: pending (due or to be retried) and held (subscription paused or disabled)',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        const state = await backlog();
        if (!state) return;
        this.set({ status: 'pending' }, state.pending);
        this.set({ status: 'held' }, state.held);
      },
    });
    new Gauge({
      name: 'gongzhi_webhook_subscriptions_failing',
      help: 'Active webhook subscriptions whose endpoint is failing now: a delivery of theirs is being retried',
      registers,
      async collect() {
        const state = await backlog();
        if (state) this.set(state.failingSubscriptions);
      },
    });
    new Gauge({
      name: 'gongzhi_webhook_longest_failing_seconds',
      help: 'How long the longest failing webhook subscription has been failing; 0 when none is',
      registers,
      async collect() {
        const state = await backlog();
        if (state) this.set(state.longestFailingSeconds);
      },
    });
  }

  /** Plugs in what the scrape-time gauges read. */
  observe(sources: WebhookMetricSources): void {
    Object.assign(this.sources, sources);
  }

  /** One attempt: its outcome, how long it took, and whether it retried an earlier failure. */
  attempted(outcome: WebhookAttemptOutcome, retry: boolean, seconds: number): void {
    this.attempts.inc({ attempt: retry ? 'retry' : 'first', outcome });
    this.attemptDuration.observe({ outcome }, seconds);
  }

  /** A delivery taken by its endpoint, `seconds` after its event happened. */
  delivered(eventType: string, seconds: number): void {
    this.deliveries.inc({ event_type: eventType, outcome: 'succeeded' });
    this.deliveryLatency.observe({ event_type: eventType }, Math.max(0, seconds));
  }

  /** A delivery given up after the retry window. */
  givenUp(eventType: string): void {
    this.deliveries.inc({ event_type: eventType, outcome: 'failed' });
  }
}
