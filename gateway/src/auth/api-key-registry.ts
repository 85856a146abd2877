import { API_KEY_PATTERN, type ApiKeyGrant, apiKeyBucketName, apiKeyGrantSchema, apiKeyLookupKey } from '@gongzhi/contracts';
import { StorageType } from '@nats-io/jetstream';
import { type KvWatchEntry, Kvm } from '@nats-io/kv';
import type { Logger } from 'pino';
import type { NatsConnection } from './nats-connection';

export interface ApiKeyRegistryOptions {
  nc: NatsConnection;
  namespace: string;
  /** Copies JetStream keeps of the bucket, should this gateway be the first to create it (EVENTS_REPLICAS). */
  replicas?: number;
  logger: Logger;
}

export interface ApiKeyRegistry {
  /** The grant of a usable key; undefined for a malformed, unknown, revoked or expired one. */
  lookup(secret: string): ApiKeyGrant | undefined;
  /** Resolves once the bucket's current keys are loaded; rejects when the bucket cannot be opened. */
  ready: Promise<void>;
  /** Stops watching; the connection stays open (it is the caller's). */
  close(): void;
}

/**
 * The usable partner API keys, mirrored in memory from the KV bucket organization writes. Each replica watches the
 * bucket, so an issued, rotated or revoked key takes effect on every replica within moments, and a lookup never
 * waits on the network.
 */
export function openApiKeyRegistry({ nc, namespace, replicas = 1, logger }: ApiKeyRegistryOptions): ApiKeyRegistry {
  const bucket = apiKeyBucketName(namespace);
  const grants = new Map<string, ApiKeyGrant>();
  let closed = false;
  let stopWatching: (() => void) | undefined;

  const apply = (entry: KvWatchEntry) => {
    if (entry.operation !== 'PUT') {
      grants.delete(entry.key);
      return;
    }
    const grant = parseGrant(entry);
    if (grant) {
      grants.set(entry.key, grant);
      return;
    }
    // Refusing the key beats trusting the grant it had before.
    grants.delete(entry.key);
    logger.warn({ bucket, revision: entry.revision }, 'skipped an API key grant that breaks the contract');
  };

  const open = async () => {
    const kv = await new Kvm(nc).create(bucket, { history: 1, storage: StorageType.File, replicas });
    const watch = await kv.watch();
    stopWatching = () => watch.stop();
    if (closed) return watch.stop();
    // The watch marks the last of the bucket's current values (and everything after) as an update; an empty bucket
    // sends nothing at all, which the status read after the watch started reveals.
    let loaded!: () => void;
    const initialValuesLoaded = new Promise<void>((resolve) => (loaded = resolve));
    void (async () => {
      for await (const entry of watch) {
        apply(entry);
        if (entry.isUpdate) loaded();
      }
      if (!closed) logger.error({ bucket }, 'the API key watch ended; key changes no longer reach this gateway');
      loaded(); // closed while loading: nobody should wait for ready forever
    })();
    if ((await kv.status()).values === 0) loaded();
    await initialValuesLoaded;
  };
  const ready = open();

  return {
    ready,
    lookup(secret) {
      // Only well-formed secrets are hashed: junk in the header costs nothing.
      if (!API_KEY_PATTERN.test(secret)) return undefined;
      const grant = grants.get(apiKeyLookupKey(secret));
      if (grant?.expiresAt && Date.parse(grant.expiresAt) <= Date.now()) return undefined;
      return grant;
    },
    close() {
      closed = true;
      stopWatching?.();
    },
  };
}

function parseGrant(entry: KvWatchEntry): ApiKeyGrant | undefined {
  try {
    const grant = apiKeyGrantSchema.safeParse(JSON.parse(entry.string()));
    return grant.success ? grant.data : undefined;
  } catch {
    return undefined;
  }
}
