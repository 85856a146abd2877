import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '@gongzhi/contracts';
import { findRepoRoot, freePort } from '@gongzhi/infra';
import {
  connectTestDatabase,
  internalAuthorization,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
  testPersonalDataKeyEnv,
  waitFor,
} from '@gongzhi/testing';
import type { GraphQLResult } from '../../organization/test/organization.harness';

const SERVICE: Actor = { kind: 'service', id: 'facilities-tests', roles: [], scopes: [] };

/** How to run organization's built entry points for this test file: its environment (a port for the server), where its output goes. */
async function organizationRunner(port?: number) {
  const repoRoot = findRepoRoot(__dirname);
  const logPath = path.join(tmpdir(), `gongzhi-organization-${testEventsNamespace()}.log`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...(port && { PORT: String(port) }),
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: testDatabaseName('org'),
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
    INTERNAL_TOKEN_JWKS: (await testInternalKeyEnv()).INTERNAL_TOKEN_JWKS,
    ...testPersonalDataKeyEnv(),
  };
  const run = (file: string): ChildProcess => {
    const built = path.join(repoRoot, 'services/organization/dist', file);
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` (npm test builds first)`);
    const log = openSync(logPath, 'a');
    const child = spawn(process.execPath, [built], { env, stdio: ['ignore', log, log] });
    closeSync(log);
    return child;
  };
  return { run, logPath };
}

/**
 * organization's demo data (斜塘街道 and the other streets of the field reports, the demo users) in this test file's
 * organization database, loaded to completion by organization's own loader.
 */
export async function loadOrganizationDemoData(): Promise<void> {
  const { run, logPath } = await organizationRunner();
  const loader = run('demo/load-demo-data.js');
  const code = await new Promise((resolve) => loader.once('exit', resolve));
  if (code !== 0) throw new Error(`organization's demo data loader exited with ${code}; see ${logPath}`);
}

/**
 * organization in a process of its own, run from its build as `npm start` runs it (`npm test` builds first). Two
 * code-first NestJS subgraphs cannot share a process: their GraphQL type metadata is global, and both declare a
 * `Community`. It shares this test file's database server, events namespace and internal key pair, so its events
 * reach facilities and the gateways under test can sign requests to it.
 */
export async function startOrganizationProcess() {
  const port = await freePort();
  const { run, logPath } = await organizationRunner(port);
  const server = run('main.js');
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(async () => {
    if (server.exitCode !== null) throw new Error(`organization exited with ${server.exitCode}; see ${logPath}`);
    return (await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined))?.ok === true;
  }, `organization to answer on port ${port} (log ${logPath})`, 60_000);

  /** One operation to organization itself, signed as the gateway signs it for `actor`. */
  const call = async <T = any>(query: string, variables: Record<string, unknown> = {}, actor: Actor = SERVICE): Promise<GraphQLResult<T>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await internalAuthorization(actor, 'organization')) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResult<T>;
  };
  const sdl = (await call<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;
  /** organization's database, for finding the ids of demo places and people. */
  const db = await connectTestDatabase('org');

  return {
    sdl,
    subgraphUrl: url,
    db,
    call,
    async stop(): Promise<void> {
      await db.close();
      server.kill('SIGTERM');
      await exited;
    },
  };
}

export type OrganizationProcess = Awaited<ReturnType<typeof startOrganizationProcess>>;
