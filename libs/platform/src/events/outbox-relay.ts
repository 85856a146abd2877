import type { OutboxState, SubgraphMetrics } from '@gongzhi/metrics';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import type { Connection, mongo } from 'mongoose';
import { ensureEventCollections, isDuplicateKeyError, type OutboxRecord, outboxModel } from './event-collections';
import { ensureEventStreams } from './event-streams';
import { traceEventSend } from './event-tracing';
import type { EventsLogger } from './events.logger';
import type { NatsConnectionProvider } from './nats-connection';
import { retryDelay, type RetryDelayOptions } from './retry-delay';

export interface OutboxRelayOptions {
  serviceName: string;
  namespace: string;
  logger: EventsLogger;
  /** Replicas of the event streams, should the relay be the first to create them (EVENTS_REPLICAS). */
  replicas?: number;
  /** Safety net besides the change stream (which may be down, or miss a wake-up while we were failing). */
  pollIntervalMs?: number;
  /** How long one replica may relay before another may take over, if it stops renewing (crash, partition). */
  leaseMs?: number;
  batchSize?: number;
  /** Back-off after a failed round (NATS down, stream missing, MongoDB hiccup). */
  retry?: RetryDelayOptions;
  /** Per publish; a timed-out publish may still land, and is then de-duplicated by its msgID. */
  publishTimeoutMs?: number;
  /** Counts published events (`gongzhi_outbox_published_total`). */
  metrics?: SubgraphMetrics;
}

const LEASE_COLLECTION = 'outbox_leases';
const LEASE_ID = 'relay';

interface RelayLease {
  _id: string;
  holder: string;
  expiresAt: Date;
}

/**
 * Sends pending outbox events to JetStream in `_id` order, with `Nats-Msg-Id` = event id, and marks them sent.
 *
 * Among replicas, one relays at a time: it holds a lease (one document, claimed with findOneAndUpdate) renewed every
 * batch. A lease for the whole outbox rather than one per record keeps publication in order — with per-record
 * claims, two replicas would publish neighbouring events concurrently and reorder them. If a lease holder stalls past
 * its lease and resumes, both may publish the same event: JetStream drops the second copy by its msgID.
 */
export class OutboxRelay {
  readonly instanceId = randomUUID();
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly retry: RetryDelayOptions;
  private readonly publishTimeoutMs: number;
  private running = false;
  private stopping = false;
  private round: Promise<void> | undefined;
  private wakeAgain = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private changeStream: mongo.ChangeStream | undefined;
  private streamsEnsured = false;
  private unsubscribeFromNats: (() => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly nats: NatsConnectionProvider,
    private readonly options: OutboxRelayOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.batchSize = options.batchSize ?? 100;
    this.retry = options.retry ?? { initialMs: 500, maxMs: 30_000 };
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await ensureEventCollections(this.connection);
    await this.ensureLeaseDocument();
    this.unsubscribeFromNats = this.nats.onConnected(() => this.wake());
    this.watchOutbox();
    this.pollTimer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.wake();
  }

  /** Lets the current publish finish, then releases the lease so another replica takes over at once. */
  async stop(): Promise<void> {
    if (!this.running || this.stopping) return;
    this.stopping = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.unsubscribeFromNats?.();
    await this.changeStream?.close().catch(() => undefined);
    await this.round;
    await this.leases()
      .updateOne({ _id: LEASE_ID, holder: this.instanceId }, { $set: { expiresAt: new Date(0) } })
      .catch(() => undefined);
    this.running = false;
  }

