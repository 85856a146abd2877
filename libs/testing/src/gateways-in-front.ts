import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Gateway } from '@gongzhi/gateway';
import { DEV_ISSUER, ensureDevIssuerKeys, signDevPersonToken } from '@gongzhi/infra';
import pino from 'pino';
import request from 'supertest';
import type { GraphQLResult } from './graphql-result';
import { testEventsNamespace, testNatsUrl } from './index';
import { testInternalKeyEnv } from './internal-tokens';

/**
 * Two gateway replicas in front of organization and any other subgraphs under test, with people signed in through
 * the development identity provider and partners' keys mirrored from NATS KV: production's path, end to end.
 * Other services' end-to-end specs use it too, since organization answers the gateway's questions about people.
 */
export interface SubgraphInFront {
  name: string;
  sdl: string;
  url: string;
}

export async function startGatewaysInFront(
  org: { sdl: string; subgraphUrl: string },
  others: SubgraphInFront[] = [],
  gatewayEnv: Record<string, string | undefined> = {},
) {
  // Loaded here, not at the top: most specs import @gongzhi/testing and never start a gateway.
  const { composeSupergraph, createGateway, loadGatewayConfig } = await import('@gongzhi/gateway');
  const composed = composeSupergraph([
    { name: 'organization', sdl: org.sdl },
    ...others.map(({ name, sdl }) => ({ name, sdl })),
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
    subgraphUrls: { organization: org.subgraphUrl, ...Object.fromEntries(others.map(({ name, url }) => [name, url])) },
  };
  const gateways: Gateway[] = [];
  /** Each replica's /graphql address, for clients that need a real URL (a browser behind the console's server). */
  const urls: string[] = [];
  for (const replica of ['gateway-a', 'gateway-b']) {
    const gateway = createGateway(
      { ...config, auth: { ...config.auth, gatewayId: replica } },
      { supergraphSdl: composed.supergraphSdl, logger: pino({ level: 'silent' }) },
    );
    urls.push((await gateway.start()).url);
    gateways.push(gateway);
  }

  /** One operation through a replica (0 or 1) as whoever `credentials` says: a person's token, an API key, or nobody. */
  const post = async <T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
    replica = 0,
  ) => {
    const res = await request(gateways[replica].app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set(headers)
      .send({ query, variables });
    return { status: res.status, headers: res.headers, body: res.body as GraphQLResult<T> };
  };

  return {
    gateways,
    urls,
    post,
    /** `Authorization` for a person of the identity provider, by subject. */
    async asPerson(subject: string, name?: string): Promise<Record<string, string>> {
      return { authorization: `Bearer ${await signDevPersonToken(issuer.privateJwk, { subject, name })}` };
    },
    asPartner: (secret: string): Record<string, string> => ({ 'x-api-key': secret }),
    async stop() {
      for (const gateway of gateways) await gateway.stop();
    },
  };
}

export type GatewaysInFront = Awaited<ReturnType<typeof startGatewaysInFront>>;
