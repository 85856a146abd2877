import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { type Actor, AUDITED_READ_HEADER, PERSON_ACCESS_PATH } from '@gongzhi/contracts';
import { GatewayMetrics } from '@gongzhi/metrics';
import { testEventsNamespace, testNatsUrl, waitFor } from '@gongzhi/testing';
import express from 'express';
import { GraphQLError, parse } from 'graphql';
import pino from 'pino';
import request from 'supertest';
import { createGateway, type Gateway } from './server';
import { composeSupergraph } from './supergraph/compose';
import { beatRegistryHeartbeat, startTestIdentityProvider, TEST_ISSUER } from './testing/auth.fixture';
import { testGatewayConfig } from './testing/gateway.fixture';
import { actorOf, COMMUNITIES, PEOPLE } from './testing/people.fixture';

/**
 * Upstream request deduplication, end to end: a gateway in front of an organization stand-in that holds every
 * GraphQL request until the test lets it go, so requests are provably in flight together (the gateway's count of
 * shared fetches says when they have joined), never by timing.
 */
const ORGANIZATION_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Community @key(fields: "id") {
    id: ID!
    name: String!
  }
  type Query {
    "The communities the caller may see: anonymous callers the published ones, others their jurisdiction's."
    communities: [Community!]!
    "Fails, as a subgraph whose database is away does."
    failingCommunities: [Community!]!
    "A sensitive read: audited per request, as the real subgraphs' SensitiveReadAudit marks it."
    careConditions(residentId: ID!): [String!]!
  }
  type Mutation {
    renameCommunity(id: ID!, name: String!): Community
  }
