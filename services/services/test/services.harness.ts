import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '@gongzhi/contracts';
import { findRepoRoot, freePort, spawnManaged, waitFor } from '@gongzhi/infra';
import { createSubgraphApp } from '@gongzhi/platform';
import {
  connectTestDatabase,
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
import { startGatewaysInFront } from '../../organization/test/gateway-access.harness';
import type { GraphQLResult, OrganizationUnderTest } from '../../organization/test/organization.harness';
import { AppModule } from '../src/app.module';
import { loadServicesConfig } from '../src/config';

/** The data of a result that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The extensions.code of each error, for asserting refusals. */
export const errorCodes = (result: GraphQLResult) => (result.errors ?? []).map((error) => error.extensions?.code);

/** Who calls when a test talks to a subgraph itself: a trusted service, as ops tooling would. */
export const TEST_SERVICE_ACTOR: Actor = { kind: 'service', id: 'services-tests', roles: [], scopes: [] };

/** One operation straight to a subgraph at `url`, signed as the gateway signs it for `actor` (and the stated purpose). */
function signedCaller(url: string, audience: string) {
  return async <T = any>(query: string, variables: Record<string, unknown> = {}, actor: Actor = TEST_SERVICE_ACTOR, purpose?: string) => {
    const authorization = await internalAuthorization(actor, audience, undefined, purpose);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...authorization }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLResult<T>;
  };
}

const sdlOf = async (call: ReturnType<typeof signedCaller>) => (await call<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;

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
  const app: INestApplication = await createSubgraphApp(AppModule.forRoot(loadServicesConfig(await testEnvironment('services'))));
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const call = signedCaller(url, 'services');
  return { app, url, sdl: await sdlOf(call), connection: app.get<Connection>(getConnectionToken()), call, stop: () => app.close() };
}

export type ServicesUnderTest = Awaited<ReturnType<typeof startServicesSubgraph>>;

const ORGANIZATION_BUILD = path.join(findRepoRoot(__dirname), 'services', 'organization', 'dist');

/** Organization's demo (the places of the field reports, partners, the demo users) in this file's organization database. */
export async function loadOrganizationDemo(): Promise<void> {
  const env = { ...process.env, ...(await testEnvironment('organization')), ...testPersonalDataKeyEnv() };
  await promisify(execFile)(process.execPath, [path.join(ORGANIZATION_BUILD, 'demo', 'load-demo-data.js')], { env });
}

/**
 * Organization in a process of its own, from its build (npm test builds first; run `npm run build` after changing
 * it): two code-first subgraphs cannot share a process, whose GraphQL type registry is global. With `demoData`, the
 * demo of the field reports is loaded first (organization's loader: places, partners and the demo users).
 */
export async function startOrganizationProcess({ demoData }: { demoData: boolean }) {
  const env = { ...process.env, ...(await testEnvironment('organization')), ...testPersonalDataKeyEnv() };
  if (demoData) await loadOrganizationDemo();
  const port = await freePort();
  const child = spawnManaged('organization', process.execPath, [path.join(ORGANIZATION_BUILD, 'main.js')], {
    env: { ...env, PORT: String(port) },
    logPath: path.join(tmpdir(), `gongzhi-${testDatabaseName('organization')}.log`),
  });
  const health = `http://127.0.0.1:${port}/health/live`;
  await waitFor('organization to start', async () => (await fetch(health).catch(() => undefined))?.ok, { timeoutMs: 60_000, process: child });
  const subgraphUrl = `http://127.0.0.1:${port}/graphql`;
  const call = signedCaller(subgraphUrl, 'organization');
  const connection = await connectTestDatabase('organization');
  return {
    subgraphUrl,
    sdl: await sdlOf(call),
    call,
    /** Organization's own database, for tests to look up the demo's places and people. */
    connection,
    async stop() {
      await connection.close();
      await child.stop();
    },
  };
}

/**
 * Organization and services behind two real gateway replicas, as production runs them: people sign in through the
 * development identity provider and are resolved by organization, partners call with API keys.
 */
export interface Federation {
  org: Awaited<ReturnType<typeof startOrganizationProcess>>;
  services: ServicesUnderTest;
  /** Two gateway replicas: `post(query, variables, headers, replica)`, `asPerson(subject)`, `asPartner(secret)`. */
  gateways: Awaited<ReturnType<typeof startGatewaysInFront>>;
  stop(): Promise<void>;
}

export async function startFederation({ demoData = true, gatewayEnv = {} as Record<string, string> } = {}): Promise<Federation> {
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop();
  };
  try {
    const org = await startOrganizationProcess({ demoData });
    started.push(org);
    const services = await startServicesSubgraph();
    started.push(services);
    // The harness needs only what a gateway needs of organization: its SDL and its URL.
    const gateways = await startGatewaysInFront(org as unknown as OrganizationUnderTest, [{ name: 'services', sdl: services.sdl, url: services.url }], gatewayEnv);
    started.push(gateways);
    return { org, services, gateways, stop };
  } catch (error) {
    // A part that did start (organization's process) must not outlive a failed start.
    await stop();
    throw error;
  }
}
