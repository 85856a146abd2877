import {
  type AnyEventContract,
  assertConsumerName,
  type DeadLetter,
  deadLetterSubject,
  type EventOf,
  eventsStreamName,
  eventsSubjectFilter,
  eventSubject,
  REPLAY_FOR_HEADER,
} from '@gongzhi/contracts';
import type { ConsumerOutcome, SubgraphMetrics } from '@gongzhi/metrics';
import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerMessages,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  type JsMsg,
  type MsgRequest,
  type NextMsgRequest,
} from '@nats-io/jetstream';
import { tracingStarted } from '@gongzhi/telemetry';
import type { ClientSession, Connection } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { runWithRequestContext } from '../request-context/request-context';
import { ensureEventCollections, isDuplicateKeyError, processedEventModel } from './event-collections';
import { ensureEventStreams } from './event-streams';
import { type ProcessSpanFields, traceEventProcessing } from './event-tracing';
import type { EventsLogger } from './events.logger';
import { nanos, type NatsConnection, type NatsConnectionProvider } from './nats-connection';
import { retryDelay, type RetryDelayOptions } from './retry-delay';

/** The envelope a handler receives: a union over the subscribed contracts, narrowed by `event.type`. */
export type EventOfAny<C extends AnyEventContract> = C extends AnyEventContract ? EventOf<C> : never;

export interface EventContext {
  /** The durable consumer name: `<service>-<name>`. */
  consumer: string;
  /** 1 on first delivery. */
  deliveryCount: number;
  /** Carries consumer, event id, type and the request id of the request that caused the event. */
  logger: EventsLogger;
}

/** Runs inside a MongoDB transaction; write with `session` so the effect commits with the "processed" mark. */
export type EventHandler<C extends AnyEventContract> = (
  event: EventOfAny<C>,
  session: ClientSession,
  context: EventContext,
) => Promise<void>;

export interface EventConsumerOptions<C extends AnyEventContract> {
  serviceName: string;
  namespace: string;
  /** Names the durable consumer together with the service: `organization` + `search-index`. */
  name: string;
  events: readonly C[];
  handle: EventHandler<C>;
  logger: EventsLogger;
  /** Deliveries (the handler's attempts) before the event goes to the dead-letter subject. */
  maxDeliver?: number;
  /** Delay before redelivering an event whose handler failed, growing with each failure. */
  retry?: RetryDelayOptions;
  /** How long a delivery may stay unacknowledged; long handlers keep extending it while they run. */
  ackWaitMs?: number;
  /** Messages pulled at a time. */
  batchSize?: number;
  /** Replicas of the event streams, should this consumer be the first to create them (EVENTS_REPLICAS). */
  replicas?: number;
  /** Counts deliveries by outcome and dead letters (`gongzhi_event_consumer_handled_total`, `…_dead_letters_total`). */
  metrics?: SubgraphMetrics;
}

/**
 * Room above `maxDeliver` in the server's max_deliver: those extra deliveries never run the handler, they only
 * forward to the dead-letter subject — after a crash or timeout on the last attempt, or a failed DLQ publish.
 */
const DEAD_LETTER_FORWARD_ATTEMPTS = 3;

class AlreadyProcessed extends Error {}

/**
 * What the `process` span needs of a delivery's envelope, read leniently (a malformed one is dead-lettered later);
 * undefined while tracing is off, when no span is made.
 */
function tracingFieldsOf(msg: JsMsg): ProcessSpanFields['envelope'] {
  if (!tracingStarted()) return undefined;
  try {
    const raw = msg.json<Record<string, unknown>>();
    const text = (key: string) => (typeof raw?.[key] === 'string' ? raw[key] : undefined);
    return {
      id: text('id'),
      type: text('type'),
      requestId: text('requestId'),
      traceparent: text('traceparent'),
      tracestate: text('tracestate'),
    };
  } catch {
    return {}; // not JSON: its dead-lettering gets a span of its own
  }
}

/**
 * A durable JetStream pull consumer with explicit acks. Each event runs the handler in a MongoDB transaction that
 * also records `{ consumer, eventId }` in `processed_events` under a unique index, so a redelivered event — or one
 * raced by another replica sharing the durable consumer — is acknowledged and skipped. A failing handler is nak'd
 * with a growing delay; after `maxDeliver` deliveries the event goes to `<ns>.dlq.<consumer>` and is terminated.
 */
