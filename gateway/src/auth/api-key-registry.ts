import {
  API_KEY_PATTERN,
  API_KEY_REGISTRY_HEARTBEAT_KEY,
  type ApiKeyGrant,
  apiKeyBucketName,
  apiKeyGrantSchema,
  apiKeyLookupKey,
} from '@gongzhi/contracts';
import { StorageType } from '@nats-io/jetstream';
import { type KvWatchEntry, Kvm } from '@nats-io/kv';
import type { Logger } from 'pino';
import type { NatsConnection } from './nats-connection';

/** By default a copy of the registry is trusted for this long after organization's last heartbeat reached it. */
export const DEFAULT_REGISTRY_STALE_MS = 1_500;
const REOPEN_DELAY_MS = 1_000;

export interface ApiKeyRegistryOptions {
  nc: NatsConnection;
  namespace: string;
  /** Copies JetStream keeps of the bucket, should this gateway be the first to create it (EVENTS_REPLICAS). */
  replicas?: number;
  logger: Logger;
  /** How long after organization's last heartbeat this copy is still vouched for. Default 1500 ms. */
  staleMs?: number;
}

export interface ApiKeyRegistry {
  /** The grant of a usable key; undefined for a malformed, unknown, revoked or expired one. */
  lookup(secret: string): ApiKeyGrant | undefined;
  /**
   * Whether this copy can be vouched for: connected to NATS, loaded since the last (re)connection, and organization's
   * heartbeat seen within staleMs. While false, lookup's answer may be out of date: refuse partner keys.
   */
  isTrusted(): boolean;
  /** Resolves once the bucket's current keys are loaded; rejects when the bucket cannot be opened. */
  ready: Promise<void>;
  /** Stops watching; the connection stays open (it is the caller's). */
  close(): void;
}

/**
 * The usable partner API keys, mirrored in memory from the KV bucket organization writes. Each replica watches the
 * bucket, so an issued, rotated or revoked key takes effect on every replica within moments, and a lookup never
 * waits on the network.
 *
 * A mirror can be wrong without knowing it: NATS down (organization's deletes cannot reach it), organization unable
 * to write, the watch stalled or lagging. So the copy is trusted only while organization's heartbeat keeps arriving —
 * it writes one every API_KEY_REGISTRY_HEARTBEAT_MS while no change to a key is waiting to reach the bucket — and only
 * heartbeats that arrive after the copy was (re)loaded, and were written less than staleMs ago, count. A disconnection distrusts it at once; a reconnection reloads it from scratch
 * (the server may have lost its storage, and the watch with it).
 */
