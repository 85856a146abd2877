import type { Actor } from '@gongzhi/contracts';
import { createSubgraphApp, type ManualClock } from '@gongzhi/platform';
import {
  type GraphQLResult,
  internalAuthorization,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
} from '@gongzhi/testing';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadFacilitiesConfig } from '../src/config';

/** The clock facilities' specs move on by hand: SLA breaches and lapses without sleeping. */
export { ManualClock } from '@gongzhi/platform';

/** Who calls when a test talks to the subgraph itself: a trusted service. */
export const FACILITIES_TEST_SERVICE: Actor = { kind: 'service', id: 'facilities-tests', roles: [], scopes: [] };

/**
 * The facilities subgraph on this test file's database and events namespace (shared with organization in the same
 * file, so organization's events reach it), with a clock the test controls and no periodic sweeps in the way.
 */
export async function startFacilities(clock: ManualClock, env: Record<string, string> = {}) {
  const { INTERNAL_TOKEN_JWKS } = await testInternalKeyEnv();
  const config = loadFacilitiesConfig({
    INTERNAL_TOKEN_JWKS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: testDatabaseName('facilities'),
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
    SWEEP_INTERVAL_SECONDS: '3600',
    ...env,
  });
  const app: INestApplication = await createSubgraphApp(AppModule.forRoot(config, { clock }));
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;

  /** One operation to the subgraph itself, signed as the gateway would sign it for `actor`. */
  const callSubgraph = async <T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    actor: Actor = FACILITIES_TEST_SERVICE,
  ): Promise<GraphQLResult<T>> => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set(await internalAuthorization(actor, 'facilities'))
      .send({ query, variables });
    return res.body as GraphQLResult<T>;
  };
  const sdl = (await callSubgraph<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;
  return {
    app,
    url,
    sdl,
    connection: app.get<Connection>(getConnectionToken()),
    callSubgraph,
    /** In the form the gateways-in-front harness takes. */
    inFront: () => ({ name: 'facilities', sdl, url }),
    stop: () => app.close(),
  };
}

export type FacilitiesUnderTest = Awaited<ReturnType<typeof startFacilities>>;

/** The data of an answer that must have succeeded; otherwise the test fails showing the errors. */
export function expectData<T>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** The `extensions.code` of each error of an answer, for asserting refusals. */
export const codesOf = (result: GraphQLResult) => (result.errors ?? []).map((error) => error.extensions?.code);

/**
 * The database operations facilities issues while `run` runs, as `collection.method`. The outbox relay and the event
 * consumers poll their collections meanwhile: only the answer's own queries count.
 */
export async function databaseOperations(run: () => Promise<unknown>): Promise<string[]> {
  const operations: string[] = [];
  mongoose.set(
    'debug',
    (collection: string, method: string) =>
      void (!/^(outbox|processed_events)/.test(collection) && operations.push(`${collection}.${method}`)),
  );
  try {
    await run();
  } finally {
    mongoose.set('debug', false);
  }
  return operations.sort();
}