export class EventConsumer<C extends AnyEventContract> {
  readonly durableName: string;
  private readonly maxDeliver: number;
  private readonly retry: RetryDelayOptions;
  private readonly ackWaitMs: number;
  private readonly contracts = new Map<string, AnyEventContract>();
  private readonly types: Set<string>;
  private readonly stopping = new AbortController();
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  /** After `refilter`: what the consumer had acknowledged under its old filter, offered again and only acknowledged. */
  private skipAcknowledged: { throughSeq: number; types: ReadonlySet<string> } | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly nats: NatsConnectionProvider,
    private readonly options: EventConsumerOptions<C>,
  ) {
    if (options.events.length === 0) throw new Error(`Consumer ${options.name} subscribes to no events`);
    this.durableName = assertConsumerName(`${options.serviceName}-${options.name}`);
    this.maxDeliver = Math.max(1, options.maxDeliver ?? 5);
    this.retry = options.retry ?? { initialMs: 1_000, maxMs: 60_000 };
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    for (const contract of options.events) this.contracts.set(`${contract.type}@${contract.version}`, contract);
    this.types = new Set(options.events.map((contract) => contract.type));
    options.metrics?.knowConsumer(this.durableName);
  }

  /** Events this durable consumer has not acknowledged yet (pending delivery plus delivered, not yet acked). */
  async pending(): Promise<number> {
    const nc = await this.nats.connection();
    const jsm = await jetstreamManager(nc);
    const info = await jsm.consumers.info(eventsStreamName(this.options.namespace), this.durableName);
    return info.num_pending + info.num_ack_pending;
  }

  private count(outcome: ConsumerOutcome): void {
    this.options.metrics?.consumerHandled.inc({ consumer: this.durableName, outcome });
  }

  /** Starts consuming in the background (waiting for NATS if need be); returns at once. */
  start(): void {
    this.loop ??= this.run();
  }

  /**
   * Finishes the event in hand, hands the rest of the pulled batch back for immediate redelivery (to a replica, or to
   * this consumer when it restarts), and stops.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.messages?.stop();
    await this.loop;
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopping.signal.aborted;) {
      try {
        const nc = await this.nats.connection();
        await ensureEventCollections(this.connection);
        await ensureEventStreams(nc, { namespace: this.options.namespace, replicas: this.options.replicas });
        await this.ensureConsumer(nc);
        if (this.stopping.signal.aborted) return;
        const consumer = await jetstream(nc).consumers.get(eventsStreamName(this.options.namespace), this.durableName);
        const messages = await consumer.consume({ max_messages: this.options.batchSize ?? 10 });
        this.messages = messages;
        if (this.stopping.signal.aborted) messages.stop();
        void this.stopIfConsumerLost(messages);
        this.options.logger.info({ consumer: this.durableName }, 'event consumer started');
        failures = 0;
        for await (const msg of messages) {
          if (this.stopping.signal.aborted) {
            msg.nak();
            this.options.logger.debug({ consumer: this.durableName, streamSequence: msg.seq }, 'handed back on stop');
          } else await this.process(msg);
        }
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        failures += 1;
        const delay = retryDelay(failures, this.retry);
        this.options.logger.warn(
          { err: error, consumer: this.durableName, retryInMs: delay },
          'event consumer failed; restarting',
        );
        await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  /** consume() keeps waiting for a deleted consumer; stopping lets the loop above recreate it. */
  private async stopIfConsumerLost(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (
        status.type === 'consumer_deleted' ||
        status.type === 'consumer_not_found' ||
        status.type === 'stream_not_found'
      ) {
        messages.stop(new Error(`JetStream reports ${status.type} for ${this.durableName}`));
        return;
      }
    }
  }

  private async ensureConsumer(nc: NatsConnection): Promise<void> {
    const jsm = await jetstreamManager(nc);
    const stream = eventsStreamName(this.options.namespace);
    const config: Partial<ConsumerConfig> = {
      durable_name: this.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.ackWaitMs),
      max_deliver: this.maxDeliver + DEAD_LETTER_FORWARD_ATTEMPTS,
      ...this.subjectFilter(nc),
    };
    const existing = await this.consumerInfo(jsm, stream);
    if (!existing) await jsm.consumers.add(stream, config);
    else if (sameSubjects(filterSubjectsOf(existing.config), filterSubjectsOf(config)))
      await jsm.consumers.update(stream, this.durableName, {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
      });
    else await this.refilter(jsm, stream, existing, config);
  }

  private consumerInfo(jsm: JetStreamManager, stream: string): Promise<ConsumerInfo | undefined> {
    return jsm.consumers.info(stream, this.durableName).catch((error: unknown) => {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
      throw error;
    });
  }

  /**
   * The consumer was created by a release that subscribed to other events. Updating its filter in place would lose
   * the events of a newly subscribed type already in the stream (the consumer's position is past them), so it is made
   * again from the earliest of those, or from its acknowledgement floor: nothing it had not acknowledged is lost, and
   * what it had acknowledged under its old filter is skipped without running the handler (`skipAcknowledged`; beyond
   * that, `processed_events` skips a redelivery as always).
   */
  private async refilter(
    jsm: JetStreamManager,
    stream: string,
    existing: ConsumerInfo,
    config: Partial<ConsumerConfig>,
  ): Promise<void> {
    const oldFilter = filterSubjectsOf(existing.config);
    const covered = (type: string) =>
      oldFilter.some((filter) => subjectMatches(filter, eventSubject(this.options.namespace, type)));
    const added = [...this.types].filter((type) => !covered(type));
    const ackFloor = existing.ack_floor.stream_seq;
    let start = ackFloor + 1;
    for (const type of added) {
      // STREAM.MSG.GET takes next_by_subj since NATS 2.9 (the client types it for direct gets only).
      const firstOfType: NextMsgRequest = { seq: 1, next_by_subj: eventSubject(this.options.namespace, type) };
      const first = await jsm.streams.getMessage(stream, firstOfType as unknown as MsgRequest);
      if (first && first.seq < start) start = first.seq;
    }
    const recreated: Partial<ConsumerConfig> = {
      ...config,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: start,
    };
    await jsm.consumers.delete(stream, this.durableName);
    await jsm.consumers.add(stream, recreated).catch(async (error: unknown) => {
      // Another replica, starting meanwhile, found no consumer and made one from the stream's beginning.
      if (!(await this.consumerInfo(jsm, stream))) throw error;
      await jsm.consumers.delete(stream, this.durableName);
      await jsm.consumers.add(stream, recreated);
    });
    this.skipAcknowledged = { throughSeq: ackFloor, types: new Set([...this.types].filter(covered)) };
    this.options.logger.info(
      { consumer: this.durableName, from: oldFilter, to: filterSubjectsOf(config), startSeq: start, added },
      'event consumer subscribes to other events now; made again from the earliest it has not handled',
    );
  }

  /**
   * One subject when there is one event type; several need NATS ≥ 2.10 (filter_subjects). On older servers the
   * consumer takes the whole events stream and acknowledges what it does not subscribe to.
   */
  private subjectFilter(nc: NatsConnection): Pick<ConsumerConfig, 'filter_subject' | 'filter_subjects'> {
    const subjects = [...this.types].map((type) => eventSubject(this.options.namespace, type));
    if (subjects.length === 1) return { filter_subject: subjects[0] };
    const [major = 0, minor = 0] = (nc.info?.version ?? '0.0').split('.').map(Number);
    if (major > 2 || (major === 2 && minor >= 10)) return { filter_subjects: subjects };
    return { filter_subject: eventsSubjectFilter(this.options.namespace) };
  }

  /** Handles one delivery inside its `process` span (a child of the span of the write that recorded the event). */
  private process(msg: JsMsg): Promise<string> {
    const envelope = tracingFieldsOf(msg);
    // An event this consumer does not subscribe to (the whole stream, on NATS < 2.10) is only acknowledged: no span.
    if (!envelope || (envelope.type !== undefined && !this.types.has(envelope.type))) return this.processDelivery(msg);
    return traceEventProcessing(
      { subject: msg.subject, consumer: this.durableName, deliveryCount: msg.info.deliveryCount, envelope },
      () => this.processDelivery(msg),
    );
  }

  /** Returns the outcome: handled, skipped (handled before), ignored (not subscribed), retried or dead-lettered. */
  private async processDelivery(msg: JsMsg): Promise<string> {
    const deliveryCount = msg.info.deliveryCount;
    let event: EventOfAny<C>;
    try {
      const replayFor = msg.headers?.get(REPLAY_FOR_HEADER);
      if (replayFor && replayFor !== this.durableName) {
        this.count('ignored');
        msg.ack();
        return 'ignored';
      }
      const raw = msg.json<{ type?: unknown; version?: unknown }>();
      if (typeof raw?.type === 'string' && !this.types.has(raw.type)) {
        this.count('ignored');
        msg.ack();
        return 'ignored';
      }
      if (
        this.skipAcknowledged &&
        msg.seq <= this.skipAcknowledged.throughSeq &&
        this.skipAcknowledged.types.has(String(raw.type))
      ) {
        this.count('skipped');
        msg.ack();
        return 'skipped';
      }
      const contract = this.contracts.get(`${String(raw.type)}@${String(raw.version)}`);
      if (!contract)
        throw new Error(`${this.durableName} does not handle ${String(raw.type)} version ${String(raw.version)}`);
      event = contract.parseEnvelope(raw) as EventOfAny<C>;
    } catch (error) {
      // Malformed, or a version we do not know: no retry would help.
      return this.deadLetter(msg, error, this.options.logger.child({ consumer: this.durableName, deliveryCount }));
    }
    const logger = this.options.logger.child({
      consumer: this.durableName,
      eventId: event.id,
      type: event.type,
      requestId: event.requestId,
      deliveryCount,
      streamSequence: msg.seq,
    });
    if (deliveryCount > this.maxDeliver) {
      const error = new Error(`no outcome after ${this.maxDeliver} deliveries (handler crashed or timed out)`);
      return this.deadLetter(msg, error, logger, event);
    }
    // A long handler must not let the delivery time out and reach a second replica meanwhile.
    const keepAlive = setInterval(() => msg.working(), this.ackWaitMs / 2);
    try {
      const handled = await this.handleOnce(event, { consumer: this.durableName, deliveryCount, logger });
      msg.ack();
      this.count(handled ? 'handled' : 'skipped');
      logger.debug(handled ? 'event handled' : 'event already handled; skipped');
      return handled ? 'handled' : 'skipped';
    } catch (error) {
      if (deliveryCount >= this.maxDeliver) return this.deadLetter(msg, error, logger, event);
      const delay = retryDelay(deliveryCount, this.retry);
      msg.nak(delay);
      this.count('retried');
      logger.warn({ err: error, retryInMs: delay }, 'event handler failed; will be redelivered');
      return 'retried';
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** True when the handler ran and committed; false when this consumer had already handled the event. */
  private async handleOnce(event: EventOfAny<C>, context: EventContext): Promise<boolean> {
    const processed = processedEventModel(this.connection);
    try {
      // Work the handler does (logs, further events) carries the request id of the request that caused the event.
      await runWithRequestContext({ requestId: event.requestId ?? event.id }, () =>
        this.connection.transaction(async (session) => {
          try {
            await processed.create([{ consumer: this.durableName, eventId: event.id, type: event.type }], { session });
          } catch (error) {
            if (isDuplicateKeyError(error)) throw new AlreadyProcessed();
            throw error;
          }
          await this.options.handle(event, session, context);
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof AlreadyProcessed) return false;
      throw error;
    }
  }

  private async deadLetter(msg: JsMsg, error: unknown, logger: EventsLogger, event?: EventOfAny<C>): Promise<string> {
    const failure =
      error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
    const deadLetter: DeadLetter = {
      consumer: this.durableName,
      failedAt: new Date().toISOString(),
      deliveryCount: msg.info.deliveryCount,
      error: failure,
      stream: msg.info.stream,
      streamSequence: msg.seq,
      subject: msg.subject,
      event: event ?? msg.string(),
    };
    try {
      const nc = await this.nats.connection();
      // One dead letter per stream message, however often this is retried.
      await jetstream(nc).publish(
        deadLetterSubject(this.options.namespace, this.durableName),
        JSON.stringify(deadLetter),
        {
          msgID: `${this.durableName}:${msg.seq}`,
        },
      );
      msg.term();
      this.count('dead_lettered');
      this.options.metrics?.deadLetters.inc({ consumer: this.durableName });
      logger.error({ err: error }, 'event sent to the dead-letter subject');
      return 'dead-lettered';
    } catch (publishError) {
      msg.nak(retryDelay(msg.info.deliveryCount, this.retry));
      logger.error({ err: publishError, cause: failure }, 'could not dead-letter the event; will retry');
      return 'retried';
    }
  }
}

/** The subjects a consumer's config filters on, whichever of the two fields holds them (none: the whole stream). */
function filterSubjectsOf(config: Partial<Pick<ConsumerConfig, 'filter_subject' | 'filter_subjects'>>): string[] {
  if (config.filter_subjects?.length) return config.filter_subjects;
  return config.filter_subject ? [config.filter_subject] : ['>'];
}

function sameSubjects(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((subject) => b.includes(subject));
}

/** NATS subject matching: `*` stands for one token, a final `>` for one or more. */
export function subjectMatches(filter: string, subject: string): boolean {
  const filterTokens = filter.split('.');
  const subjectTokens = subject.split('.');
  for (const [index, token] of filterTokens.entries()) {
    if (token === '>') return subjectTokens.length > index;
    if (index >= subjectTokens.length || (token !== '*' && token !== subjectTokens[index])) return false;
  }
  return filterTokens.length === subjectTokens.length;
}