export function openApiKeyRegistry({
  nc,
  namespace,
  replicas = 1,
  logger,
  staleMs = DEFAULT_REGISTRY_STALE_MS,
}: ApiKeyRegistryOptions): ApiKeyRegistry {
  const bucket = apiKeyBucketName(namespace);
  let grants = new Map<string, ApiKeyGrant>();
  let closed = false;
  let connected = !nc.isClosed();
  /** Raised by every (re)load: a watch of an older generation no longer writes into `grants`. */
  let generation = 0;
  /** performance.now() of the last heartbeat that arrived on the current, loaded watch; -Infinity when none has. */
  let heartbeatAt = -Infinity;
  let stopWatching: (() => void) | undefined;

  const apply = (target: Map<string, ApiKeyGrant>, entry: KvWatchEntry) => {
    if (entry.operation !== 'PUT') {
      target.delete(entry.key);
      return;
    }
    const grant = parseGrant(entry);
    if (grant) {
      target.set(entry.key, grant);
      return;
    }
    // Refusing the key beats trusting the grant it had before.
    target.delete(entry.key);
    logger.warn({ bucket, revision: entry.revision }, 'skipped an API key grant that breaks the contract');
  };

  /** Watches the bucket afresh; the loaded copy replaces the previous one at once when its current values are in. */
  const load = async () => {
    const mine = ++generation;
    heartbeatAt = -Infinity;
    stopWatching?.();
    const kv = await new Kvm(nc).create(bucket, { history: 1, storage: StorageType.File, replicas });
    const watch = await kv.watch();
    stopWatching = () => watch.stop();
    if (closed || mine !== generation) return watch.stop();
    const next = new Map<string, ApiKeyGrant>();
    let isLoaded = false;
    let loaded!: () => void;
    const initialValuesLoaded = new Promise<void>((resolve) => (loaded = resolve));
    const markLoaded = () => {
      if (isLoaded || mine !== generation) return;
      isLoaded = true;
      grants = next;
      loaded();
    };
    void (async () => {
      for await (const entry of watch) {
        if (mine !== generation) break;
        if (entry.key === API_KEY_REGISTRY_HEARTBEAT_KEY) {
          // A heartbeat replayed while loading may be old: only one that arrives afterwards vouches for the copy.
          if (isLoaded && entry.operation === 'PUT') heartbeatAt = heartbeatTime(entry);
        } else {
          apply(next, entry);
        }
        if (entry.isUpdate) markLoaded();
      }
      loaded(); // closed while loading: nobody should wait for ready forever
      if (closed || mine !== generation) return;
      heartbeatAt = -Infinity;
      logger.error({ bucket }, 'the API key watch ended; partner keys are refused until it is reopened');
      setTimeout(reload, REOPEN_DELAY_MS).unref();
    })();
    // An empty bucket sends nothing at all, which the status read after the watch started reveals.
    if ((await kv.status()).values === 0) markLoaded();
    await initialValuesLoaded;
  };

  const reload = () => {
    if (closed || !connected) return;
    load().catch((error: unknown) => {
      logger.warn({ err: error, bucket }, 'cannot reload the API key registry; retrying');
      setTimeout(reload, REOPEN_DELAY_MS).unref();
    });
  };

  // Distrust on disconnect, at once; reload on reconnect. The status iterator ends when the connection closes.
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        connected = false;
        heartbeatAt = -Infinity;
        logger.warn({ bucket }, 'NATS disconnected: partner keys are refused until the API key registry is reloaded');
      } else if (status.type === 'reconnect') {
        connected = true;
        reload();
      }
    }
  })();

  const ready = load();

  return {
    ready,
    lookup(secret) {
      // Only well-formed secrets are hashed: junk in the header costs nothing.
      if (!API_KEY_PATTERN.test(secret)) return undefined;
      const grant = grants.get(apiKeyLookupKey(secret));
      if (grant?.expiresAt && Date.parse(grant.expiresAt) <= Date.now()) return undefined;
      return grant;
    },
    isTrusted: () => !closed && connected && !nc.isClosed() && performance.now() - heartbeatAt <= staleMs,
    close() {
      closed = true;
      stopWatching?.();
    },
  };
}

/**
 * When a heartbeat vouches from, on performance.now()'s scale: when it arrived, less its age when it did. A watch can
 * lag — a consumer placed on a NATS node still catching up after a restart delivers, in order, entries written
 * seconds ago — and an old heartbeat arriving now vouches for nothing written since it was written: so its age counts
 * from the time organization wrote into it. A value from a clock ahead of ours (or unreadable) counts as written on
 * arrival. The bound thus assumes organization's and the gateway's hosts keep time together (NTP), as it says in
 * docs/security.md, "Partner keys and roles fail closed".
 */
function heartbeatTime(entry: KvWatchEntry): number {
  const writtenAt = Date.parse(entry.string());
  const age = Number.isFinite(writtenAt) ? Math.max(0, Date.now() - writtenAt) : 0;
  return performance.now() - age;
}

function parseGrant(entry: KvWatchEntry): ApiKeyGrant | undefined {
  try {
    const grant = apiKeyGrantSchema.safeParse(JSON.parse(entry.string()));
    return grant.success ? grant.data : undefined;
  } catch {
    return undefined;
  }
}
