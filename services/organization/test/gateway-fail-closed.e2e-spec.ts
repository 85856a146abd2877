import {
  type GatewaysInFront,
  startDedicatedNats,
  startGatewaysInFront,
  testDatabaseName,
  testMongoUri,
  waitFor,
} from '@gongzhi/testing';
import { Types } from 'mongoose';
import { OrganizationUnderTest, dataOf, errorCodes, startOrganizationBehindGateway } from './organization.harness';

const ISSUE = `mutation($p: ID!, $limit: Int) { issueApiKey(input: { partnerUnitId: $p, scopes: ["organization:households:read"], rateLimitPerMinute: $limit }) { secret apiKey { id } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) { apiKey { status } } }`;
/** A community's name and the number of its households: one node, the cheapest question a partner asks. */
const COMMUNITY = `query($id: ID!) { community(id: $id) { name } }`;

/**
 * Issue 12's "fail closed" and issue 13's cost model, through two gateway replicas in front of organization, with a
 * NATS server of this file's own that the test stops: a partner key the gateways cannot vouch for is never served,
 * a key's limit holds across replicas, and a tree view of 社区 → 小区 → 楼栋 at the default page size is answered.
 */
describe('the gateway fails closed', () => {
  let nats: Awaited<ReturnType<typeof startDedicatedNats>>;
  let org: OrganizationUnderTest;
  let gw: GatewaysInFront;
  const partnerUnitId = new Types.ObjectId();
  const songyuan = new Types.ObjectId();

  beforeAll(async () => {
    nats = await startDedicatedNats();
    org = await startOrganizationBehindGateway({ NATS_URL: nats.url });
    await org.connection
      .collection('communities')
      .insertOne({ _id: songyuan, name: '淞源社区', street: '斜塘街道', city: '苏州市 苏州工业园区' });
    const days = (n: number) => new Date(Date.now() + n * 86_400_000);
    await org.connection.collection('partner_units').insertOne({
      _id: partnerUnitId,
      name: '苏州园区物业服务有限公司',
      kind: 'PROPERTY_COMPANY',
      agreements: [
        {
          _id: new Types.ObjectId(),
          communityId: songyuan,
          validFrom: days(-100),
          validUntil: days(300),
          scope: '物业服务进小区',
        },
      ],
      resourcesOffered: [],
      needsRaised: [],
    });
    gw = await startGatewaysInFront(org, [], {
      NATS_URL: nats.url,
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: testDatabaseName('gateway'),
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await org?.stop();
    await nats?.stop();
  });

  const issue = async (limit?: number) => {
    const { secret, apiKey } = dataOf(await org.callSubgraph(ISSUE, { p: String(partnerUnitId), limit: limit ?? null }))
      .issueApiKey as { secret: string; apiKey: { id: string } };
    for (const replica of [0, 1]) {
      await waitFor(
        async () => (await gw.post(COMMUNITY, { id: String(songyuan) }, gw.asPartner(secret), replica)).status === 200,
        `the key to reach replica ${replica}`,
        10_000,
      );
    }
    return { secret, keyId: apiKey.id };
  };

  describe('a tree of 社区 → 小区 → 楼栋', () => {
    // As a frontend writes it, with the page sizes spelled out (20 is every list's default)...
    const TREE = `{ communities(first: 20) { edges { node { name compounds(first: 20) { edges { node { name buildings(first: 20) { edges { node { name } } } } } } } } } }`;
    // ...and with them in variables, which the static cost rule of main did not see at all.
    const TREE_OF = `query($n: Int!) { communities(first: $n) { edges { node { name compounds(first: $n) { edges { node { name buildings(first: $n) { edges { node { name } } } } } } } } } }`;

    it('at the default page size (20 × 20 × 20 buildings) is answered and reports what it cost', async () => {
      const { status, body } = await gw.post(TREE);
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
      expect(body.data.communities.edges).toEqual([{ node: { name: '淞源社区', compounds: { edges: [] } } }]);
      // 20 communities + 20 × 20 compounds + 20 × 20 × 20 buildings: the nodes it could return, as GitHub counts.
      expect((body as any).extensions.cost).toEqual({
        requestedQueryCost: 8_420,
        actualQueryCost: 1,
        maximumQueryCost: 10_000,
      });
    });

    it('beyond 10,000 nodes is refused with the figure', async () => {
      expect((await gw.post(TREE_OF, { n: 20 })).status).toBe(200);
      const { status, body } = await gw.post(TREE_OF, { n: 25 }); // 25 + 625 + 15,625
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'QUERY_TOO_COSTLY', cost: 16_275, maxCost: 10_000 }),
        }),
      ]);
      expect(body.errors![0].message).toMatch(/16275 .*10000/);
    });

    it('costs a partner key points, and tells it how many are left', async () => {
      const { secret } = await issue(10_000);
      const { body } = await gw.post(TREE, {}, gw.asPartner(secret));
      expect(body.errors).toBeUndefined();
      expect((body as any).extensions.cost).toEqual(
        expect.objectContaining({
          requestedQueryCost: 8_420,
          throttleStatus: {
            maximumAvailable: 10_000,
            currentlyAvailable: 1_578,
            restoreRate: 166.67,
            resetAt: expect.any(String),
          },
        }),
      );
      const again = await gw.post(TREE, {}, gw.asPartner(secret), 1);
      expect(again.status).toBe(429);
      expect(errorCodes(again.body)).toEqual(['RATE_LIMITED']);
    });
  });

  it("holds a key's limit across replicas: requests alternated between two gateways get the limit, not twice it", async () => {
    const limit = 30;
    const { secret } = await issue(limit);
    // issue() spent one point on each replica to see the key arrive.
    let accepted = 2;
    for (let i = 0; i < 2 * limit; i++) {
      const { status } = await gw.post(COMMUNITY, { id: String(songyuan) }, gw.asPartner(secret), i % 2);
      if (status === 200) accepted++;
      else expect(status).toBe(429);
    }
    expect(accepted).toBeGreaterThanOrEqual(limit * 0.9);
    expect(accepted).toBeLessThanOrEqual(limit * 1.1);
  });

  it('refuses a key revoked while NATS is down on both replicas within 2 s, and serves keys again once NATS is back', async () => {
    const revoked = await issue();
    const kept = await issue();
    await nats.stop();
    dataOf(await org.callSubgraph(REVOKE, { id: revoked.keyId }));
    const start = Date.now();
    const refusedOn = async (replica: number) => {
      await waitFor(
        async () =>
          (await gw.post(COMMUNITY, { id: String(songyuan) }, gw.asPartner(revoked.secret), replica)).status !== 200,
        `replica ${replica} to refuse`,
        10_000,
      );
      return Date.now() - start;
    };
    const [a, b] = await Promise.all([refusedOn(0), refusedOn(1)]);
    expect(Math.max(a, b)).toBeLessThan(2_000);
    // It cannot tell a revoked key from a good one while its copy is stale: it says so, with 503 and a code of its own.
    const outage = await gw.post(COMMUNITY, { id: String(songyuan) }, gw.asPartner(kept.secret));
    expect(outage.status).toBe(503);
    expect(errorCodes(outage.body)).toEqual(['API_KEYS_UNAVAILABLE']);
    expect(outage.headers['retry-after']).toBeDefined();
    // People and anonymous callers do not depend on the key registry.
    expect((await gw.post(COMMUNITY, { id: String(songyuan) })).status).toBe(200);

    await nats.restart();
    for (const replica of [0, 1]) {
      await waitFor(
        async () =>
          (await gw.post(COMMUNITY, { id: String(songyuan) }, gw.asPartner(kept.secret), replica)).status === 200,
        `replica ${replica} to trust its registry again`,
        30_000,
      );
      const after = await gw.post(COMMUNITY, { id: String(songyuan) }, gw.asPartner(revoked.secret), replica);
      expect(after.status).toBe(401);
    }
  });
});
