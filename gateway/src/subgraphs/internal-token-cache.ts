import type { Actor, InternalTokenSigner } from '@gongzhi/contracts';
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export interface CachedInternalTokensOptions {
  signer: InternalTokenSigner;
  /** How long the tokens the signer makes live (INTERNAL_TOKEN_LIFETIME_SECONDS). */
  lifetimeSeconds: number;
  /** How long one token is reused at most. Default: 5 s, and never more than a fifth of the lifetime. */
  reuseMs?: number;
  /** Distinct callers × subgraphs × purposes kept at once; the least recently used are dropped first. */
  max?: number;
  /** For tests: the clock the reuse window runs on (milliseconds). */
  now?: () => number;
}

export interface CachedTokenClaims {
  actor: Actor;
  audience: string;
  purpose?: string;
  budgetMs?: number;
}

/**
 * Internal tokens reused for a few seconds per caller, subgraph, purpose and budget instead of an EdDSA signature
 * for every subgraph fetch (the gateway's largest own cost per request in the profile). What a token says is exactly
 * what a fresh one would say: the key is the whole actor (roles, scopes, partner key), so a caller whose roles change
 * gets a new token, and the audience, the purpose and the budget are part of it too. A token is reused only within
 * `reuseMs` of signing, so it always reaches the subgraph with most of its lifetime (30 s by default) left.
 *
 * The signed request id (`rid`) of a reused token is the token's own id; the request's id travels beside it in
 * `x-request-id`, as it always did, and subgraphs take the request id from there (it was never a secret: the gateway
 * adopts a client's own `x-request-id`).
 */
export function createCachedInternalTokens(options: CachedInternalTokensOptions) {
  const reuseMs = Math.min(options.reuseMs ?? 5_000, (options.lifetimeSeconds * 1000) / 5);
  const cache = new LRUCache<string, Promise<string>>({
    max: options.max ?? 10_000,
    ttl: reuseMs,
    // Only the signing time counts: reading a token does not extend its reuse.
    updateAgeOnGet: false,
    ...(options.now && { perf: { now: options.now }, ttlResolution: 0 }),
  });
  return {
    sign(claims: CachedTokenClaims): Promise<string> {
      const key = JSON.stringify([claims.audience, claims.purpose ?? null, claims.budgetMs ?? null, claims.actor]);
      let token = cache.get(key);
      if (!token) {
        token = options.signer.sign({ ...claims, requestId: `tok-${randomUUID()}` });
        cache.set(key, token);
        // A failed signature is not kept: the next request tries again.
        token.catch(() => cache.peek(key) === token && cache.delete(key));
      }
      return token;
    },
  };
}

export type CachedInternalTokens = ReturnType<typeof createCachedInternalTokens>;
