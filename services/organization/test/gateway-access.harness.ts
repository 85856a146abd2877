import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { composeSupergraph, createGateway, type Gateway, loadGatewayConfig } from '@gongzhi/gateway';
import { DEV_ISSUER, ensureDevIssuerKeys, signDevPersonToken } from '@gongzhi/infra';
import { testEventsNamespace, testInternalKeyEnv, testNatsUrl } from '@gongzhi/testing';
import express from 'express';
import { parse } from 'graphql';
import pino from 'pino';
import request from 'supertest';
import type { GraphQLResult, OrganizationUnderTest } from './organization.harness';

/**
 * A stand-in for another subgraph (the services subgraph's home visits, 入户走访) that references residents, so
 * the gateway resolves them through organization's `_entities` — the path where access must hold too.
 */
const VISITS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type HomeVisit @key(fields: "id") {
    id: ID!
    note: String!
    resident: Resident
  }

  type Resident @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    homeVisits: [HomeVisit!]!
  }
`;

export interface HomeVisitRow {
  id: string;
  note: string;
  residentId: string;
}

async function startVisitsSubgraph(visits: HomeVisitRow[]) {
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(VISITS_SDL),
      resolvers: {
        Query: { homeVisits: () => visits },
        HomeVisit: { resident: (visit: HomeVisitRow) => ({ __typename: 'Resident', id: visit.residentId }) },
      } as never,
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async close() {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Two gateway replicas in front of organization (and the home-visits stand-in), with people signed in through the
 * development identity provider and partners' keys mirrored from NATS KV: production's path, end to end.
 */
export async function startGatewaysInFront(org: OrganizationUnderTest, visits: HomeVisitRow[], gatewayEnv: Record<string, string> = {}) {
  const visitsSubgraph = await startVisitsSubgraph(visits);
  const composed = composeSupergraph([
    { name: 'organization', sdl: org.sdl },
    { name: 'visits', sdl: VISITS_SDL },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  const issuer = await ensureDevIssuerKeys(mkdtempSync(path.join(tmpdir(), 'gongzhi-idp-')));
  const { INTERNAL_TOKEN_KEY } = await testInternalKeyEnv();
  const config = {
    ...loadGatewayConfig({
      NODE_ENV: 'test',
      INTERNAL_TOKEN_KEY,
      NATS_URL: testNatsUrl(),
      EVENTS_NAMESPACE: testEventsNamespace(),
      AUTH_JWKS_PATH: issuer.jwksPath,
      AUTH_ISSUER: DEV_ISSUER,
      ...gatewayEnv,
    }),
    port: 0,
    subgraphUrls: { organization: org.subgraphUrl, visits: visitsSubgraph.url },
  };
  const gateways: Gateway[] = [];
  for (const replica of ['gateway-a', 'gateway-b']) {
    const gateway = createGateway({ ...config, auth: { ...config.auth, gatewayId: replica } }, { supergraphSdl: composed.supergraphSdl, logger: pino({ level: 'silent' }) });
    await gateway.start();
    gateways.push(gateway);
  }

  /** One operation through a replica (0 or 1) as whoever `credentials` says: a person's token, an API key, or nobody. */
  const post = async <T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, replica = 0) => {
    const res = await request(gateways[replica].app).post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });
    return { status: res.status, headers: res.headers, body: res.body as GraphQLResult<T> };
  };

  return {
    gateways,
    post,
    /** `Authorization` for a person of the identity provider, by subject. */
    async asPerson(subject: string, name?: string): Promise<Record<string, string>> {
      return { authorization: `Bearer ${await signDevPersonToken(issuer.privateJwk, { subject, name })}` };
    },
    asPartner: (secret: string): Record<string, string> => ({ 'x-api-key': secret }),
    async stop() {
      for (const gateway of gateways) await gateway.stop();
      await visitsSubgraph.close();
    },
  };
}
