import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import {
  type Actor,
  type ApiKeyGrant,
  apiKeyBucketName,
  apiKeyLookupKey,
  eventSubject,
  PERSON_ACCESS_PATH,
} from '@gongzhi/contracts';
import { testEventsNamespace, testNatsUrl } from '@gongzhi/testing';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import express from 'express';
import { GraphQLError, parse } from 'graphql';
import { cacheControlPlugins } from '@gongzhi/platform';
import pino from 'pino';
import request from 'supertest';
import { createGateway, type Gateway } from './server';
import { composeSupergraph } from './supergraph/compose';
import { beatRegistryHeartbeat, startTestIdentityProvider, TEST_ISSUER } from './testing/auth.fixture';
import { testGatewayConfig } from './testing/gateway.fixture';
import { actorOf, COMMUNITIES, PEOPLE } from './testing/people.fixture';

/**
 * The response cache, end to end: two gateway replicas on one NATS in front of two small subgraphs whose answers
 * depend on who is asking (as the real ones' do) and which hint what may be kept (`@cacheControl`), as the real
 * subgraphs' Apollo servers send it in `Cache-Control`.
 */
const CACHE_CONTROL = /* GraphQL */ `
  directive @cacheControl(maxAge: Int, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;

const ORGANIZATION_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  ${CACHE_CONTROL}
  type Community @key(fields: "id") @cacheControl(maxAge: 30) {
    id: ID!
    name: String!
  }
  type Query {
    "The communities the caller may see: anonymous callers the published ones, others their jurisdiction's."
    communities: [Community!]! @cacheControl(maxAge: 30)
    "Not hinted: never kept."
    residentCount: Int!
    "Fails every other time, as a subgraph under strain might."
    flakyCommunity: Community @cacheControl(maxAge: 30)
  }
`;

const FACILITIES_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  ${CACHE_CONTROL}
  type Lamp @key(fields: "id") @cacheControl(maxAge: 30) {
    id: ID!
    code: String!
    status: String!
    community: Community
  }
  type Community @key(fields: "id", resolvable: false) @cacheControl(maxAge: 30) {
    id: ID!
  }
  type Query {
    lamps: [Lamp!] @cacheControl(maxAge: 30)
  }
  type Mutation {
    reportLampFault(lampId: ID!): Lamp
  }
