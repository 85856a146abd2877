import { createInternalTokenSigner, importSigningKey, type JWK } from '@gongzhi/contracts';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GATEWAY, portFromEnv, SUBGRAPHS } from '../cli/components';
import { statePaths } from '../cli/state-paths';
import { DEV_ISSUER_PRIVATE_KEY_FILE, signDevPersonToken } from '../dev-issuer/dev-issuer';
import { personActorOf } from './stack';

/**
 * `npm run bench -- --per-replica`: per-replica throughput of each subgraph (called directly, as the gateway calls it) and of the same
 * query through the gateway, against a stack `npm start` is running on this machine. Bounded: one scenario at a time,
 * `--duration` seconds (≤ 45, internal tokens live 60 s) with `--connections` connections (≤ 64). docs/scaling.md
 * records a run and what it does and does not tell.
 */

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/** One representative read per subgraph: a page of 20 of its main list, as a screen would ask. */
export const QUERIES: Record<string, string> = {
  organization: '{ communities(first: 20) { edges { node { id name } } } }',
  services: '{ careItems(first: 20) { edges { node { id name } } } }',
  facilities: '{ lamps(first: 20) { edges { node { id status } } } }',
  deliberation: '{ motions(first: 20) { edges { node { id status } } } }',
};

/**
 * A query answered without the database (facilities' Open311 service list is a constant): what one replica's own
 * work costs per request — HTTP, the internal token, GraphQL parsing, validation and execution — whatever the disk.
 */
const NO_DATABASE_QUERIES: Record<string, string> = {
  'facilities (no database)': '{ lampFaultServices { serviceCode serviceName slaHours } }',
};

export interface PerReplicaOptions {
  durationSeconds: number;
  connections: number;
  subject: string;
}

const readJwk = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as JWK;

export async function runPerReplica(repoRoot: string, options: PerReplicaOptions): Promise<void> {
  const { keysDir } = statePaths(repoRoot);
  const gatewayUrl = `http://127.0.0.1:${portFromEnv(GATEWAY.portEnv, GATEWAY.defaultPort)}`;
  const subgraphUrl = (name: string) => {
    const subgraph = SUBGRAPHS.find((s) => s.name === name);
    if (!subgraph) throw new Error(`no subgraph ${name}`);
    return `http://127.0.0.1:${portFromEnv(subgraph.portEnv, subgraph.defaultPort)}/graphql`;
  };

  const ready = await fetch(`${gatewayUrl}/health/ready`).catch(() => undefined);
  if (!ready?.ok)
    throw new Error(
      `the stack is not ready at ${gatewayUrl}/health/ready: start it first with \`npm start\` (in another terminal)`,
    );

  const personToken = await signDevPersonToken(readJwk(path.join(keysDir, DEV_ISSUER_PRIVATE_KEY_FILE)), {
    subject: options.subject,
  });
  const signer = createInternalTokenSigner(
    await importSigningKey(readJwk(path.join(keysDir, 'internal-token.private.jwk.json'))),
    60,
  );
  const actor = await personActorOf(options.subject, subgraphUrl('organization'), signer);

  const rows: Array<{ scenario: string; result: AutocannonResult }> = [];
  const run = async (
    scenario: string,
    request: { url: string; method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  ) => {
    // One request first: a scenario that answers errors would measure the error path, not the work.
    const probe = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
    const text = await probe.text();
    if (!probe.ok || text.includes('"errors"')) throw new Error(`${scenario}: ${probe.status} ${text.slice(0, 300)}`);
    process.stderr.write(`${scenario}: ${options.durationSeconds} s, ${options.connections} connections…\n`);
    const result = await autocannon({
      ...request,
      duration: options.durationSeconds,
      connections: options.connections,
    });
    rows.push({ scenario, result });
  };

  await run('gateway GET /health/live (HTTP floor)', { url: `${gatewayUrl}/health/live`, method: 'GET' });
  for (const [label, query] of [...Object.entries(QUERIES), ...Object.entries(NO_DATABASE_QUERIES)]) {
    const name = label.split(' ')[0];
    const body = JSON.stringify({ query });
    const internalToken = await signer.sign({ actor, audience: name, requestId: `bench-${name}` });
    await run(`${label} direct`, {
      url: subgraphUrl(name),
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${internalToken}` },
      body,
    });
    await run(`${label} through the gateway`, {
      url: `${gatewayUrl}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${personToken}` },
      body,
    });
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\n${os.cpus().length} × ${cpu}, Node ${process.version}; ${options.connections} connections, ${options.durationSeconds} s each; as ${options.subject}\n`,
  );
  console.log('| scenario | req/s | p50 ms | p99 ms | errors |');
  console.log('|---|---:|---:|---:|---:|');
  for (const { scenario, result } of rows) {
    const failures = result.errors + result.timeouts + result.non2xx;
    console.log(
      `| ${scenario} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${failures} |`,
    );
  }
}
