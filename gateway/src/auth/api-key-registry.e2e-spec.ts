import { randomBytes } from 'node:crypto';
import {
  API_KEY_REGISTRY_HEARTBEAT_KEY,
  type ApiKeyGrant,
  apiKeyBucketName,
  apiKeyLookupKey,
} from '@gongzhi/contracts';
import { Kvm, type KV } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { testEventsNamespace, testNatsUrl, waitFor } from '@gongzhi/testing';
import pino from 'pino';
import { memoryLogger } from '../testing/auth.fixture';
import { type ApiKeyRegistry, openApiKeyRegistry } from './api-key-registry';
import type { NatsConnection } from './nats-connection';

const newSecret = () => `gz_live_${randomBytes(32).toString('base64url')}`;

const grantFor = (keyId: string, changes: Partial<ApiKeyGrant> = {}): ApiKeyGrant => ({
  keyId,
  partnerUnitId: 'pu-苏州园区物业',
  partnerName: '苏州园区物业服务有限公司',
  scopes: ['facilities:lamps:read', 'facilities:lamps:write'],
  communityIds: ['c-淞源社区'],
  expiresAt: null,
  rateLimitPerMinute: null,
  ...changes,
});

/** Organization's side: it writes the bucket, the gateway only reads it. */
const issue = (kv: KV, secret: string, grant: ApiKeyGrant) => kv.put(apiKeyLookupKey(secret), JSON.stringify(grant));

