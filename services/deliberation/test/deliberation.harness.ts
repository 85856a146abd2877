import type { Actor, AnyEventContract, PayloadInputOf } from '@gongzhi/contracts';
import {
  createSubgraphApp,
  NatsConnectionProvider,
  OutboxPublisher,
  OutboxRelay,
  withTransaction,
} from '@gongzhi/platform';
import {
  connectTestDatabase,
  type GraphQLResult,
  internalAuthorization,
  type GatewaysInFront,
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
import pino from 'pino';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadDeliberationConfig } from '../src/config';
import { copyTerritory } from '../src/demo/organization-copy';

export { dataOf, errorCodes, type GraphQLResult } from '@gongzhi/testing';

/** Who calls when a test talks to the subgraph as the gateway's own requests do: a trusted service. */
export const TEST_SERVICE_ACTOR: Actor = { kind: 'service', id: 'deliberation-tests', roles: [], scopes: [] };

/**
 * The deliberation subgraph on its own database and event namespace (one per test file), called as the gateway
 * would call it: signed for whichever actor the test names.
 */
export async function startDeliberation(env: Record<string, string> = {}) {
  const { INTERNAL_TOKEN_JWKS } = await testInternalKeyEnv();
  const config = loadDeliberationConfig({
    INTERNAL_TOKEN_JWKS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: testDatabaseName('deliberation'),
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
    MOTION_MIN_CO_SIGNERS: '2',
    DEADLINE_SWEEP_SECONDS: '1',
    // Notices of a few seconds, so a spec sees its windows run out: one second as the configured minimum (a spec that
    // tests the minimum sets its own).
    PUBLIC_NOTICE_MIN_DAYS: String(1 / 86400),
    ...env,
  });
  const app: INestApplication = await createSubgraphApp(AppModule.forRoot(config));
  await app.listen(0, '127.0.0.1');
  const subgraphUrl = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;

  const call = async <T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    actor: Actor = TEST_SERVICE_ACTOR,
  ): Promise<GraphQLResult<T>> => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set(await internalAuthorization(actor, 'deliberation'))
      .send({ query, variables });
    return res.body as GraphQLResult<T>;
  };
  const sdl = (await call<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;
  return {
    app,
    sdl,
    subgraphUrl,
    connection: app.get<Connection>(getConnectionToken()),
    call,
    stop: () => app.close(),
  };
}

export type DeliberationUnderTest = Awaited<ReturnType<typeof startDeliberation>>;

/**
 * Organization with its demo data, deliberation with its copy of that territory, and two gateway replicas in front of
 * both: what the specs that go the whole path through the gateway stand on. `stops` gets each stop, in start order.
 */
export interface DemoBehindGateways {
  org: OrganizationProcess;
  deliberation: DeliberationUnderTest;
  /** Organization's database, for tests to look up the demo's places and people. */
  orgDb: Connection;
  gw: GatewaysInFront;
}

export async function startDemoBehindGateways(
  env: Record<string, string>,
  stops: (() => Promise<unknown>)[],
  organizationEnv: Record<string, string> = {},
): Promise<DemoBehindGateways> {
  const org = await startOrganizationProcess({ demoData: true, env: organizationEnv });
  stops.push(() => org.stop());
  const deliberation = await startDeliberation(env);
  stops.push(() => deliberation.stop());
  const orgDb = deliberation.connection.useDb(org.databaseName);
  // Organization's demo data records no events: deliberation's demo loader seeds its copy of the territory.
  await copyTerritory(orgDb, deliberation.connection);
  const gw = await startGatewaysInFront(org, [
    { name: 'deliberation', sdl: deliberation.sdl, url: deliberation.subgraphUrl },
  ]);
  stops.push(() => gw.stop());
  return { org, deliberation, orgDb, gw };
}

/**
 * Another subgraph's side of the event stream (organization's by default), for specs that need its facts without
 * running it: records its events in an outbox of its own and relays them to this file's namespace, as it does.
 */
export async function startSubgraphEvents(serviceName = 'organization') {
  const connection = await connectTestDatabase(`${serviceName}-events`);
  const logger = pino({ level: 'silent' });
  const nats = new NatsConnectionProvider({ servers: testNatsUrl(), name: `${serviceName}-stand-in`, logger });
  nats.start();
  const namespace = testEventsNamespace();
  const outbox = new OutboxPublisher(connection, { serviceName, namespace });
  const relay = new OutboxRelay(connection, nats, { serviceName, namespace, logger });
  await relay.start();
  return {
    record<C extends AnyEventContract>(contract: C, payload: PayloadInputOf<C>) {
      return withTransaction(connection, (session) => outbox.record(contract, payload, { session }));
    },
    async stop() {
      await relay.stop();
      await nats.close();
      await connection.close();
    },
  };
}
