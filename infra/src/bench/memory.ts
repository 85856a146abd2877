import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPHS, subgraphUrlVariable } from '../cli/components';
import { resolveNatsServer } from '../nats/resolve-nats-server';
import { startNatsServer } from '../nats/start-nats-server';
import { freePort } from '../process/ports';
import { NO_DATABASE_QUERY } from './bench-queries';
import { procRss } from './compare';
import { progress } from './stack';

// autocannon ships no types; this is the part used here.
type Autocannon = (
  options: Record<string, unknown>,
) => Promise<{ requests: { average: number; total: number }; non2xx: number }>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface MemoryOptions {
  durationSeconds: number;
  connections: number;
  repetitions: number;
  /** The gateway build to start, relative to the repository (default gateway/dist/main.js). */
  entry: string;
}

/** One way of starting the gateway: a name and the NODE_OPTIONS it gets. */
export interface MemoryVariant {
  label: string;
  nodeOptions: string;
}

/** One gateway start and what was seen. */
interface MemoryRow extends MemoryVariant {
  idleMb: number;
  idleHeapMb: number;
  peakMb: number[];
  requestsPerSecond: number[];
  /** The gateway's CPU time (user + system) per request answered, each run: what a flag costs, whatever the load. */
  cpuMsPerRequest: number[];
}

/** What the gateway needs of its environment besides its port: the stand-in, NATS, a key, a JWKS. */
type GatewayEnvironment = Record<string, string>;

/**
 * `npm run bench -- --memory`: the built gateway's resident memory at 50 connections, started as production starts
 * it (NODE_ENV=production) with V8's defaults, with the NODE_OPTIONS its Deployment sets, and with any other
 * variants, side by side (docs/benchmark.md). The gateway runs in a process of its own, on the real supergraph, every
 * subgraph URL pointing at one stand-in that answers the no-database query at once (no MongoDB, no stack, a NATS of
 * its own: what is measured is the gateway). RSS is read from /proc every 100 ms; the heap in use at rest from the
 * gateway's own /metrics.
 */
export async function runMemory(repoRoot: string, options: MemoryOptions, variants: MemoryVariant[]): Promise<void> {
  const stub = await startStandIn();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-memory-'));
  // The gateway needs NATS at start (partner keys, the response cache's invalidations): a throwaway server of its own.
  const nats = await startNatsServer({
    binary: resolveNatsServer().binary,
    port: await freePort(),
    storeDir: workDir,
    logPath: path.join(workDir, 'nats.log'),
  });
  const rows: MemoryRow[] = [];
  try {
    const env = await productionEnvironment(workDir, stub.url, nats.url);
    for (const variant of variants) rows.push(await measure(repoRoot, env, variant, options));
  } finally {
    await new Promise<void>((resolve) => stub.server.close(() => resolve()));
    await nats.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  console.log(
    `\nThe gateway's resident memory (${options.entry}, NODE_ENV=production), ${options.connections} connections, ` +
      `${options.repetitions} × ${options.durationSeconds} s of the no-database query`,
  );
  console.log(
    line([
      'variant',
      'NODE_OPTIONS',
      'RSS idle',
      'heap in use idle',
      ...rows[0].peakMb.map((_, i) => `peak, run ${i + 1}`),
      'req/s per run',
      'CPU ms per request',
    ]),
  );
  console.log(line(['---', '---', ...Array.from({ length: rows[0].peakMb.length + 4 }, () => '---:')]));
  for (const row of rows)
    console.log(
      line([
        row.label,
        row.nodeOptions ? `\`${row.nodeOptions}\`` : '–',
        `${row.idleMb} MB`,
        `${row.idleHeapMb} MB`,
        ...row.peakMb.map((mb) => `${mb} MB`),
        row.requestsPerSecond.map((rps) => Math.round(rps)).join(', '),
        row.cpuMsPerRequest.map((ms) => ms.toFixed(1)).join(', '),
      ]),
    );
}

/**
 * What production requires, with nothing behind it that the bench's anonymous requests would use: a JWKS of a key
 * nobody signs with (person tokens), and a MongoDB URI on a port where nothing listens (partner keys' points: the
 * driver is loaded and keeps trying, as in production while the store is away).
 */
async function productionEnvironment(
  workDir: string,
  standInUrl: string,
  natsUrl: string,
): Promise<GatewayEnvironment> {
  const jwksPath = path.join(workDir, 'jwks.json');
  const issuerKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  writeFileSync(jwksPath, JSON.stringify({ keys: [{ ...issuerKey, kid: 'bench-memory', alg: 'EdDSA', use: 'sig' }] }));
  const signingKey = { ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }), kid: 'bench-memory' };
  return {
    NODE_ENV: 'production',
    // The rate limit store's retries warn every second; errors still show.
    LOG_LEVEL: 'error',
    INTERNAL_TOKEN_KEY: JSON.stringify(signingKey),
    AUTH_JWKS_PATH: jwksPath,
    AUTH_ISSUER: 'https://bench.invalid',
    // Production requires the origin partners are handed (Open311 discovery); nothing here reaches it.
    PUBLIC_BASE_URL: 'https://bench.invalid',
    MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/gongzhi_gateway`,
    // The stand-in sends no Cache-Control, so the response cache keeps nothing: every request goes through.
    NATS_URL: natsUrl,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), standInUrl])),
  };
}

/** A stand-in for every subgraph: the answer to the no-database query (facilities' Open311 service list). */
async function startStandIn(): Promise<{ server: http.Server; url: string }> {
  const answer = JSON.stringify({
    data: {
      lampFaultServices: [
        { serviceCode: 'LAMP_OUT', serviceName: '路灯不亮', slaHours: 48 },
        { serviceCode: 'LAMP_FLICKER', serviceName: '路灯闪烁', slaHours: 72 },
      ],
    },
  });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function measure(
  repoRoot: string,
  gatewayEnv: GatewayEnvironment,
  variant: MemoryVariant,
  options: MemoryOptions,
): Promise<MemoryRow> {
  const { label, nodeOptions } = variant;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: String(port),
    ...gatewayEnv,
    ...(nodeOptions && { NODE_OPTIONS: nodeOptions }),
  };
  progress(`starting the gateway (${label}${nodeOptions ? `: ${nodeOptions}` : ''}) on :${port}…`);
  const gateway = spawn(process.execPath, [options.entry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, gateway);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleMb = rssMb(gateway);
    const idleHeapMb = await heapInUseMb(`http://127.0.0.1:${port}/metrics`);
    const peakMb: number[] = [];
    const requestsPerSecond: number[] = [];
    const cpuMsPerRequest: number[] = [];
    for (let run = 1; run <= options.repetitions; run++) {
      const cpuBefore = cpuMs(gateway);
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(gateway))), 100);
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: NO_DATABASE_QUERY }),
        duration: options.durationSeconds,
        connections: options.connections,
      });
      clearInterval(sampler);
      if (result.non2xx > 0) throw new Error(`${label}: ${result.non2xx} requests failed`);
      peakMb.push(peak);
      requestsPerSecond.push(result.requests.average);
      cpuMsPerRequest.push((cpuMs(gateway) - cpuBefore) / Math.max(1, result.requests.total));
      progress(`${label}, run ${run}: peak ${peak} MB, ${Math.round(result.requests.average)} req/s`);
    }
    return { ...variant, idleMb, idleHeapMb, peakMb, requestsPerSecond, cpuMsPerRequest };
  } finally {
    gateway.kill('SIGTERM');
    await new Promise((resolve) => gateway.once('exit', resolve));
  }
}

