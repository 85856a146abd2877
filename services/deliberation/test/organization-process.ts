import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Actor } from '@gongzhi/contracts';
import { freePort } from '@gongzhi/infra';
import { internalAuthorization, testDatabaseName, testEventsNamespace, testInternalKeyEnv, testMongoUri, testNatsUrl, testPersonalDataKeyEnv, waitFor } from '@gongzhi/testing';
import type { GraphQLResult } from './deliberation.harness';

const ORGANIZATION_DIR = path.resolve(__dirname, '..', '..', 'organization');
const SERVICE_ACTOR: Actor = { kind: 'service', id: 'deliberation-tests', roles: [], scopes: [] };

/**
 * The organization subgraph in a process of its own, from its build — two code-first NestJS subgraphs cannot share
 * one process (their GraphQL type metadata is global) — on this file's database and event namespace, with its demo
 * data of 斜塘街道 loaded first. Deliberation learns the territory from it exactly as in production: events.
 */
export async function startOrganizationProcess() {
  const main = builtScript('main.js');
  const port = await freePort();
  const databaseName = await loadOrganizationDemoData();
  const env = {
    ...process.env,
    ...(await testInternalKeyEnv()),
    ...testPersonalDataKeyEnv(),
    PORT: String(port),
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: databaseName,
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  };
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const subgraphUrl = `http://127.0.0.1:${port}/graphql`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`organization exited with ${child.exitCode}: ${output.join('').slice(-2000)}`);
      return fetch(`http://127.0.0.1:${port}/health/live`).then((res) => res.ok, () => false);
    },
    'organization to answer on /health/live',
    60_000,
  );
  return {
    /** The SDL it serves: its committed schema, which organization's own schema spec keeps exactly so. */
    sdl: readFileSync(path.join(ORGANIZATION_DIR, 'schema.graphql'), 'utf8'),
    subgraphUrl,
    databaseName,
    /** One operation on the subgraph itself, as a trusted service unless `actor` says otherwise: for test set-up. */
    async call<T = any>(query: string, variables: Record<string, unknown> = {}, actor: Actor = SERVICE_ACTOR): Promise<GraphQLResult<T>> {
      const res = await fetch(subgraphUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await internalAuthorization(actor, 'organization')) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResult<T>;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Loads organization's demo data (斜塘街道 and the other streets of the field reports) into this file's organization database; returns its name. */
export async function loadOrganizationDemoData(): Promise<string> {
  const databaseName = testDatabaseName('organization');
  await runToEnd(builtScript('demo/load-demo-data.js'), { ...process.env, ...testPersonalDataKeyEnv(), MONGODB_URI: testMongoUri(), MONGODB_DB: databaseName, LOG_LEVEL: 'warn' });
  return databaseName;
}

function builtScript(name: string): string {
  const script = path.join(ORGANIZATION_DIR, 'dist', name);
  if (!existsSync(script)) throw new Error('services/organization is not built: run `npm run build` (npm test does)');
  return script;
}

function runToEnd(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk) => (errors += String(chunk)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(script)} exited with ${code}: ${errors.slice(-2000)}`))));
  });
}