`;

const visibleTo = (actor: Actor) =>
  actor.kind === 'person' ? actor.roles.flatMap((grant) => grant.jurisdiction.communityIds) : ['c-淞源'];

describe('upstream request deduplication', () => {
  const namespace = testEventsNamespace();
  const metrics = new GatewayMetrics();
  let server: http.Server;
  let apollo: ApolloServer<{ actor: Actor; res: express.Response }>;
  let heartbeat: Awaited<ReturnType<typeof beatRegistryHeartbeat>>;
  let gateway: Gateway;
  let personToken: (subject: string) => Promise<string>;
  /** GraphQL requests organization received; each waits for `release` while `held`. */
  let received = 0;
  let held: Promise<'answer' | 'drop'> | undefined;
  let release: (how: 'answer' | 'drop') => void = () => undefined;
  const hold = () => {
    held = new Promise((resolve) => (release = resolve));
  };

  beforeAll(async () => {
    apollo = new ApolloServer<{ actor: Actor; res: express.Response }>({
      schema: buildSubgraphSchema({
        typeDefs: parse(ORGANIZATION_SDL),
        resolvers: {
          Query: {
            communities: (_: unknown, __: unknown, { actor }: { actor: Actor }) =>
              visibleTo(actor).map((id) => ({ id, name: COMMUNITIES[id] })),
            careConditions: (_: unknown, __: unknown, { res }: { res: express.Response }) => {
              res.setHeader(AUDITED_READ_HEADER, '1');
              return ['高血压'];
            },
            failingCommunities: () => {
              throw new GraphQLError('社区库暂时不可用', { extensions: { code: 'UNAVAILABLE' } });
            },
          },
          Mutation: { renameCommunity: (_: unknown, { id, name }: { id: string; name: string }) => ({ id, name }) },
        } as never,
      }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
    const app = express();
    app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
    app.get(`${PERSON_ACCESS_PATH}/:subject`, (req, res) => {
      const person = PEOPLE[req.params.subject];
      if (person) res.json(person);
      else res.status(404).json({ message: 'unknown' });
    });
    app.use(
      '/graphql',
      express.json(),
      async (req, _res, next) => {
        received++;
        if ((await held) === 'drop') req.socket.destroy();
        else next();
      },
      expressMiddleware(apollo, {
        context: async ({ req, res }) => ({
          actor: actorOf(req),
          res,
        }),
      }),
    );
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const organizationUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

    heartbeat = await beatRegistryHeartbeat(testNatsUrl(), namespace);
    const identityProvider = await startTestIdentityProvider();
    personToken = (subject) => identityProvider.sign({ sub: subject, name: PEOPLE[subject].name ?? undefined });
    const jwksPath = path.join(mkdtempSync(path.join(tmpdir(), 'gongzhi-idp-')), 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify(identityProvider.jwks));
    const composed = composeSupergraph([{ name: 'organization', sdl: ORGANIZATION_SDL }]);
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    gateway = createGateway(
      await testGatewayConfig(
        { organization: organizationUrl },
        {
          AUTH_JWKS_PATH: jwksPath,
          AUTH_ISSUER: TEST_ISSUER,
          // Nothing here is hinted as cacheable anyway; off, so every answer below is the subgraph's.
          RESPONSE_CACHE: 'false',
        },
      ),
      { supergraphSdl: composed.supergraphSdl, logger: pino({ level: 'silent' }), metrics },
    );
    await gateway.start();
  });
  afterAll(async () => {
    release('answer');
    await gateway?.stop();
    await heartbeat?.stop();
    await apollo?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const shared = async () =>
    (await metrics.subgraphFetchesDeduplicated.get()).values.find((v) => v.labels.subgraph === 'organization')?.value ??
    0;
  const asPerson = async (subject: string) => ({ authorization: `Bearer ${await personToken(subject)}` });
  /** Sends at once (supertest sends on then()). */
  const send = (query: string, headers: Record<string, string> = {}) =>
    request(gateway.app)
      .post('/graphql')
      .set(headers)
      .send({ query })
      .then((res) => res);

  /**
   * Sends `requests` together while organization holds them, waits until `expectedCalls` reached it and the rest
   * joined one of those, then lets them go.
   */
  async function together(
    requests: Array<() => Promise<request.Response>>,
    expectedCalls: number,
    how: 'answer' | 'drop' = 'answer',
  ) {
    const receivedBefore = received;
    const sharedBefore = await shared();
    hold();
    const answers = Promise.all(requests.map((send) => send()));
    await waitFor(
      async () =>
        received - receivedBefore === expectedCalls &&
        (await shared()) - sharedBefore === requests.length - expectedCalls,
      `${expectedCalls} requests at organization, ${requests.length - expectedCalls} joined`,
    );
    release(how);
    held = undefined;
    const responses = await answers;
    return { responses, calls: received - receivedBefore, joined: (await shared()) - sharedBefore };
  }

  it("sends one caller's identical queries in flight once, each answered in full", async () => {
    const wang = await asPerson('idp|wang-fang');
    const { responses, calls } = await together(
      [1, 2, 3, 4].map(() => () => send('{ communities { name } }', wang)),
      1,
    );
    expect(calls).toBe(1);
    for (const res of responses)
      expect(res.body.data).toEqual({ communities: [{ name: '淞源社区' }, { name: '星华社区' }] });

    // Not a cache: the next identical query, alone, reaches organization again.
    const receivedBefore = received;
    expect((await send('{ communities { name } }', wang)).body.data.communities).toHaveLength(2);
    expect(received - receivedBefore).toBe(1);
  });

  it('never shares between callers or purposes, and never a mutation', async () => {
    const [wang, li] = [await asPerson('idp|wang-fang'), await asPerson('idp|li-na')];
    const query = '{ communities { name } }';
    const { responses, calls } = await together(
      [
        wang,
        wang,
        li,
        li,
        { 'x-purpose': encodeURIComponent('入户走访') },
        { 'x-purpose': encodeURIComponent('政策宣传') },
      ].map((headers) => () => send(query, headers)),
      4,
    );
    expect(calls).toBe(4);
    const names = responses.map((res) => res.body.data.communities.map((c: { name: string }) => c.name));
    expect(names).toEqual([
      ['淞源社区', '星华社区'],
      ['淞源社区', '星华社区'],
      ['翰林社区'],
      ['翰林社区'],
      ['淞源社区'],
      ['淞源社区'],
    ]);

    const rename = 'mutation { renameCommunity(id: "c-淞源", name: "淞源社区") { name } }';
    const writes = await together(
      [1, 2, 3].map(() => () => send(rename, wang)),
      3,
    );
    expect(writes.calls).toBe(3);
    expect(writes.joined).toBe(0);
    for (const res of writes.responses) expect(res.body.data).toEqual({ renameCommunity: { name: '淞源社区' } });
  });

  it('sends each waiter on its own after an audited read, so every read has its own audit entry', async () => {
    const wang = await asPerson('idp|wang-fang');
    const query = '{ careConditions(residentId: "r-淞源-0301") }';
    const { responses, calls } = await together(
      [1, 2, 3].map(() => () => send(query, wang)),
      1,
    );
    // The two that waited were sent once the first came back marked: three reads, three requests.
    expect(calls).toBe(3);
    for (const res of responses) expect(res.body.data).toEqual({ careConditions: ['高血压'] });
  });

  it("gives every waiter the subgraph's error as it is, and a dropped connection as unavailable", async () => {
    const wang = await asPerson('idp|wang-fang');
    const failing = await together(
      [1, 2, 3].map(() => () => send('{ failingCommunities { name } }', wang)),
      1,
    );
    for (const res of failing.responses) {
      expect(res.body.data).toBeNull();
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: '社区库暂时不可用',
          extensions: expect.objectContaining({ code: 'UNAVAILABLE' }),
        }),
      ]);
    }

    const dropped = await together(
      [1, 2, 3].map(() => () => send('{ communities { name } }', wang)),
      1,
      'drop',
    );
    for (const res of dropped.responses)
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        serviceName: 'organization',
      });

    const exposition = await request(gateway.app).get('/metrics');
    expect(exposition.text).toMatch(
      /gongzhi_gateway_subgraph_fetches_deduplicated_total\{subgraph="organization"\} [1-9]/,
    );
  });
});