  /** Asks for a relay round soon; rounds never overlap, and a wake-up during a round triggers one more. */
  wake(): void {
    if (!this.running || this.stopping) return;
    if (this.round) {
      this.wakeAgain = true;
      return;
    }
    if (this.retryTimer) return; // backing off; the timer will wake us
    this.round = this.relayRound().finally(() => {
      this.round = undefined;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  /** Events recorded but not yet sent. */
  pendingCount(): Promise<number> {
    return outboxModel(this.connection).countDocuments({ publishedAt: null });
  }

  /** How many events wait, and for how long the oldest has (by its ObjectId's time, i.e. when it was recorded). */
  async state(): Promise<OutboxState> {
    const outbox = outboxModel(this.connection);
    const [pending, oldest] = await Promise.all([
      outbox.countDocuments({ publishedAt: null }),
      outbox.findOne({ publishedAt: null }, { _id: 1 }).sort({ _id: 1 }).lean(),
    ]);
    const oldestAgeSeconds = oldest ? Math.max(0, (Date.now() - oldest._id.getTimestamp().getTime()) / 1000) : 0;
    return { pending, oldestAgeSeconds };
  }

  private async relayRound(): Promise<void> {
    // While NATS is away there is nothing to try; onConnected wakes us when it is back.
    if (!this.nats.isConnected()) return;
    try {
      await this.publishPending();
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.streamsEnsured = false; // a lost stream (fresh NATS storage) is recreated on the next round
      const delay = retryDelay(this.failures, this.retry);
      this.options.logger.warn(
        { err: error, failures: this.failures, retryInMs: delay },
        'outbox relay round failed; will retry',
      );
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.wake();
      }, delay);
    }
  }

  private async publishPending(): Promise<void> {
    const nc = await this.nats.connection();
    if (!this.streamsEnsured) {
      await ensureEventStreams(nc, { namespace: this.options.namespace, replicas: this.options.replicas });
      this.streamsEnsured = true;
    }
    const js = jetstream(nc);
    const outbox = outboxModel(this.connection);
    while (!this.stopping && (await this.holdLease())) {
      const batch = await outbox.find({ publishedAt: null }).sort({ _id: 1 }).limit(this.batchSize).lean();
      if (batch.length === 0) return;
      // Published, not yet marked: marked together (one update per batch, not one per event: under a burst of writes
      // the per-event update was most of the relay's database work, and it fell behind). Should the relay stop before
      // marking them, the next round publishes them again and JetStream drops the copies by their msgID.
      const published: typeof batch = [];
      try {
        for (const record of batch) {
          if (this.stopping) return;
          try {
            await traceEventSend(record.subject, record.envelope, () =>
              js.publish(record.subject, JSON.stringify(record.envelope), {
                msgID: record.eventId,
                timeout: this.publishTimeoutMs,
              }),
            );
          } catch (error) {
            await outbox
              .updateOne({ _id: record._id }, { $inc: { attempts: 1 }, $set: { lastError: String(error) } })
              .catch(() => undefined);
            throw error; // stop here: publishing later events first would break the order
          }
          published.push(record);
        }
      } finally {
        await this.markPublished(published);
      }
    }
  }

  /** Marks events sent, in one update. */
  private async markPublished(records: ReadonlyArray<Pick<OutboxRecord, '_id' | 'envelope'>>): Promise<void> {
    if (records.length === 0) return;
    await outboxModel(this.connection).updateMany(
      { _id: { $in: records.map((record) => record._id) }, publishedAt: null },
      { $set: { publishedAt: new Date() } },
    );
    for (const record of records) this.options.metrics?.outboxPublished.inc({ type: record.envelope.type });
  }

  /** Takes or renews the relay lease; false while another live replica holds it. Uses the database's clock. */
  private async holdLease(): Promise<boolean> {
    const lease = await this.leases().findOneAndUpdate(
      { _id: LEASE_ID, $or: [{ holder: this.instanceId }, { $expr: { $lt: ['$expiresAt', '$$NOW'] } }] },
      [{ $set: { holder: this.instanceId, expiresAt: { $add: ['$$NOW', this.leaseMs] } } }],
    );
    return lease !== null;
  }

  /** The lease document exists from the start ($expr, needed for the database clock, cannot drive an upsert). */
  private async ensureLeaseDocument(): Promise<void> {
    try {
      await this.leases().updateOne(
        { _id: LEASE_ID },
        { $setOnInsert: { holder: '', expiresAt: new Date(0) } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // another replica inserted it at the same moment
    }
  }

  private leases() {
    return this.connection.collection<RelayLease>(LEASE_COLLECTION);
  }

  private watchOutbox(): void {
    if (this.stopping) return;
    const stream = outboxModel(this.connection).watch([{ $match: { operationType: 'insert' } }]);
    this.changeStream = stream;
    stream.on('change', () => this.wake());
    stream.on('error', (error) => {
      // Polling covers the gap; reopen later (a standalone mongod has no change streams at all).
      this.options.logger.warn({ err: error }, 'outbox change stream failed; polling until it reopens');
      void stream.close().catch(() => undefined);
      setTimeout(() => this.watchOutbox(), this.pollIntervalMs).unref();
    });
  }
}