/** The gateway's heap in use (prom-client's nodejs_heap_size_used_bytes), in MB. */
async function heapInUseMb(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const match = /^nodejs_heap_size_used_bytes (\S+)/m.exec(text);
  if (!match) throw new Error(`${metricsUrl} has no nodejs_heap_size_used_bytes`);
  return Math.round(Number(match[1]) / 1024 / 1024);
}

/** The process's user and system CPU time so far, in ms (/proc/PID/stat, in clock ticks of 10 ms). */
function cpuMs(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid as number}/stat`, 'utf8');
  // After the command's name in parentheses: state is field 3, utime 14 and stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(child: ChildProcess): number {
  return Math.round(procRss(child.pid as number) / 1024 / 1024);
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  // Generous: on a shared machine under load a start has taken over a minute.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}) before it was ready`);
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the gateway was not ready within 180 s (${url})`);
}

/** The NODE_OPTIONS the gateway's Deployment sets (infra/k8s/base/gateway/deployment.yaml), '' when none. */
export function manifestNodeOptions(repoRoot: string): string {
  const deployment = parse(
    readFileSync(path.join(repoRoot, 'infra', 'k8s', 'base', 'gateway', 'deployment.yaml'), 'utf8'),
  ) as { spec: { template: { spec: { containers: Array<{ env?: Array<{ name: string; value?: string }> }> } } } };
  const env = deployment.spec.template.spec.containers[0].env ?? [];
  return env.find((variable) => variable.name === 'NODE_OPTIONS')?.value ?? '';
}

/**
 * The variants `npm run bench -- --memory` starts: V8's defaults, the Deployment's NODE_OPTIONS, the same with each
 * other old-space ceiling (--old-space), and each set of options given whole (--node-options, `;` between sets).
 */
export function memoryVariants(manifest: string, oldSpace: number[], nodeOptions: string[]): MemoryVariant[] {
  const withOldSpace = (mb: number) =>
    /--max-old-space-size=\d+/.test(manifest)
      ? manifest.replace(/--max-old-space-size=\d+/, `--max-old-space-size=${mb}`)
      : `${manifest} --max-old-space-size=${mb}`.trim();
  return [
    { label: 'V8 default', nodeOptions: '' },
    ...(manifest ? [{ label: 'Deployment', nodeOptions: manifest }] : []),
    ...oldSpace.map((mb) => ({ label: `old space ${mb}`, nodeOptions: withOldSpace(mb) })),
    ...nodeOptions.map((options, i) => ({ label: `given ${i + 1}`, nodeOptions: options })),
  ];
}
