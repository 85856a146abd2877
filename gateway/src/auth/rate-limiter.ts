/**
 * Token buckets, one per API key, in memory: each gateway replica limits what it sees. Written here because the
 * npm token-bucket packages are unmaintained or bring a Redis client along; this is the whole algorithm.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Spends one token of `keyId`'s bucket (refilled at perMinute/60 a second, holding at most `burst`). */
  take(keyId: string, perMinute: number, burst: number, now?: number): RateDecision;
  /** How many keys it holds a bucket for. */
  size(): number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** When it holds `burst` tokens again, and so is the same as no bucket at all. */
  fullAt: number;
}

const SWEEP_INTERVAL_MS = 60_000;

export function createRateLimiter(): RateLimiter {
  const buckets = new Map<string, Bucket>();
  let sweptAt = 0;

  // Bounded memory: a full bucket behaves exactly like a missing one, so forgetting it changes nothing.
  const sweep = (now: number) => {
    sweptAt = now;
    for (const [keyId, bucket] of buckets) if (bucket.fullAt <= now) buckets.delete(keyId);
  };

  return {
    take(keyId, perMinute, burst, now = Date.now()) {
      if (now - sweptAt >= SWEEP_INTERVAL_MS) sweep(now);
      const perMs = perMinute / 60_000;
      const bucket = buckets.get(keyId);
      const refilled = bucket ? Math.min(burst, bucket.tokens + (now - bucket.updatedAt) * perMs) : burst;
      if (refilled < 1) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / perMs / 1000)) };
      }
      const tokens = refilled - 1;
      buckets.set(keyId, { tokens, updatedAt: now, fullAt: now + (burst - tokens) / perMs });
      return { allowed: true };
    },
    size: () => buckets.size,
  };
}
