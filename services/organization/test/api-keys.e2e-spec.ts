import {
  API_KEY_PATTERN,
  apiKeyBucketName,
  apiKeyGrantSchema,
  apiKeyLookupKey,
  apiKeyUsed,
  eventSubject,
} from '@gongzhi/contracts';
import { ManualClock, NatsConnectionProvider } from '@gongzhi/platform';
import { partnerActor, personActor, testEventsNamespace, waitFor, within } from '@gongzhi/testing';
import { Kvm } from '@nats-io/kv';
import { Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { ApiKeyRegistry } from '../src/api-keys/api-key-registry';
import { OrganizationUnderTest, dataOf, errorCodes, startOrganizationBehindGateway } from './organization.harness';

const ISSUE = `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { secret apiKey { id prefix lastFour scopes status } } }`;
const ROTATE = `mutation($id: ID!, $seconds: Int) { rotateApiKey(input: { apiKeyId: $id, overlapSeconds: $seconds }) { secret apiKey { id status } previousApiKey { id status } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) { apiKey { id status revokedAt } } }`;
const LIST = `query($id: ID!) { partnerUnit(id: $id) { apiKeys { totalCount edges { node { id prefix lastFour scopes status requestCount lastUsedAt } } } } }`;

/** The most points a minute a key may be granted in this file (the default, 100,000, would take 501). */
const CEILING = 500;

/** 苏州园区物业服务有限公司's keys, from issue to revocation, as its community and the gateways' registry see them. */
describe('partner API keys', () => {
  let org: OrganizationUnderTest;
  const id = {
    songyuan: new Types.ObjectId(),
    meisong: new Types.ObjectId(),
    longhui: new Types.ObjectId(),
    property: new Types.ObjectId(),
    university: new Types.ObjectId(),
  };
  const secretary = personActor('oidc|沈秀英', 'COMMUNITY_SECRETARY', within({ communityIds: [String(id.songyuan)] }));
  const otherStreet = personActor('oidc|东渚-顾', 'STREET_STAFF', within({ communityIds: [String(id.longhui)] }));
  const gridWorker = personActor('oidc|周海燕', 'GRID_WORKER', within({ communityIds: [String(id.songyuan)] }));
  const property = partnerActor(String(id.property), ['facilities:gate-events:write'], [String(id.songyuan)]);
  const university = partnerActor(String(id.university), ['deliberation:motions:read'], [String(id.longhui)]);
  const keys: Record<string, { id: string; secret: string }> = {};
  const clock = new ManualClock();

  const kv = async () =>
    new Kvm(await org.app.get(NatsConnectionProvider).connection()).create(apiKeyBucketName(testEventsNamespace()), {
      history: 1,
    });
  /** The grant gateways see under a secret, or null once the key is withdrawn. */
  const grantOf = async (secret: string) => {
    const entry = await (await kv()).get(apiKeyLookupKey(secret));
    return entry?.operation === 'PUT' ? apiKeyGrantSchema.parse(entry.json()) : null;
  };
  const list = async (actor = secretary) => await org.callSubgraph(LIST, { id: String(id.property) }, actor);

  beforeAll(async () => {
    // The sweep runs only when a test asks for it; the operator grants keys at most 500 points a minute here.
    org = await startOrganizationBehindGateway(
      { API_KEY_REGISTRY_SWEEP_SECONDS: '3600', API_KEY_MAX_RATE_LIMIT_PER_MINUTE: String(CEILING) },
      { clock },
    );
    const days = (n: number) => new Date(Date.now() + n * 86_400_000);
    await org.connection.collection('communities').insertMany([
      { _id: id.songyuan, name: '淞源社区', street: '斜塘街道', city: '苏州市 苏州工业园区' },
      { _id: id.meisong, name: '梅淞社区', street: '斜塘街道', city: '苏州市 苏州工业园区' },
      { _id: id.longhui, name: '龙惠社区', street: '东渚街道', city: '苏州市 苏州高新区' },
    ]);
    const agreement = (communityId: Types.ObjectId, validFrom: Date, validUntil: Date) => ({
      _id: new Types.ObjectId(),
      communityId,
      validFrom,
      validUntil,
      scope: '小区物业服务与三方议事',
    });
    await org.connection.collection('partner_units').insertMany([
      // In force with 淞源社区; the agreement with 梅淞社区 has lapsed.
      {
        _id: id.property,
        name: '苏州园区物业服务有限公司',
        kind: 'PROPERTY_COMPANY',
        agreements: [agreement(id.songyuan, days(-400), days(300)), agreement(id.meisong, days(-900), days(-30))],
        resourcesOffered: [],
        needsRaised: [],
      },
      {
        _id: id.university,
        name: '苏州大学',
        kind: 'UNIVERSITY',
        agreements: [agreement(id.longhui, days(-100), days(600))],
        resourcesOffered: [],
        needsRaised: [],
      },
    ]);
  });
  afterAll(() => org?.stop());

  it("issues a key whose grant reaches the gateways' registry with the partner's communities, and stores no secret", async () => {
    const input = {
      partnerUnitId: String(id.property),
      scopes: ['facilities:gate-events:write', 'facilities:lamps:read'],
      rateLimitPerMinute: 120,
    };
    const { issueApiKey } = dataOf(await org.callSubgraph(ISSUE, { input }, secretary));
    const { secret, apiKey } = issueApiKey;
    keys.first = { id: apiKey.id, secret };
    expect(secret).toMatch(API_KEY_PATTERN);
    expect(apiKey).toEqual({
      id: expect.any(String),
      prefix: 'gz_live_',
      lastFour: secret.slice(-4),
      scopes: input.scopes,
      status: 'ACTIVE',
    });

    await waitFor(async () => (await grantOf(secret)) !== null, 'the grant in the registry');
    expect(await grantOf(secret)).toEqual({
      keyId: apiKey.id,
      partnerUnitId: String(id.property),
      partnerName: '苏州园区物业服务有限公司',
      scopes: input.scopes,
      communityIds: [String(id.songyuan)],
      expiresAt: null,
      rateLimitPerMinute: 120,
    });

    // Neither the secret nor its random part is anywhere in the database: keys, events or otherwise.
    const body = secret.slice('gz_live_'.length);
    for (const { name } of await org.connection.db!.listCollections().toArray()) {
      const everything = JSON.stringify(await org.connection.collection(name).find().toArray());
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(body);
    }
    expect(
      await org.connection
        .collection('outbox')
        .countDocuments({ 'envelope.type': 'partner.api-key.issued', 'envelope.payload.keyId': apiKey.id }),
    ).toBe(1);
    expect(
      errorCodes(
        await org.callSubgraph(ISSUE, { input: { ...input, scopes: ['organization:everything'] } }, secretary),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('lists the keys to staff of its communities and to the partner itself, to nobody else', async () => {
    const { apiKeys } = dataOf(await list()).partnerUnit;
    expect(apiKeys).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            id: keys.first.id,
            prefix: 'gz_live_',
            lastFour: keys.first.secret.slice(-4),
            scopes: ['facilities:gate-events:write', 'facilities:lamps:read'],
            status: 'ACTIVE',
            requestCount: 0,
            lastUsedAt: null,
          },
        },
      ],
    });
    expect(dataOf(await list(property)).partnerUnit.apiKeys).toEqual(apiKeys);
    for (const outsider of [university, otherStreet, gridWorker]) {
      const refused = await list(outsider);
      expect(refused.data).toEqual({ partnerUnit: { apiKeys: null } });
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    }
    const input = { partnerUnitId: String(id.property), scopes: ['facilities:lamps:read'] };
    expect(errorCodes(await org.callSubgraph(ISSUE, { input }, property))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await org.callSubgraph(ISSUE, { input }, otherStreet))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await org.graphql(ISSUE, { input }))).toEqual(['UNAUTHENTICATED']);
  });

  it('follows a newly signed agreement into the grant, through the event consumer', async () => {
    const SIGN = `mutation($input: SignCoBuildingAgreementInput!) { signCoBuildingAgreement(input: $input) { partnerUnit { id } } }`;
    const today = new Date().toISOString().slice(0, 10);
    dataOf(
      await org.callSubgraph(SIGN, {
        input: {
          partnerUnitId: String(id.property),
          communityId: String(id.meisong),
          validFrom: today,
          validUntil: '2029-12-31',
          scope: '续签：小区物业服务',
        },
      }),
    );
    await waitFor(
      async () => (await grantOf(keys.first.secret))?.communityIds.length === 2,
      'the renewed community in the grant',
    );
    expect((await grantOf(keys.first.secret))!.communityIds.sort()).toEqual(
      [String(id.songyuan), String(id.meisong)].sort(),
    );
  });

  it('lets the partner rotate its own key: both work until the overlap ends', async () => {
    const rotated = dataOf(await org.callSubgraph(ROTATE, { id: keys.first.id, seconds: 7200 }, property)).rotateApiKey;
    keys.second = { id: rotated.apiKey.id, secret: rotated.secret };
    expect(rotated.apiKey.status).toBe('ACTIVE');
    expect(rotated.previousApiKey).toEqual({ id: keys.first.id, status: 'EXPIRING' });
    await waitFor(
      async () => (await grantOf(keys.first.secret))?.expiresAt != null && (await grantOf(keys.second.secret)) !== null,
      'both keys in the registry',
    );
    const overlapEndsAt = Date.parse((await grantOf(keys.first.secret))!.expiresAt!);
    expect(Math.abs(overlapEndsAt - (Date.now() + 2 * 3_600_000))).toBeLessThan(60_000);
    expect(await grantOf(keys.second.secret)).toMatchObject({
      keyId: keys.second.id,
      expiresAt: null,
      scopes: ['facilities:gate-events:write', 'facilities:lamps:read'],
      rateLimitPerMinute: 120,
    });

    expect(dataOf(await list()).partnerUnit.apiKeys.edges.map(({ node }: any) => [node.id, node.status])).toEqual([
      [keys.second.id, 'ACTIVE'],
      [keys.first.id, 'EXPIRING'],
    ]);
    expect(errorCodes(await org.callSubgraph(ROTATE, { id: keys.first.id }, property))).toEqual([
      'API_KEY.ILLEGAL_STEP',
    ]);
    expect(errorCodes(await org.callSubgraph(ROTATE, { id: keys.second.id }, university))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await org.callSubgraph(ROTATE, { id: keys.second.id, seconds: 8 * 24 * 3600 }, property)),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('withdraws a revoked key from the registry within 2 seconds', async () => {
    expect(errorCodes(await org.callSubgraph(REVOKE, { id: keys.second.id }, university))).toEqual(['FORBIDDEN']);
    const revokedAt = Date.now();
    const revoked = dataOf(await org.callSubgraph(REVOKE, { id: keys.second.id }, property)).revokeApiKey.apiKey;
    expect(revoked).toMatchObject({ id: keys.second.id, status: 'REVOKED' });
    await waitFor(
      async () => (await grantOf(keys.second.secret)) === null,
      'the revoked key to leave the registry',
      2_000,
    );
    expect(Date.now() - revokedAt).toBeLessThan(2_000);
    // Revoking again changes nothing and records no second event.
    expect(
      dataOf(await org.callSubgraph(REVOKE, { id: keys.second.id }, secretary)).revokeApiKey.apiKey.revokedAt,
    ).toBe(revoked.revokedAt);
    expect(
      await org.connection.collection('outbox').countDocuments({ 'envelope.type': 'partner.api-key.revoked' }),
    ).toBe(1);
  });

  it('ends an overlap that is over on the service’s clock, and drops what the database does not know, at the sweep', async () => {
    clock.advance(3); // past the 2-hour overlap of the rotation
    await (await kv()).put('0'.repeat(64), '{}');
    await org.app.get(ApiKeyRegistry).reconcile();
    expect(await grantOf(keys.first.secret)).toBeNull();
    expect(await (await kv()).get('0'.repeat(64))).toMatchObject({ operation: 'DEL' });
    expect(dataOf(await list()).partnerUnit.apiKeys.edges.map(({ node }: any) => node.status)).toEqual([
      'REVOKED',
      'EXPIRED',
    ]);
  });

  it('counts the use the gateways report, whatever order their reports arrive in', async () => {
    const nc = await org.app.get(NatsConnectionProvider).connection();
    const report = (gateway: string, requests: number, lastUsedAt: string) => {
      const payload = {
        keyId: keys.first.id,
        partnerUnitId: String(id.property),
        requests,
        rateLimited: 0,
        firstUsedAt: '2026-11-20T08:00:00.000Z',
        lastUsedAt,
        gateway,
      };
      const envelope = {
        id: randomUUID(),
        type: apiKeyUsed.type,
        version: apiKeyUsed.version,
        occurredAt: new Date().toISOString(),
        source: 'gateway',
        payload,
      };
      nc.publish(eventSubject(testEventsNamespace(), apiKeyUsed.type), JSON.stringify(envelope));
    };
    report('gateway-1', 5, '2026-11-20T08:05:00.000Z');
    report('gateway-2', 3, '2026-11-20T08:03:00.000Z');
    await waitFor(
      async () =>
        (await org.connection.collection('api_keys').findOne({ _id: new Types.ObjectId(keys.first.id) }))!
          .requestCount === 8,
      'both reports counted',
    );
    const [, first] = dataOf(await list(property)).partnerUnit.apiKeys.edges;
    expect(first.node).toMatchObject({ requestCount: 8, lastUsedAt: '2026-11-20T08:05:00.000Z' });
  });

  it("refuses a key more points a minute than the operator's ceiling, and grants one at it", async () => {
    const input = (rateLimitPerMinute: number) => ({
      partnerUnitId: String(id.university),
      scopes: ['deliberation:motions:read'],
      rateLimitPerMinute,
    });
    const keysOfUniversity = () =>
      org.connection.collection('api_keys').countDocuments({ partnerUnitId: id.university });
    const above = await org.callSubgraph(ISSUE, { input: input(CEILING + 1) }, otherStreet);
    expect(errorCodes(above)).toEqual(['API_KEY.INVALID_RATE_LIMIT']);
    expect(above.errors![0]).toMatchObject({
      message: `A key may be granted at most ${CEILING} points a minute (rateLimitPerMinute), not ${CEILING + 1}`,
      extensions: { field: 'rateLimitPerMinute', max: CEILING },
    });
    expect(await keysOfUniversity()).toBe(0);
    // Below 1 stays the input's own rule.
    expect(errorCodes(await org.callSubgraph(ISSUE, { input: input(0) }, otherStreet))).toEqual(['BAD_USER_INPUT']);

    const { secret } = dataOf(await org.callSubgraph(ISSUE, { input: input(CEILING) }, otherStreet)).issueApiKey;
    expect(await keysOfUniversity()).toBe(1);
    await waitFor(async () => (await grantOf(secret)) !== null, 'the grant at the ceiling in the registry');
    expect(await grantOf(secret)).toMatchObject({ partnerUnitId: String(id.university), rateLimitPerMinute: CEILING });
  });
});
