import type { Actor } from '@gongzhi/contracts';
import { createSubgraphApp } from '@gongzhi/platform';
import {
  type GatewaysInFront,
  type GraphQLResult,
  internalAuthorization,
  type OrganizationProcess,
  startGatewaysInFront,
  startOrganizationProcess,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
} from '@gongzhi/testing';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { AppModule } from '../src/app.module';
import { loadServicesConfig } from '../src/config';

export { dataOf, errorCodes, loadOrganizationDemoData } from '@gongzhi/testing';

/** Who calls when a test talks to a subgraph itself: a trusted service, as ops tooling would. */
export const TEST_SERVICE_ACTOR: Actor = { kind: 'service', id: 'services-tests', roles: [], scopes: [] };

/** One operation straight to a subgraph at `url`, signed as the gateway signs it for `actor` (and the stated purpose). */
function signedCaller(url: string, audience: string) {
  return async <T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    actor: Actor = TEST_SERVICE_ACTOR,
    purpose?: string,
  ) => {
    const authorization = await internalAuthorization(actor, audience, undefined, purpose);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
}

const sdlOf = async (call: ReturnType<typeof signedCaller>) =>
  (await call<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;

/** Every subgraph process of a test file shares its MongoDB, NATS namespace and internal-token key pair. */
async function testEnvironment(database: string) {
  const { INTERNAL_TOKEN_JWKS } = await testInternalKeyEnv();
  return {
    INTERNAL_TOKEN_JWKS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: testDatabaseName(database),
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
  };
}

/** The services subgraph in this process, on its own database (one per test file). */
export async function startServicesSubgraph() {
  const app: INestApplication = await createSubgraphApp(
    AppModule.forRoot(loadServicesConfig(await testEnvironment('services'))),
  );
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const call = signedCaller(url, 'services');
  return {
    app,
    url,
    sdl: await sdlOf(call),
    connection: app.get<Connection>(getConnectionToken()),
    call,
    stop: () => app.close(),
  };
}

export type ServicesUnderTest = Awaited<ReturnType<typeof startServicesSubgraph>>;

/**
 * Organization and services behind two real gateway replicas, as production runs them: people sign in through the
 * development identity provider and are resolved by organization, partners call with API keys.
 */
export interface Federation {
  org: OrganizationProcess;
  services: ServicesUnderTest;
  /** Two gateway replicas: `post(query, variables, headers, replica)`, `asPerson(subject)`, `asPartner(secret)`. */
  gateways: GatewaysInFront;
  stop(): Promise<void>;
}

export async function startFederation({ demoData = true, gatewayEnv = {} } = {}): Promise<Federation> {
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop();
  };
  try {
    const org = await startOrganizationProcess({ demoData });
    started.push(org);
    const services = await startServicesSubgraph();
    started.push(services);
    const gateways = await startGatewaysInFront(
      org,
      [{ name: 'services', sdl: services.sdl, url: services.url }],
      gatewayEnv,
    );
    started.push(gateways);
    return { org, services, gateways, stop };
  } catch (error) {
    // A part that did start (organization's process) must not outlive a failed start.
    await stop();
    throw error;
  }
}
