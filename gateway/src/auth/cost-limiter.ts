import { MongoClient } from 'mongodb';
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
  const client =
    mongo &&
    new MongoClient(mongo.uri, {
      serverSelectionTimeoutMS: mongo.timeoutMs,
      socketTimeoutMS: mongo.timeoutMs * 2,
      appName: 'gongzhi-gateway',
    });
  // A limiter per limit: rate-limiter-flexible fixes the points per instance. The prefix keeps the limits apart.
  const limiters = new Map<number, RateLimiterAbstract>();
  const limiterOf = (perMinute: number): RateLimiterAbstract => {
    let limiter = limiters.get(perMinute);
    if (!limiter) {
      const options = { points: perMinute, duration: WINDOW_SECONDS, keyPrefix: `p${perMinute}` };
      limiter = client
        ? new RateLimiterMongo({ ...options, storeClient: client, dbName: mongo.dbName, tableName: COLLECTION })
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
    shared: Boolean(client),
    async spend(keyId, points, perMinute) {
      const limiter = limiterOf(perMinute);
      try {
        return decision(await limiter.consume(keyId, points), true, perMinute, points);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) {
          logger.warn({ err: refusal }, 'the rate limit store did not answer');
          throw new CostLimiterUnavailableError('The rate limit store did not answer', { cause: refusal });
        }
        // The count went up before it was refused: give the points back, so a refused query costs nothing.
        await limiter
          .reward(keyId, points)
          .catch((error: unknown) => logger.warn({ err: error }, 'refused points not given back'));
        return decision(refusal, false, perMinute, points);
      }
    },
    async close() {
      await client?.close();
    },
  };
}
