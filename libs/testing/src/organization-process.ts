import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '@gongzhi/contracts';
import { findRepoRoot, freePort, spawnManaged, waitFor } from '@gongzhi/infra';
import type { GraphQLResult } from './graphql-result';
import { connectTestDatabase, testDatabaseName, testEventsNamespace, testMongoUri, testNatsUrl } from './index';
import { internalAuthorization, testInternalKeyEnv } from './internal-tokens';
import { testPersonalDataKeyEnv } from './personal-data-keys';
import { killHard } from './subgraph-process';

/** The prefix of organization's database in a test file that runs it beside another subgraph. */
export const ORGANIZATION_TEST_DATABASE = 'organization';

/** Who calls when a test sets organization up directly: a trusted service, as ops tooling would. */
const SET_UP_ACTOR: Actor = { kind: 'service', id: 'organization-set-up', roles: [], scopes: [] };

/** One built entry point of organization (npm test builds first; run `npm run build` after changing it). */
function organizationScript(file: string): string {
  const built = path.join(findRepoRoot(__dirname), 'services', 'organization', 'dist', file);
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` (npm test builds first)`);
  return built;
}

/** organization's environment in this test file: its database, events namespace and the internal key pair. */
async function organizationEnv(): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: testDatabaseName(ORGANIZATION_TEST_DATABASE),
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
    INTERNAL_TOKEN_JWKS: (await testInternalKeyEnv()).INTERNAL_TOKEN_JWKS,
    ...testPersonalDataKeyEnv(),
  };
}

/**
 * organization's demo data (斜塘街道 and the other streets of the field reports, partners, the demo users) in this
 * test file's organization database, loaded to completion by organization's own loader. Returns the database name.
 */
export async function loadOrganizationDemoData(): Promise<string> {
  const env = await organizationEnv();
  try {
    await promisify(execFile)(process.execPath, [organizationScript('demo/load-demo-data.js')], { env });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`organization's demo data loader failed: ${(stderr ?? String(error)).slice(-2000)}`);
  }
  return env.MONGODB_DB!;
}

/**
 * The one way to run organization beside another subgraph's specs: in a process of its own, from its build, as
 * `npm start` runs it. Two code-first NestJS subgraphs cannot share a process (their GraphQL type metadata is global,
 * and several declare a `Community`). It shares this test file's MongoDB, events namespace and internal key pair, so
 * its events reach the subgraph under test and the gateways under test can sign requests to it. With `demoData`,
 * organization's demo is loaded first.
 */
export async function startOrganizationProcess({
  demoData = false,
  env = {},
}: {
  demoData?: boolean;
  /** More settings for organization in this test file (AGE_BAND_SWEEP_SECONDS: '1'). */
  env?: Record<string, string>;
} = {}) {
  const databaseName = demoData ? await loadOrganizationDemoData() : testDatabaseName(ORGANIZATION_TEST_DATABASE);
  const port = await freePort();
  const child = spawnManaged('organization', process.execPath, [organizationScript('main.js')], {
    env: { ...(await organizationEnv()), ...env, PORT: String(port) },
    logPath: path.join(tmpdir(), `gongzhi-organization-${testEventsNamespace()}.log`),
  });
  const subgraphUrl = `http://127.0.0.1:${port}/graphql`;
  try {
    const health = `http://127.0.0.1:${port}/health/live`;
    await waitFor(
      'organization to answer on /health/live',
      async () => (await fetch(health).catch(() => undefined))?.ok,
      { timeoutMs: 60_000, intervalMs: 50, process: child },
    );
  } catch (error) {
    await child.stop();
    throw error;
  }

  /** One operation on organization itself, signed as the gateway signs it for `actor` (a trusted service by default). */
  const call = async <T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    actor: Actor = SET_UP_ACTOR,
    purpose?: string,
  ): Promise<GraphQLResult<T>> => {
    const authorization = await internalAuthorization(actor, 'organization', undefined, purpose);
    const response = await fetch(subgraphUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
  const sdl = (await call<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;
  /** organization's own database, for tests to look up the demo's places and people. */
  const connection = await connectTestDatabase(ORGANIZATION_TEST_DATABASE);

  return {
    sdl,
    subgraphUrl,
    databaseName,
    connection,
    call,
    /** Kills organization as a crash would (SIGKILL); `stop` still closes the test's own connection afterwards. */
    kill: () => killHard(child),
    async stop(): Promise<void> {
      await connection.close();
      await child.stop();
    },
  };
}

export type OrganizationProcess = Awaited<ReturnType<typeof startOrganizationProcess>>;
