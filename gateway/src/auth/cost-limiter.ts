import { MongoClient, MongoTopologyClosedError } from 'mongodb';
import type { Logger } from 'pino';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';

const WINDOW_SECONDS = 60;
/** One collection for every key and limit, in the gateway's own database. */
const COLLECTION = 'api_key_points';

export interface PointsDecision {
  allowed: boolean;
  /** The key's points a minute. */
  maximum: number;
  /** What is left of this minute's points after this request (refused requests spend nothing). */
  remaining: number;
  /** When the key's minute ends and its points are whole again. */
  resetAt: Date;
  /** Seconds until the points are whole again, at least 1. */
  retryAfterSeconds: number;
}

/** The shared store did not answer: partners are refused (503) rather than let through unlimited. */
export class CostLimiterUnavailableError extends Error {
  override readonly name = 'CostLimiterUnavailableError';
}

export interface CostLimiter {
  /** Spends `points` of the key's minute of `perMinute` points; a refusal spends nothing. */
  spend(keyId: string, points: number, perMinute: number): Promise<PointsDecision>;
  /** True when every replica counts in the same store (MongoDB); false for the per-replica memory store. */
  readonly shared: boolean;
  /** How many times this replica has asked the store so far (concurrent requests of one key share one call). */
  readonly storeCalls: number;
  close(): Promise<void>;
}

export interface CostLimiterOptions {
  /** The gateway's database. Without it, each replica counts alone (development and tests only). */
  mongo?: { uri: string; dbName: string; timeoutMs: number };
  logger: Logger;
}

/**
 * Each partner key may spend so many query-cost points a minute, counted by rate-limiter-flexible in a fixed window
 * of 60 s that starts with the key's first request. With MongoDB the count is one document per key shared by every
 * replica (an atomic $inc), so N replicas allow the key's limit, not N times it.
 *
 * A replica asks the store about a key once at a time: requests of that key arriving while it waits for an answer
 * are spent together in the next call (one $inc of their sum), then allowed in arrival order while the points last;
 * the refused ones' points are given back in one more call. So a partner's busy client costs the store about one
 * call per round trip to it, not one per request, and the count stays exact: the store still sees every point.
 */
