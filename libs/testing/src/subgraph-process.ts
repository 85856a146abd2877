import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot, freePort, type ManagedProcess, spawnManaged, waitFor } from '@gongzhi/infra';
import { testDatabaseName, testEventsNamespace, testMongoUri, testNatsUrl } from './index';
import { internalAuthorization, testInternalKeyEnv } from './internal-tokens';

/** The subgraphs besides organization (which has startOrganizationProcess, with its personal-data keys). */
export type OtherSubgraph = 'services' | 'facilities' | 'deliberation';

/**
 * services, facilities or deliberation from its build, in a process of its own, as `npm start` runs it: this test
 * file's MongoDB (its own database), events namespace and internal key pair. With `demoData`, its demo loader runs
 * first, built on organization's demo in `organizationDatabase`. It can be killed (SIGKILL, a crash) and started again
 * on the same port, so gateways composed in front of it find it back.
 */
export async function startSubgraphProcess(
  name: OtherSubgraph,
  { organizationDatabase, demoData = false }: { organizationDatabase: string; demoData?: boolean },
) {
  const built = (file: string) => {
    const script = path.join(findRepoRoot(__dirname), 'services', name, 'dist', file);
    if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` (npm test builds first)`);
    return script;
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: testDatabaseName(name),
    ORGANIZATION_MONGODB_DB: organizationDatabase,
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
    INTERNAL_TOKEN_JWKS: (await testInternalKeyEnv()).INTERNAL_TOKEN_JWKS,
  };
  if (demoData) {
    try {
      await promisify(execFile)(process.execPath, [built('demo/load-demo-data.js')], { env });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`${name}'s demo data loader failed: ${(stderr ?? String(error)).slice(-2000)}`);
    }
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  let child: ManagedProcess | undefined;

  const start = async () => {
    child = spawnManaged(name, process.execPath, [built('main.js')], {
      env: { ...env, PORT: String(port) },
      logPath: path.join(tmpdir(), `gongzhi-${name}-${testEventsNamespace()}.log`),
    });
    try {
      await waitFor(
        `${name} to answer on /health/live`,
        async () => (await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined))?.ok,
        { timeoutMs: 60_000, intervalMs: 50, process: child },
      );
    } catch (error) {
      await child.stop();
      throw error;
    }
  };
  await start();

  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(await internalAuthorization({ kind: 'service', id: 'test-set-up', roles: [], scopes: [] }, name)),
    },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const sdl = ((await response.json()) as { data: { _service: { sdl: string } } }).data._service.sdl;

  return {
    name,
    url,
    /** The schema it serves, for composing gateways in front of it. */
    sdl,
    /** Kills it as a crash would (SIGKILL, no shutdown), and waits until it is gone. */
    kill: () => (child ? killHard(child) : Promise.resolve()),
    /** Starts it again, on the same port, and waits until it answers. */
    restart: start,
    async stop(): Promise<void> {
      await child?.stop();
    },
  };
}

/** SIGKILL, as a crash or the OOM killer ends a process: no shutdown hooks, no draining. Waits until it is gone. */
export async function killHard(child: ManagedProcess): Promise<void> {
  if (child.exit) return;
  if (child.pid) process.kill(child.pid, 'SIGKILL');
  await child.stop();
}

export type SubgraphProcess = Awaited<ReturnType<typeof startSubgraphProcess>>;
