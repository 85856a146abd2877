import { connect } from '@nats-io/transport-node';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventsLogger } from './events.logger';
import { retryDelay, type RetryDelayOptions } from './retry-delay';

/**
 * Derived rather than imported: under `moduleResolution: node` TypeScript cannot follow transport-node's re-export of
 * @nats-io/nats-core (it needs package `exports`), so the named type is missing; this alias works under both.
 */
export type NatsConnection = Awaited<ReturnType<typeof connect>>;

/** JetStream durations are nanoseconds. */
export function nanos(millis: number): number {
  return millis * 1_000_000;
}

export interface NatsConnectionOptions {
  servers: string | string[];
  /** Shown by the server's monitoring, so operators can tell services apart. */
  name: string;
  /** User and password, when the server requires them (NATS_USER, NATS_PASSWORD). */
  credentials?: { user: string; pass: string };
  logger: EventsLogger;
  /** Back-off between attempts while the server has never been reached. */
  firstConnectRetry?: RetryDelayOptions;
}

/** Thrown to whoever waits for a connection when the provider is closed first. */
export class NatsConnectionClosedError extends Error {
  constructor() {
    super('NATS connection provider closed');
    this.name = 'NatsConnectionClosedError';
  }
}

/**
 * One NATS connection per process, made in the background: a service starts and serves writes while NATS is down
 * (its events wait in the outbox), and reconnects forever once it has been reached. `isConnected()` feeds readiness.
 */
export class NatsConnectionProvider {
  private nc: NatsConnection | undefined;
  private connected = false;
  private started = false;
  private readonly closing = new AbortController();
  private readonly listeners = new Set<() => void>();
  private readonly firstConnection: Promise<NatsConnection>;
  private resolveFirst!: (nc: NatsConnection) => void;

  constructor(private readonly options: NatsConnectionOptions) {
    this.firstConnection = new Promise<NatsConnection>((resolve, reject) => {
      this.resolveFirst = resolve;
      this.closing.signal.addEventListener('abort', () => reject(new NatsConnectionClosedError()), { once: true });
    });
    // Nobody may be waiting yet; the rejection on close is expected, not unhandled.
    this.firstConnection.catch(() => undefined);
  }

  /** Starts connecting in the background; returns at once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connectUntilReached();
  }

  isConnected(): boolean {
    return this.connected;
  }

  /** The connection, once NATS has been reached; it may be reconnecting when you use it. */
  connection(): Promise<NatsConnection> {
    this.start();
    return this.firstConnection;
  }

  /** Calls `listener` on every (re)connection, so work that waited for NATS can resume at once. */
  onConnected(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Flushes what is buffered (acks, publishes) when connected, then closes. */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    const nc = this.nc;
    const wasConnected = this.connected;
    this.connected = false;
    if (!nc || nc.isClosed()) return;
    // drain() needs the server; while it is gone, close() is all we can do.
    if (!wasConnected) return nc.close();
    await Promise.race([nc.drain(), sleep(5_000, undefined, { ref: false })]).catch(() => undefined);
    if (!nc.isClosed()) await nc.close();
  }

  private async connectUntilReached(): Promise<void> {
    const retry = this.options.firstConnectRetry ?? { initialMs: 250, maxMs: 5_000 };
    for (let failures = 1; !this.closing.signal.aborted; failures++) {
      try {
        // maxReconnectAttempts -1: once reached, the client itself reconnects forever (and replays subscriptions).
        const nc = await connect({
          servers: this.options.servers,
          name: this.options.name,
          ...this.options.credentials,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1_000,
        });
        if (this.closing.signal.aborted) {
          await nc.close();
          return;
        }
        this.adopt(nc);
        return;
      } catch (error) {
        const delay = retryDelay(failures, retry);
        this.options.logger.warn(
          { err: error, servers: this.options.servers, retryInMs: delay },
          'NATS unreachable; will keep trying',
        );
        await sleep(delay, undefined, { signal: this.closing.signal }).catch(() => undefined);
      }
    }
  }

  private adopt(nc: NatsConnection): void {
    this.nc = nc;
    this.connected = true;
    this.options.logger.info({ server: nc.getServer() }, 'NATS connected');
    this.resolveFirst(nc);
    this.notify();
    void this.followStatus(nc);
  }

  private async followStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.options.logger.warn({ server: status.server }, 'NATS disconnected; reconnecting');
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.options.logger.info({ server: status.server }, 'NATS reconnected');
        this.notify();
      }
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
