import { MongoClient, MongoTopologyClosedError } from 'mongodb';
import type { Logger } from 'pino';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';

const WINDOW_SECONDS = 60;
/** One collection for every key and limit, in the gateway's own database. */
const COLLECTION = 'api_key_points';
/** A key leases once its requests on a replica have needed the store this many times within LEASE_MS. */
const BUSY_CALLS = 3;
/** A lease is about this long of the key's recent spending on this replica... */
const LEASE_MS = 1_000;
/** ...and at most this share of the key's points a minute. */
const LEASE_SHARE = 0.1;

export interface PointsDecision {
  allowed: boolean;
  /** The key's points a minute. */
  maximum: number;
  /**
   * What is left of this minute's points after this request (refused requests spend nothing): the key's points less
   * what the store had counted at this replica's last call to it (every replica's requests and unspent leases), plus
   * this replica's unspent lease.
   */
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
  /** How many times this replica has asked the store so far (for leases, for waiting requests, to give points back). */
  readonly storeCalls: number;
  close(): Promise<void>;
}

export interface CostLimiterOptions {
  /** The gateway's database. Without it, each replica counts alone (development and tests only). */
  mongo?: { uri: string; dbName: string; timeoutMs: number };
  logger: Logger;
  /** Told of every call to the store (for `gongzhi_gateway_rate_limit_store_calls_total`). */
  onStoreCall?: () => void;
  /** The length of a key's window in seconds: 60; shorter only in tests. */
  windowSeconds?: number;
}

interface Waiting {
  points: number;
  resolve: (decision: PointsDecision) => void;
  reject: (error: unknown) => void;
}

/** What this replica knows of one key (at one limit). */
interface KeyState {
  keyId: string;
  perMinute: number;
  /** Points the store has counted as spent that this replica has not yet spent on requests. */
  lease: number;
  /** When the key's window (and with it the lease) ends, ms since the epoch; 0 before the first answer. */
  windowEndsAt: number;
  /** The store's count for the key after this replica's last call to it. */
  counted: number;
  /** The key's spending on this replica, decayed over LEASE_MS (about its last second), and when it was last updated. */
  recent: number;
  recentAt: number;
  /** When the key's requests on this replica last spent points, and when they last needed the store. */
  spentAt: number;
  callsAt: number[];
  /** Whether the key is busy enough here to spend from leases taken ahead of its requests. */
  leasing: boolean;
  /** Requests waiting for the store, in arrival order; and whether a call to it is under way. */
  waiting: Waiting[];
  calling: boolean;
}

/**
 * Each partner key may spend so many query-cost points a minute, counted by rate-limiter-flexible in a fixed window
 * of 60 s that starts with the key's first request. With MongoDB the count is one document per key shared by every
 * replica (an atomic $inc), so N replicas allow the key's limit, not N times it.
 *
 * A key that is used rarely is counted exactly, request by request: a request waits for its own $inc (requests of the
 * key arriving while one call is under way are spent together in the next). A busy key — its requests needed the store
 * BUSY_CALLS times within a second on this replica — spends from a **lease**, as quota systems do (Envoy's and
 * Google's quota leasing): the replica takes points ahead of its requests in one $inc (the store counts them as spent,
 * so replicas together never exceed the limit), spends requests from them at once, and refills in the background when
 * less than half a lease is left, so in a steady stream no request waits for the store. A lease is about one second of
 * the key's recent spending here (besides the waiting requests' points; at most a tenth of its minute): a busy key
 * costs the store about one call a second per replica. When the store has fewer points left than asked, the replica
 * gets what is left and gives the rest back at once, so the count never passes the limit; once a request is refused it
 * gives back its unspent lease too, and a refused request spends nothing. A lease ends with the key's window: unspent
 * points are not given back (they were counted in the old window), so at a window's end a key can lose up to about a
 * second of its spending per replica. A key stops leasing when its requests pause for LEASE_MS. With the store down a
 * replica serves what its lease still holds, then refuses (503).
 */
