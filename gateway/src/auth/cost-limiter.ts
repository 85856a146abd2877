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

  const decision = (res: RateLimiterRes, allowed: boolean, perMinute: number, points: number): PointsDecision => ({
    allowed,
    maximum: perMinute,
    // A refusal is given back below, so what remains is what there was before it.
    remaining: Math.max(0, perMinute - res.consumedPoints + (allowed ? 0 : points)),
    resetAt: new Date(Date.now() + res.msBeforeNext),
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });

  return {
    shared: Boolean(store),
    async spend(keyId, points, perMinute) {
      try {
        const limiter = limiterOf(perMinute);
        try {
          return decision(await limiter.consume(keyId, points), true, perMinute, points);
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          // The count went up before it was refused: give the points back, so a refused query costs nothing.
          await limiter
            .reward(keyId, points)
            .catch((error: unknown) => logger.warn({ err: error }, 'refused points not given back'));
          return decision(refusal, false, perMinute, points);
        }
      } catch (error) {
        if (error instanceof CostLimiterUnavailableError) throw error;
        logger.warn({ err: error }, 'the rate limit store did not answer');
        if (error instanceof MongoTopologyClosedError) store?.reconnect();
        throw new CostLimiterUnavailableError('The rate limit store did not answer', { cause: error });
      }
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
