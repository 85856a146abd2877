import { API_KEY_REGISTRY_HEARTBEAT_KEY, apiKeyBucketName, apiKeyLookupKey } from '@gongzhi/contracts';
import { NatsConnectionProvider } from '@gongzhi/platform';
import { startDedicatedNats, testEventsNamespace, waitFor } from '@gongzhi/testing';
import { Kvm } from '@nats-io/kv';
import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import { ApiKeyRegistry } from '../src/api-keys/api-key-registry';
import { OrganizationUnderTest, dataOf, startOrganizationBehindGateway } from './organization.harness';

const ISSUE = `mutation($p: ID!) { issueApiKey(input: { partnerUnitId: $p, scopes: ["facilities:lamps:read"] }) { secret apiKey { id } } }`;

/** Keys change while NATS is away: the mutations succeed, and the registry is right again once NATS is back. */
describe('partner API keys across a NATS outage', () => {
  let nats: Awaited<ReturnType<typeof startDedicatedNats>>;
  let org: OrganizationUnderTest;
  const partnerUnitId = String(new Types.ObjectId());

  beforeAll(async () => {
    nats = await startDedicatedNats();
    await nats.stop();
    // No periodic sweep during the tests: each says when the registry reconciles (a reconnection, or reconcile()).
    org = await startOrganizationBehindGateway({ NATS_URL: nats.url, API_KEY_REGISTRY_SWEEP_SECONDS: '3600' });
    await org.connection.collection('partner_units').insertOne({
      _id: new Types.ObjectId(partnerUnitId),
      name: '苏州园区物业服务有限公司',
      kind: 'PROPERTY_COMPANY',
      agreements: [],
    });
  });
  afterAll(async () => {
    await org?.stop();
    await nats?.stop();
  });

  const provider = () => org.app.get(NatsConnectionProvider);
  const published = async (secret: string) => {
    const kv = await new Kvm(await provider().connection()).create(apiKeyBucketName(testEventsNamespace()), {
      history: 1,
    });
    return (await kv.get(apiKeyLookupKey(secret)))?.operation === 'PUT';
  };
  const issue = async () =>
    dataOf(await org.callSubgraph(ISSUE, { p: partnerUnitId })).issueApiKey as {
      secret: string;
      apiKey: { id: string };
    };

  it('issues and revokes without NATS, and publishes exactly the usable keys when it is back — even to a server that lost its storage', async () => {
    const issuedDuringOutage = await issue();
    await nats.restart();
    await waitFor(
      () => published(issuedDuringOutage.secret),
      'the key issued during the outage to be published',
      30_000,
    );

    await nats.stop(); // and its store with it
    await waitFor(() => !provider().isConnected(), 'the disconnect to be noticed');
    dataOf(
      await org.callSubgraph(`mutation($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) { apiKey { id } } }`, {
        id: issuedDuringOutage.apiKey.id,
      }),
    );
    const issuedLater = await issue();

    await nats.restart();
    await waitFor(() => published(issuedLater.secret), 'the second key to be published', 30_000);
    expect(await published(issuedDuringOutage.secret)).toBe(false);
  });

  it('tells no gateway the registry is in sync while a revocation committed anywhere has not reached it', async () => {
    await waitFor(() => provider().isConnected(), 'NATS to be back');
    const key = await issue();
    await waitFor(() => published(key.secret), 'the key to be published', 30_000);
    // The registry's consumer also handles the key's issue event, and settles the row it reads: handled after the
    // stand-in revocation below, it would legitimately write it to the bucket and resume the heartbeat. Wait for it.
    const issued = await org.connection
      .collection('outbox')
      .findOne({ 'envelope.type': 'partner.api-key.issued', 'envelope.payload.keyId': key.apiKey.id });
    expect(issued).not.toBeNull();
    await waitFor(
      async () =>
        Boolean(
          await org.connection
            .collection('processed_events')
            .findOne({ consumer: 'organization-api-key-registry', eventId: issued!.envelope.id }),
        ),
      "the registry's consumer to handle the key's issue",
      30_000,
    );
    const heartbeat = async () => {
      const kv = await new Kvm(await provider().connection()).open(apiKeyBucketName(testEventsNamespace()));
      return (await kv.get(API_KEY_REGISTRY_HEARTBEAT_KEY))?.revision ?? 0;
    };
    const before = await heartbeat();
    await waitFor(async () => (await heartbeat()) > before, 'the heartbeat to beat', 10_000);

    // What another organization replica leaves behind when it commits a revocation and loses NATS before its write
    // to the bucket (and before its outbox relay publishes the event): the row says revoked, the bucket still has it.
    await org.connection
      .collection('api_keys')
      .updateOne(
        { _id: new Types.ObjectId(key.apiKey.id) },
        { $set: { revokedAt: new Date(), registryPending: true }, $inc: { registryVersion: 1 } },
      );
    await sleep(1_000); // a heartbeat already on its way may still land
    const silentFrom = await heartbeat();
    await sleep(2_000); // four heartbeat intervals
    expect(await heartbeat()).toBe(silentFrom);
    expect(await published(key.secret)).toBe(true);

    // Any replica's reconcile (the sweep, or a reconnection) writes the revocation; then the heartbeat resumes.
    await org.app.get(ApiKeyRegistry).reconcile();
    expect(await published(key.secret)).toBe(false);
    expect(await org.connection.collection('api_keys').countDocuments({ registryPending: true })).toBe(0);
    await waitFor(async () => (await heartbeat()) > silentFrom, 'the heartbeat to resume', 10_000);
  });
});