`;

const PUBLISHED = ['c-淞源'];

const visibleTo = (actor: Actor) =>
  actor.kind === 'anonymous'
    ? PUBLISHED
    : actor.kind === 'partner'
      ? actor.roles.flatMap((grant) => grant.jurisdiction.communityIds)
      : actor.roles.flatMap((grant) => grant.jurisdiction.communityIds);

interface StubSubgraph {
  url: string;
  /** GraphQL requests it answered. */
  calls: number;
  close(): Promise<void>;
}

async function startStub(
  sdl: string,
  resolvers: object,
  routes: (app: express.Express) => void = () => {},
): Promise<StubSubgraph> {
  const apollo = new ApolloServer<{ actor: Actor }>({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...cacheControlPlugins()],
  });
  await apollo.start();
  const app = express();
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  routes(app);
  const stub: StubSubgraph = { url: '', calls: 0, close: async () => undefined };
  app.use(
    '/graphql',
    express.json(),
    (_req, _res, next) => {
      stub.calls += 1;
      next();
    },
    expressMiddleware(apollo, { context: async ({ req }) => ({ actor: actorOf(req) }) }),
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  stub.close = async () => {
    await apollo.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return stub;
}

describe('response cache (two gateway replicas on one NATS)', () => {
  const namespace = testEventsNamespace();
  const lamps = [
    { id: 'lamp-1', code: 'SY-0001', status: 'ON', communityId: 'c-淞源' },
    { id: 'lamp-2', code: 'SY-0002', status: 'ON', communityId: 'c-淞源' },
  ];
  let flakyFails = true;
  let lampsFailNext = false;
  let organization: StubSubgraph;
  let facilities: StubSubgraph;
  let nc: Awaited<ReturnType<typeof connect>>;
  let heartbeat: Awaited<ReturnType<typeof beatRegistryHeartbeat>>;
  let replicas: Gateway[];
  let personToken: (subject: string) => Promise<string>;
  const partnerKeys = { 苏州园区物业: `gz_live_${'a'.repeat(43)}`, 星华保洁: `gz_live_${'b'.repeat(43)}` };

  /** What facilities' outbox relay does once the change is committed. */
  const publish = (type: string, payload: object) =>
    nc.publish(eventSubject(namespace, type), JSON.stringify({ type, payload }));

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    organization = await startStub(
      ORGANIZATION_SDL,
      {
        Query: {
          communities: (_: unknown, __: unknown, { actor }: { actor: Actor }) =>
            visibleTo(actor).map((id) => ({ id, name: COMMUNITIES[id] })),
          residentCount: () => 1287,
          flakyCommunity: () => {
            flakyFails = !flakyFails;
            if (!flakyFails) throw new GraphQLError('社区库暂时不可用', { extensions: { code: 'UNAVAILABLE' } });
            return { id: 'c-淞源', name: COMMUNITIES['c-淞源'] };
          },
        },
        Community: { __resolveReference: ({ id }: { id: string }) => ({ id, name: COMMUNITIES[id] }) },
      },
      (app) =>
        app.get(`${PERSON_ACCESS_PATH}/:subject`, (req, res) => {
          const person = PEOPLE[req.params.subject];
          if (person) res.json(person);
          else res.status(404).json({ message: 'unknown' });
        }),
    );
    facilities = await startStub(FACILITIES_SDL, {
      Query: {
        lamps: () => {
          if (lampsFailNext) {
            lampsFailNext = false;
            throw new GraphQLError('路灯库暂时不可用', { extensions: { code: 'UNAVAILABLE' } });
          }
          return lamps;
        },
      },
      Mutation: {
        reportLampFault: (_: unknown, { lampId }: { lampId: string }) => {
          const lamp = lamps.find((each) => each.id === lampId)!;
          lamp.status = 'FAULTY';
          publish('facilities.lamp.fault-reported', { lampId });
          return lamp;
        },
      },
      Lamp: { community: (lamp: { communityId: string }) => ({ __typename: 'Community', id: lamp.communityId }) },
    });

    // Partners' keys, as organization mirrors them into NATS KV, and its heartbeat that lets the gateway trust them.
    heartbeat = await beatRegistryHeartbeat(testNatsUrl(), namespace);
    const kv = await new Kvm(nc).open(apiKeyBucketName(namespace));
    const grant = (keyId: string, partnerName: string, communityIds: string[]): ApiKeyGrant => ({
      keyId,
      partnerUnitId: `pu-${keyId}`,
      partnerName,
      scopes: ['facilities:lamps:read'],
      communityIds,
      expiresAt: null,
      rateLimitPerMinute: null,
    });
    await kv.put(
      apiKeyLookupKey(partnerKeys.苏州园区物业),
      JSON.stringify(grant('k-1', '苏州园区物业服务有限公司', ['c-淞源'])),
    );
    await kv.put(apiKeyLookupKey(partnerKeys.星华保洁), JSON.stringify(grant('k-2', '星华保洁服务社', ['c-星华'])));

    const identityProvider = await startTestIdentityProvider();
    personToken = (subject) => identityProvider.sign({ sub: subject, name: PEOPLE[subject].name ?? undefined });
    const jwksPath = path.join(mkdtempSync(path.join(tmpdir(), 'gongzhi-idp-')), 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify(identityProvider.jwks));

    const composed = composeSupergraph([
      { name: 'organization', sdl: ORGANIZATION_SDL },
      { name: 'facilities', sdl: FACILITIES_SDL },
    ]);
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    const config = await testGatewayConfig(
      { organization: organization.url, facilities: facilities.url },
      { AUTH_JWKS_PATH: jwksPath, AUTH_ISSUER: TEST_ISSUER },
    );
    replicas = [0, 1].map(() =>
      createGateway(config, { supergraphSdl: composed.supergraphSdl, logger: pino({ level: 'silent' }) }),
    );
    await Promise.all(replicas.map((replica) => replica.start()));
  });
  afterAll(async () => {
    await Promise.all((replicas ?? []).map((replica) => replica.stop()));
    await heartbeat?.stop();
    await nc?.close();
    await Promise.all([organization?.close(), facilities?.close()]);
  });

  const post = (replica: Gateway, query: string, headers: Record<string, string> = {}) =>
    request(replica.app).post('/graphql').set(headers).send({ query });
  const asPerson = async (subject: string) => ({ authorization: `Bearer ${await personToken(subject)}` });

  it('answers a repeated query from the cache, saying nothing of it to the caller', async () => {
    const query = '{ lamps { code status community { name } } }';
    const first = await post(replicas[0], query);
    const callsAfterFirst = facilities.calls + organization.calls;
    const second = await post(replicas[0], query);
    expect(second.body.data).toEqual(first.body.data);
    expect(first.body.data.lamps[0]).toEqual({ code: 'SY-0001', status: 'ON', community: { name: '淞源社区' } });
    // Neither subgraph was asked again (the entity fetch of each lamp's community included).
    expect(facilities.calls + organization.calls).toBe(callsAfterFirst);
    // No Age, and no Cache-Control that would let a proxy keep the answer for somebody else.
    expect(second.headers.age).toBeUndefined();
    expect(second.headers['cache-control']).toBeUndefined();
    const metrics = await request(replicas[0].app).get('/metrics');
    expect(metrics.text).toMatch(/gongzhi_gateway_response_cache_total\{result="hit"\} [1-9]/);
  });

  it('never gives one caller the answer kept for another who may see something else', async () => {
    const query = '{ communities { name } }';
    const callers: [string, Record<string, string>, string[]][] = [
      ['anonymous', {}, ['淞源社区']],
      ['street staff', await asPerson('idp|wang-fang'), ['淞源社区', '星华社区']],
      ["another community's secretary", await asPerson('idp|li-na'), ['翰林社区']],
      ['a property company', { 'x-api-key': partnerKeys.苏州园区物业 }, ['淞源社区']],
      ['a cleaning company', { 'x-api-key': partnerKeys.星华保洁 }, ['星华社区']],
    ];
    // Twice round, so each caller's second answer could only have come from the cache, and must still be theirs.
    for (const round of [1, 2]) {
      for (const [who, headers, expected] of callers) {
        const res = await post(replicas[0], query, headers);
        expect({ who, round, names: res.body.data?.communities.map((c: { name: string }) => c.name) }).toEqual({
          who,
          round,
          names: expected,
        });
      }
    }
  });

  it('never keeps a write, an unhinted field, an error or a partial answer', async () => {
    const uncached = async (query: string, subgraph: StubSubgraph) => {
      const before = subgraph.calls;
      await post(replicas[1], query);
      await post(replicas[1], query);
      return subgraph.calls - before;
    };
    expect(await uncached('{ residentCount }', organization)).toBe(2);
    // The first call fails (not kept), the second succeeds and is kept.
    const failed = await post(replicas[1], '{ flakyCommunity { name } }');
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    const before = organization.calls;
    expect((await post(replicas[1], '{ flakyCommunity { name } }')).body.data).toEqual({
      flakyCommunity: { name: '淞源社区' },
    });
    expect(organization.calls).toBe(before + 1);
    // Partial data: communities answered, lamps failed. Asked again, both subgraphs are asked again.
    lampsFailNext = true;
    const partial = await post(replicas[1], '{ communities { name } lamps { code } }');
    expect(partial.body).toMatchObject({ data: { communities: [{ name: '淞源社区' }], lamps: null } });
    expect((await post(replicas[1], '{ communities { name } lamps { code } }')).body.data.lamps).toHaveLength(2);
    // A mutation (read back the same) is carried out every time.
    const mutations = facilities.calls;
    await post(replicas[1], 'mutation { reportLampFault(lampId: "lamp-2") { status } }');
    await post(replicas[1], 'mutation { reportLampFault(lampId: "lamp-2") { status } }');
    expect(facilities.calls).toBe(mutations + 2);
  });

  /** Reads until the answer matches, for at most `withinMs`; returns how long that took. */
  async function seenWithin(replica: Gateway, query: string, expected: unknown, withinMs: number) {
    const started = Date.now();
    for (;;) {
      const res = await post(replica, query);
      if (JSON.stringify(res.body.data) === JSON.stringify(expected)) return Date.now() - started;
      if (Date.now() - started > withinMs) return expect(res.body.data).toEqual(expected);
      await sleep(20);
    }
  }

  it("serves a subgraph's new data on every replica within 1 s of a mutation through one of them", async () => {
    const query = '{ lamps { code status } }';
    for (const lamp of lamps) lamp.status = 'ON';
    publish('facilities.lamp.fault-closed', { lampId: 'lamp-2' });
    await seenWithin(replicas[0], query, { lamps: [{ code: 'SY-0001', status: 'ON' }, expect.anything()] }, 1000);
    await sleep(1100); // past the settle sweep, so what follows is cached again
    for (const replica of replicas) expect((await post(replica, query)).body.data.lamps[0].status).toBe('ON');
    const calls = facilities.calls;
    for (const replica of replicas) await post(replica, query);
    expect(facilities.calls).toBe(calls); // both replicas hold it

    await post(replicas[0], 'mutation { reportLampFault(lampId: "lamp-1") { status } }');
    const faulty = {
      lamps: [
        { code: 'SY-0001', status: 'FAULTY' },
        { code: 'SY-0002', status: 'ON' },
      ],
    };
    // The replica that carried it out drops its answers at once; the other hears the event.
    expect((await post(replicas[0], query)).body.data).toEqual(faulty);
    expect(await seenWithin(replicas[1], query, faulty, 1000)).toBeLessThan(1000);
  });

  it('drops the answers an event published on NATS may change, and keeps the others', async () => {
    await sleep(1100); // the last test's settle sweep is over
    const communities = '{ communities { name } }';
    const lampCodes = '{ lamps { code } }';
    await post(replicas[1], communities);
    await post(replicas[1], lampCodes);
    // Changed behind the gateway's back: the cache still answers the old name, until organization's event arrives.
    COMMUNITIES['c-淞源'] = '淞源新村社区';
    expect((await post(replicas[1], communities)).body.data).toEqual({ communities: [{ name: '淞源社区' }] });
    const facilitiesCalls = facilities.calls;
    publish('org.unit.renamed', { orgUnitId: 'ou-淞源社区' });
    for (const replica of replicas)
      expect(await seenWithin(replica, communities, { communities: [{ name: '淞源新村社区' }] }, 1000)).toBeLessThan(
        1000,
      );
    // Facilities' answers were not organization's to drop (until the settle sweep a second later).
    await post(replicas[1], lampCodes);
    expect(facilities.calls).toBe(facilitiesCalls);
    // Audit records of reads change nothing a query answers.
    const organizationCalls = organization.calls;
    publish('access.sensitive-record.read', {});
    await sleep(100);
    await post(replicas[1], communities);
    expect(organization.calls).toBe(organizationCalls);
  });
});
