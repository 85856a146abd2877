import { apiKeyBucketName, apiKeyLookupKey } from '@gongzhi/contracts';
import { NatsConnectionProvider } from '@gongzhi/platform';
import { startDedicatedNats, testEventsNamespace, waitFor } from '@gongzhi/testing';
import { Kvm } from '@nats-io/kv';
import { Types } from 'mongoose';
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
    org = await startOrganizationBehindGateway({ NATS_URL: nats.url });
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
});