export function createCostLimiter({
  mongo,
  logger,
  onStoreCall,
  windowSeconds = WINDOW_SECONDS,
}: CostLimiterOptions): CostLimiter {
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
      const options = { points: perMinute, duration: windowSeconds, keyPrefix: `p${perMinute}` };
      limiter = client
        ? new RateLimiterMongo({ ...options, storeClient: client, dbName: mongo!.dbName, tableName: COLLECTION })
        : new RateLimiterMemory(options);
      limiters.set(perMinute, limiter);
    }
    return limiter;
  };

  let storeCalls = 0;
  const called = () => {
    storeCalls++;
    onStoreCall?.();
  };

  const keys = new Map<string, KeyState>();
  const stateOf = (keyId: string, perMinute: number): KeyState => {
    const id = `${perMinute}:${keyId}`;
    let state = keys.get(id);
    if (!state) {
      state = {
        keyId,
        perMinute,
        lease: 0,
        windowEndsAt: 0,
        counted: 0,
        recent: 0,
        recentAt: 0,
        spentAt: -Infinity,
        callsAt: [],
        leasing: false,
        waiting: [],
        calling: false,
      };
      keys.set(id, state);
    }
    return state;
  };
  /** Forgets keys with nothing under way whose window has ended, so the map holds only keys in use. */
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, state] of keys)
      if (!state.calling && state.waiting.length === 0 && state.windowEndsAt <= now) keys.delete(id);
  }, windowSeconds * 1000);
  sweep.unref();

  const recentOf = (state: KeyState, now: number) => state.recent * Math.exp(-(now - state.recentAt) / LEASE_MS);
  /** What a busy key takes ahead of its requests: about a second of its spending here, at most a tenth of its minute. */
  const aheadOf = (state: KeyState, now: number) =>
    Math.min(Math.ceil(recentOf(state, now)), Math.floor(state.perMinute * LEASE_SHARE));
  const decision = (state: KeyState, allowed: boolean, now: number): PointsDecision => {
    const msBeforeNext = Math.max(0, state.windowEndsAt - now);
    return {
      allowed,
      maximum: state.perMinute,
      remaining: Math.min(state.perMinute, Math.max(0, state.perMinute - state.counted + state.lease)),
      resetAt: new Date(state.windowEndsAt),
      retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
    };
  };
  /** Spends a request's points from the lease (the caller checked they are there). */
  const fromLease = (state: KeyState, points: number, now: number): PointsDecision => {
    state.lease -= points;
    state.recent = recentOf(state, now) + points;
    state.recentAt = now;
    state.spentAt = now;
    return decision(state, true, now);
  };
  const wantsRefill = (state: KeyState, now: number) =>
    state.leasing && state.windowEndsAt > now && state.lease < aheadOf(state, now) / 2;

  /**
   * One call to the store for the waiting requests `batch` (empty: a refill of the lease). Settles them: allowed in
   * arrival order while the points last, the others refused — or, when the lease they counted on ended with its window
   * meanwhile, put back to wait for the next call.
   */
  const call = async (state: KeyState, batch: Waiting[]) => {
    const { keyId, perMinute } = state;
    let now = Date.now();
    if (state.windowEndsAt <= now) state.lease = 0;
    const needed = batch.reduce((sum, { points }) => sum + points, 0);
    if (needed > 0) {
      state.callsAt = [...state.callsAt, now].slice(-BUSY_CALLS);
      if (state.callsAt.length === BUSY_CALLS && now - state.callsAt[0] < LEASE_MS) state.leasing = true;
    }
    // The waiting requests' points (at least), and for a busy key a lease ahead of the next ones.
    const ask = Math.max(0, needed - state.lease) + (state.leasing ? aheadOf(state, now) : 0);
    let res: RateLimiterRes;
    try {
      const limiter = limiterOf(perMinute);
      called();
      // The count goes up by the whole ask, over the limit or not (a refusal is a RateLimiterRes thrown).
      res = await limiter.consume(keyId, ask).catch((refusal: unknown) => {
        if (refusal instanceof RateLimiterRes) return refusal;
        throw refusal;
      });
    } catch (error) {
      if (error instanceof CostLimiterUnavailableError) throw error;
      logger.warn({ err: error }, 'the rate limit store did not answer');
      if (error instanceof MongoTopologyClosedError) store?.reconnect();
      throw new CostLimiterUnavailableError('The rate limit store did not answer', { cause: error });
    }
    now = Date.now();
    const before = res.consumedPoints - ask;
    // What the limit leaves of the ask; the rest is given back below, so the count never passes the limit.
    const granted = Math.min(ask, Math.max(0, perMinute - before));
    const windowEndsAt = now + res.msBeforeNext;
    // Another window than the lease's: its unspent points were counted in the old one, and end with it.
    if (Math.abs(windowEndsAt - state.windowEndsAt) > (windowSeconds * 1000) / 2) state.lease = 0;
    state.windowEndsAt = windowEndsAt;
    state.lease += granted;
    state.counted = before + granted;
    const putBack: Waiting[] = [];
    let refused = false;
    for (const request of batch) {
      if (request.points <= state.lease) {
        request.resolve(fromLease(state, request.points, now));
      } else if (granted === ask) {
        putBack.push(request);
      } else {
        refused = true;
        request.resolve(decision(state, false, now));
      }
    }
    state.waiting.unshift(...putBack);
    // Give back what the limit refused, so a refused query costs nothing; and, once a request was refused, the lease
    // too: this replica keeps no points another's request could use.
    let giveBack = ask - granted;
    if (refused) {
      giveBack += state.lease;
      state.counted -= state.lease;
      state.lease = 0;
    }
    if (giveBack > 0) {
      called();
      await limiterOf(perMinute)
        .reward(keyId, giveBack)
        .catch((error: unknown) => logger.warn({ err: error }, 'refused points not given back'));
    }
  };

  /** Calls the store for the key, one call at a time, while requests wait for it or its lease needs refilling. */
  const drain = async (state: KeyState) => {
    state.calling = true;
    let refilled = false;
    try {
      for (;;) {
        // Those a refill has since covered need no call of their own.
        const now = Date.now();
        while (state.waiting.length > 0 && state.windowEndsAt > now && state.waiting[0].points <= state.lease) {
          const request = state.waiting.shift()!;
          request.resolve(fromLease(state, request.points, now));
        }
        const batch = state.waiting.splice(0);
        if (batch.length === 0) {
          // At most one refill per round: one that failed is tried again by the next request spent from the lease.
          if (refilled || !wantsRefill(state, Date.now())) break;
          refilled = true;
        }
        await call(state, batch).catch((error: unknown) => {
          for (const { reject } of batch) reject(error);
        });
      }
    } finally {
      state.calling = false;
    }
  };

  return {
    shared: Boolean(store),
    get storeCalls() {
      return storeCalls;
    },
    spend(keyId, points, perMinute) {
      const state = stateOf(keyId, perMinute);
      const now = Date.now();
      // The window's end drops the lease; a pause in the key's requests ends its leasing.
      if (state.windowEndsAt <= now) state.lease = 0;
      if (now - state.spentAt > LEASE_MS) state.leasing = false;
      if (state.waiting.length === 0 && state.windowEndsAt > now && points <= state.lease) {
        // From the lease: no waiting.
        const allowed = fromLease(state, points, now);
        if (!state.calling && wantsRefill(state, now)) void drain(state);
        return Promise.resolve(allowed);
      }
      return new Promise<PointsDecision>((resolve, reject) => {
        state.waiting.push({ points, resolve, reject });
        if (!state.calling) void drain(state);
      });
    },
    async close() {
      clearInterval(sweep);
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
