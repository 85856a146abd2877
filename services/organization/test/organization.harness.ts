import { composeSupergraph, createGateway, loadGatewayConfig } from '@gongzhi/gateway';
import { createSubgraphApp, type SubgraphAppOptions } from '@gongzhi/platform';
import type { Actor } from '@gongzhi/contracts';
import {
  type GraphQLResult,
  internalAuthorization,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
  testPersonalDataKeyEnv,
} from '@gongzhi/testing';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import pino from 'pino';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadOrganizationConfig } from '../src/config';

export { dataOf, errorCodes, type GraphQLResult } from '@gongzhi/testing';

/**
 * The organization subgraph on its own database (one per test file), behind a real gateway composed from the SDL
 * it serves — so tests speak GraphQL over HTTP exactly as a frontend does.
 */
/** Who calls when a test talks to the subgraph itself: a trusted service, as the gateway's own requests are. */
export const TEST_SERVICE_ACTOR: Actor = { kind: 'service', id: 'organization-tests', roles: [], scopes: [] };

export async function startOrganizationBehindGateway(
  env: Record<string, string> = {},
  { clock }: SubgraphAppOptions = {},
) {
  const { INTERNAL_TOKEN_JWKS, INTERNAL_TOKEN_KEY } = await testInternalKeyEnv();
  const config = loadOrganizationConfig({
    INTERNAL_TOKEN_JWKS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: testDatabaseName('org'),
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
    ...testPersonalDataKeyEnv(),
    ...env,
  });
  const app: INestApplication = await createSubgraphApp(AppModule.forRoot(config, { clock }));
  await app.listen(0, '127.0.0.1');
  const subgraphUrl = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;

  /** POSTs one operation to the subgraph itself, signed as the gateway would sign it for `actor` (with the purpose the caller stated). */
  const callSubgraph = async <T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    actor: Actor = TEST_SERVICE_ACTOR,
    { requestId, purpose }: { requestId?: string; purpose?: string } = {},
  ): Promise<GraphQLResult<T>> => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set(await internalAuthorization(actor, 'organization', requestId, purpose))
      .send({ query, variables });
    return res.body as GraphQLResult<T>;
  };
  const sdl = (await callSubgraph<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;
  const composed = composeSupergraph([{ name: 'organization', sdl }]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  const gateway = createGateway(
    {
      ...loadGatewayConfig({
        NODE_ENV: 'test',
        INTERNAL_TOKEN_KEY,
        NATS_URL: testNatsUrl(),
        EVENTS_NAMESPACE: testEventsNamespace(),
      }),
      port: 0,
      subgraphUrls: { organization: subgraphUrl },
    },
    { supergraphSdl: composed.supergraphSdl, logger: pino({ level: 'silent' }) },
  );
  await gateway.start();

  return {
    app,
    gateway,
    sdl,
    subgraphUrl,
    connection: app.get<Connection>(getConnectionToken()),
    callSubgraph,
    /** POSTs one operation to the gateway; the body is returned whatever the status. */
    async graphql<T = any>(
      query: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ): Promise<GraphQLResult<T>> {
      const res = await request(gateway.app)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(headers)
        .send({ query, variables });
      return res.body as GraphQLResult<T>;
    },
    async stop() {
      await gateway.stop();
      await app.close();
    },
  };
}

export type OrganizationUnderTest = Awaited<ReturnType<typeof startOrganizationBehindGateway>>;

/** A record the demo (or a test) put in organization's database, by a filter; fails the test when there is none. */
export async function recordOf(org: OrganizationUnderTest, collection: string, filter: Record<string, unknown>) {
  const record = await org.connection.collection(collection).findOne(filter);
  if (!record) throw new Error(`no ${collection} record matches ${JSON.stringify(filter)}`);
  return record;
}