describe('openApiKeyRegistry (real NATS KV)', () => {
  const namespace = testEventsNamespace();
  const logger = pino({ level: 'silent' });
  let nc: NatsConnection;
  let kv: KV;
  const registries: ApiKeyRegistry[] = [];
  const open = async (staleMs?: number) => {
    const registry = openApiKeyRegistry({ nc, namespace, logger, staleMs });
    registries.push(registry);
    await registry.ready;
    return registry;
  };

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    // An external NATS_URL keeps buckets between runs: start from none.
    await (await new Kvm(nc).open(apiKeyBucketName(namespace))).destroy().catch(() => undefined);
  });
  afterAll(async () => {
    for (const registry of registries) registry.close();
    await nc.close();
  });

  it('is ready on a bucket nobody has written yet, and creates it', async () => {
    const gateway = await open();
    expect(gateway.lookup(newSecret())).toBeUndefined();
    kv = await new Kvm(nc).open(apiKeyBucketName(namespace));
    expect((await kv.status()).history).toBe(1);
  });

  it('has the keys issued before it started as soon as it is ready', async () => {
    const secret = newSecret();
    await issue(kv, secret, grantFor('k-before-start'));
    const gateway = await open();
    expect(gateway.lookup(secret)).toEqual(grantFor('k-before-start'));
  });

  it('shows an issued key to every replica, and stops every replica accepting it within 2 s of its deletion', async () => {
    const [replicaA, replicaB] = await Promise.all([open(), open()]);
    const secret = newSecret();
    await issue(kv, secret, grantFor('k-replicas'));
    await waitFor(
      () => replicaA.lookup(secret) !== undefined && replicaB.lookup(secret) !== undefined,
      'both replicas see the key',
    );
    expect(replicaB.lookup(secret)).toEqual(grantFor('k-replicas'));

    const revokedAt = Date.now();
    await kv.delete(apiKeyLookupKey(secret));
    await waitFor(
      () => replicaA.lookup(secret) === undefined && replicaB.lookup(secret) === undefined,
      'both replicas refuse the key',
      5_000,
    );
    expect(Date.now() - revokedAt).toBeLessThan(2_000);

    const purged = newSecret();
    await issue(kv, purged, grantFor('k-purged'));
    await waitFor(() => replicaA.lookup(purged) !== undefined, 'the key to purge arrives');
    await kv.purge(apiKeyLookupKey(purged));
    await waitFor(() => replicaA.lookup(purged) === undefined, 'a purged key is refused');
  });

  it('refuses a rotated key once its overlap has ended, and accepts it until then', async () => {
    const gateway = await open();
    const [ended, overlapping, successor] = [newSecret(), newSecret(), newSecret()];
    await issue(kv, ended, grantFor('k-rotated-yesterday', { expiresAt: new Date(Date.now() - 60_000).toISOString() }));
    await issue(
      kv,
      overlapping,
      grantFor('k-rotated-today', { expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
    );
    await issue(kv, successor, grantFor('k-current'));
    // The bucket's order holds: once the last put is seen, so are the two before it.
    await waitFor(() => gateway.lookup(successor) !== undefined, 'the successor key arrives');
    expect(gateway.lookup(ended)).toBeUndefined();
    expect(gateway.lookup(overlapping)?.keyId).toBe('k-rotated-today');
  });

  it('skips values that break the contract, logging them, and refuses a malformed secret even when the bucket has it', async () => {
    const { logger: watchedLogger, logs } = memoryLogger();
    const gateway = openApiKeyRegistry({ nc, namespace, logger: watchedLogger });
    registries.push(gateway);
    await gateway.ready;
    const [notJson, offContract, spoiled, valid] = [newSecret(), newSecret(), newSecret(), newSecret()];
    await issue(kv, spoiled, grantFor('k-spoiled'));
    await kv.put(apiKeyLookupKey(notJson), '{not json');
    await kv.put(apiKeyLookupKey(offContract), JSON.stringify({ keyId: 'k-half', scopes: 'all' }));
    await kv.put(apiKeyLookupKey(spoiled), 'null');
    // Well-formed in the bucket, but not a key's shape: only the pattern check keeps it out.
    await issue(kv, 'gz_live_short', grantFor('k-malformed'));
    await issue(kv, valid, grantFor('k-valid'));
    await waitFor(() => gateway.lookup(valid) !== undefined, 'the valid key arrives');
    expect([notJson, offContract, spoiled, 'gz_live_short'].map((secret) => gateway.lookup(secret))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(logs.filter((line) => line.msg === 'skipped an API key grant that breaks the contract')).toHaveLength(3);
    expect(JSON.stringify(logs)).not.toContain(apiKeyLookupKey(spoiled));
  });

  it("vouches for its copy only while organization's heartbeat keeps arriving after it loaded, and never for a heartbeat it replayed", async () => {
    const beat = () => kv.put(API_KEY_REGISTRY_HEARTBEAT_KEY, new Date().toISOString());
    await beat();
    const gateway = await open(600);
    // The heartbeat in the bucket may be hours old: loading it proves nothing.
    expect(gateway.isTrusted()).toBe(false);
    await beat();
    await waitFor(() => gateway.isTrusted(), 'a fresh heartbeat to be trusted');
    // The heartbeat is not a key, whatever is sent.
    expect(gateway.lookup(API_KEY_REGISTRY_HEARTBEAT_KEY)).toBeUndefined();
    const stoppedAt = Date.now();
    await waitFor(() => !gateway.isTrusted(), 'the copy to go stale', 5_000);
    expect(Date.now() - stoppedAt).toBeLessThan(1_500);
    await beat();
    await waitFor(() => gateway.isTrusted(), 'trust to return with the heartbeat');
    gateway.close();
    expect(gateway.isTrusted()).toBe(false);
  });

  it('is not vouched for by a heartbeat that arrives late: a lagging watch delivers old entries in order', async () => {
    const gateway = await open(600);
    // What a watch on a NATS node still catching up delivers: a heartbeat organization wrote two seconds ago.
    await kv.put(API_KEY_REGISTRY_HEARTBEAT_KEY, new Date(Date.now() - 2_000).toISOString());
    await kv.put(API_KEY_REGISTRY_HEARTBEAT_KEY, new Date(Date.now() - 2_000).toISOString());
    await sleep(200);
    expect(gateway.isTrusted()).toBe(false);
    // One written 400 ms ago vouches for the 200 ms left of the 600 ms bound, and no longer.
    await kv.put(API_KEY_REGISTRY_HEARTBEAT_KEY, new Date(Date.now() - 400).toISOString());
    await waitFor(() => gateway.isTrusted(), 'a recent heartbeat to be trusted');
    const trustedAt = Date.now();
    await waitFor(() => !gateway.isTrusted(), 'the copy to go stale', 2_000);
    expect(Date.now() - trustedAt).toBeLessThan(400);
  });

  it('is not vouched for when no heartbeat arrives after it loaded, however long it waits', async () => {
    const gateway = await open(600);
    await sleep(700);
    expect(gateway.isTrusted()).toBe(false);
  });
});