export function createCostLimiter({ mongo, logger }: CostLimiterOptions): CostLimiter {
  const store = mongo && connectStore(mongo, logger);
  // A limiter per limit: rate-limiter-flexible fixes the points per instance. The prefix keeps the limits apart.
  let limiters = new Map<number, RateLimiterAbstract>();
  let limitersOf: MongoClient | undefined;
  const limiterOf = (perMinute: number): RateLimiterAbstract => {
    const client = store?.client();
    if (store && !client) throw new CostLimiterUnavailableError('The rate limit store is not connected yet');
    if (client !== limitersOf) {
      // A new connection: new limiters on it.
      limiters = new Map<number, RateLimiterAbstract>();
      limitersOf = client;
    }
    let limiter = limiters.get(perMinute);
    if (!limiter) {
      const options = { points: perMinute, duration: WINDOW_SECONDS, keyPrefix: `p${perMinute}` };
      limiter = client
        ? new RateLimiterMongo({ ...options, storeClient: client, dbName: mongo!.dbName, tableName: COLLECTION })
        : new RateLimiterMemory(options);
      limiters.set(perMinute, limiter);
    }
    return limiter;
  };

  let storeCalls = 0;
  /** Spends the points of several requests of one key in one call; their decisions in the same order. */
  const spendTogether = async (keyId: string, perMinute: number, points: number[]): Promise<PointsDecision[]> => {
    try {
      const limiter = limiterOf(perMinute);
      const total = points.reduce((sum, p) => sum + p, 0);
      storeCalls++;
      // The count goes up by the whole batch, refused or not (a refusal is a RateLimiterRes thrown).
      const res = await limiter.consume(keyId, total).catch((refusal: unknown) => {
        if (refusal instanceof RateLimiterRes) return refusal;
        throw refusal;
      });
      const resetAt = new Date(Date.now() + res.msBeforeNext);
      const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      let spent = res.consumedPoints - total;
      let refused = 0;
      const decisions = points.map((p) => {
        const allowed = spent + p <= perMinute;
        if (allowed) spent += p;
        else refused += p;
        // A refusal spends nothing: what remains is what there was before it.
        return { allowed, maximum: perMinute, remaining: Math.max(0, perMinute - spent), resetAt, retryAfterSeconds };
      });
      if (refused > 0) {
        // Give the refused points back, so a refused query costs nothing.
        storeCalls++;
        await limiter
          .reward(keyId, refused)
          .catch((error: unknown) => logger.warn({ err: error }, 'refused points not given back'));
      }
      return decisions;
    } catch (error) {
      if (error instanceof CostLimiterUnavailableError) throw error;
      logger.warn({ err: error }, 'the rate limit store did not answer');
      if (error instanceof MongoTopologyClosedError) store?.reconnect();
      throw new CostLimiterUnavailableError('The rate limit store did not answer', { cause: error });
    }
  };

  /** Per key and limit: whether a call to the store is under way, and the requests waiting for the next one. */
  const queues = new Map<string, Array<{ points: number; settle: (decision: Promise<PointsDecision>) => void }>>();
  const drain = async (queueId: string, keyId: string, perMinute: number) => {
    for (let waiting = queues.get(queueId)!; waiting.length > 0; waiting = queues.get(queueId)!) {
      const batch = waiting.splice(0);
      const decisions = spendTogether(
        keyId,
        perMinute,
        batch.map(({ points }) => points),
      );
      batch.forEach(({ settle }, i) => settle(decisions.then((all) => all[i])));
      await decisions.catch(() => undefined);
    }
    queues.delete(queueId);
  };

  return {
    shared: Boolean(store),
    get storeCalls() {
      return storeCalls;
    },
    spend(keyId, points, perMinute) {
      return new Promise<PointsDecision>((resolve, reject) => {
        const queueId = `${perMinute}:${keyId}`;
        const waiting = queues.get(queueId);
        const settle = (decision: Promise<PointsDecision>) => void decision.then(resolve, reject);
        if (waiting) return void waiting.push({ points, settle });
        queues.set(queueId, [{ points, settle }]);
        void drain(queueId, keyId, perMinute);
      });
    },
    async close() {
      await store?.close();
    },
  };
}

const RECONNECT_DELAY_MS = 1_000;

/**
 * The gateway's MongoDB client for the shared count, connected in the background and connected again from scratch
 * when its first connection fails (the driver does not retry a failed initial connection: the client's topology stays
 * closed, and every later operation fails at once). Until it is connected, partner keys are refused with 503.
 */
function connectStore(mongo: NonNullable<CostLimiterOptions['mongo']>, logger: Logger) {
  let connected: MongoClient | undefined;
  let connecting = false;
  let closed = false;
  const attempt = async (): Promise<void> => {
    if (connecting || closed) return;
    connecting = true;
    const client = new MongoClient(mongo.uri, {
      serverSelectionTimeoutMS: mongo.timeoutMs,
      socketTimeoutMS: mongo.timeoutMs * 2,
      appName: 'gongzhi-gateway',
    });
    try {
      await client.connect();
      const previous = connected;
      connected = closed ? undefined : client;
      await previous?.close().catch(() => undefined);
      if (closed) await client.close();
    } catch (error) {
      logger.warn({ err: error }, 'cannot connect to the rate limit store; partner keys are refused until it answers');
      await client.close().catch(() => undefined);
      setTimeout(() => void attempt(), RECONNECT_DELAY_MS).unref();
    } finally {
      connecting = false;
    }
  };
  void attempt();
  return {
    client: () => connected,
    reconnect: () => {
      connected = undefined;
      void attempt();
    },
    close: async () => {
      closed = true;
      await connected?.close();
    },
  };
}
