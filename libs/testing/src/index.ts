import { waitFor as pollUntil } from '@gongzhi/infra';
import mongoose, { type Connection } from 'mongoose';
import os from 'node:os';
import { testFileHash } from './test-identity';
import { TEST_MONGODB_URI_VARIABLE, TEST_NATS_URL_VARIABLE } from './test-servers';

export { startDedicatedNats } from './dedicated-nats';

/** The run's MongoDB replica set (no database in the path: pick one with testDatabaseName()). */
export function testMongoUri(): string {
  return requiredVariable(TEST_MONGODB_URI_VARIABLE);
}

/** The run's NATS server (JetStream on). */
export function testNatsUrl(): string {
  return requiredVariable(TEST_NATS_URL_VARIABLE);
}

/** A database name of this test file's own, so files running in parallel never see each other's data. */
export function testDatabaseName(prefix = 'test'): string {
  const safePrefix = prefix.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${safePrefix}_${testFileHash()}`;
}

/** Lowercase letters and digits unique to this test file: a prefix for NATS subjects and JetStream stream names. */
export function testEventsNamespace(): string {
  return `t${testFileHash()}`;
}

function requiredVariable(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run tests through jest, whose global setup (libs/testing) starts the servers`);
  return value;
}

/**
 * A mongoose connection to this test file's database. The driver loads `os` with a dynamic import(), which jest's
 * CommonJS sandbox cannot do without --experimental-vm-modules: handing it over keeps specs runnable either way.
 */
export function connectTestDatabase(prefix?: string): Promise<Connection> {
  return mongoose
    .createConnection(testMongoUri(), { dbName: testDatabaseName(prefix), runtimeAdapters: { os } })
    .asPromise();
}

/** Resolves once `condition` holds; fails the test naming `what` after `timeoutMs`. */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  await pollUntil(what, async () => (await condition()) || undefined, { timeoutMs, intervalMs: 50 });
}
export { internalAuthorization, testInternalKeyEnv, testInternalKeyPair } from './internal-tokens';
export { partnerActor, personActor, within } from './actors';
export { answerOf, dataOf, errorCodes, type GraphQLResult, NO_SUCH_ID, notFound } from './graphql-result';
export { type GatewaysInFront, startGatewaysInFront, type SubgraphInFront } from './gateways-in-front';
export {
  loadOrganizationDemoData,
  ORGANIZATION_TEST_DATABASE,
  type OrganizationProcess,
  startOrganizationProcess,
} from './organization-process';
export { hasSeries, parseExposition, sampleValue, type Sample } from './metrics';
export { testPersonalDataKeyEnv } from './personal-data-keys';
export { organizationCreation, type OrganizationCreation } from './organization-mutations';
export {
  open311Example,
  type Open311ExampleName,
  type Open311Shape,
  open311Shape,
  parseOpen311,
} from './open311-examples';
export { killHard, type OtherSubgraph, startSubgraphProcess, type SubgraphProcess } from './subgraph-process';
