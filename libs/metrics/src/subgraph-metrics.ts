import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What became of one delivery of an event to a consumer. */
export type ConsumerOutcome = 'handled' | 'skipped' | 'ignored' | 'retried' | 'dead_lettered';

export interface OutboxState {
  pending: number;
  /** 0 when nothing is pending. */
  oldestAgeSeconds: number;
}

/** Sources the gauges read at scrape time; the events module plugs them in once it has MongoDB and NATS. */
export interface SubgraphMetricSources {
  outbox?: () => Promise<OutboxState>;
  /** Events each durable consumer has not yet acknowledged, by consumer name. */
  consumersPending?: () => Promise<Map<string, number>>;
}

const MONGODB_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** A subgraph's metric families, in a registry of its own (tests run several subgraphs and gateways in one process). */
export class SubgraphMetrics {
  readonly registry = new Registry();
  private readonly sources: SubgraphMetricSources = {};

  readonly resolverErrors = new Counter({
    name: 'gongzhi_graphql_resolver_errors_total',
    help: 'Errors this subgraph returned in GraphQL responses, by code (INTERNAL_SERVER_ERROR when it had none)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly mongoCommandDuration = new Histogram({
    name: 'gongzhi_mongodb_command_duration_seconds',
    help: 'MongoDB commands sent by this subgraph (driver command monitoring), by command name and outcome',
    labelNames: ['command', 'outcome'] as const,
    buckets: MONGODB_BUCKETS,
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'gongzhi_outbox_published_total',
    help: "Events the outbox relay published to JetStream from this subgraph's outbox, by event type",
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly consumerHandled = new Counter({
    name: 'gongzhi_event_consumer_handled_total',
    help: 'Event deliveries by consumer and outcome: handled, skipped (already handled), ignored (not subscribed), retried, dead_lettered',
    labelNames: ['consumer', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'gongzhi_event_dead_letters_total',
    help: 'Events a consumer gave up on and sent to its dead-letter subject',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  constructor() {
    const sources = this.sources;
    const outboxState = memoised(() => sources.outbox?.());
    new Gauge({
      name: 'gongzhi_outbox_pending',
      help: "Events recorded in this subgraph's outbox and not yet published (the same for every replica)",
      registers: [this.registry],
      async collect() {
        const state = await outboxState();
        if (state) this.set(state.pending);
      },
    });
    new Gauge({
      name: 'gongzhi_outbox_oldest_age_seconds',
      help: 'Age of the oldest event waiting in the outbox; 0 when it is empty',
      registers: [this.registry],
      async collect() {
        const state = await outboxState();
        if (state) this.set(state.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'gongzhi_event_consumer_pending',
      help: "Events in the stream a durable consumer has not acknowledged yet (JetStream's pending plus ack-pending)",
      labelNames: ['consumer'] as const,
      registers: [this.registry],
      async collect() {
        const pending = await withinScrapeTime(sources.consumersPending?.());
        for (const [consumer, count] of pending ?? []) this.set({ consumer }, count);
      },
    });
  }

  /** Plugs in what the scrape-time gauges read. */
  observe(sources: SubgraphMetricSources): void {
    Object.assign(this.sources, sources);
  }

  /** Starts a consumer's series at zero, so `increase()` sees its first dead letter. */
  knowConsumer(consumer: string): void {
    this.deadLetters.inc({ consumer }, 0);
    for (const outcome of ['handled', 'retried', 'dead_lettered'] satisfies ConsumerOutcome[])
      this.consumerHandled.inc({ consumer, outcome }, 0);
  }
}

/** A source that cannot answer in time (MongoDB or NATS away) must not hold up the scrape. */
const SOURCE_TIMEOUT_MS = 2_000;

/** The source's answer, or undefined if it fails or takes longer than SOURCE_TIMEOUT_MS: the gauge keeps its last value. */
export async function withinScrapeTime<T>(answer: Promise<T> | undefined): Promise<T | undefined> {
  if (!answer) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SOURCE_TIMEOUT_MS)));
  try {
    return await Promise.race([answer.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Gauges fed by one source (both outbox gauges, the webhook backlog's three) read it once per scrape. */
export function memoised<T>(read: () => Promise<T> | undefined): () => Promise<T | undefined> {
  let inFlight: Promise<T | undefined> | undefined;
  return () => {
    inFlight ??= withinScrapeTime(read()).finally(() => setTimeout(() => (inFlight = undefined), 0).unref());
    return inFlight;
  };
}
