import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SUBGRAPHS, subgraphUrlVariable } from '../cli/components';
import { resolveNatsServer } from '../nats/resolve-nats-server';
import { startNatsServer } from '../nats/start-nats-server';
import { freePort } from '../process/ports';
import { NO_DATABASE_QUERY } from './bench-queries';
import { procRss } from './compare';
import { progress } from './stack';

// autocannon ships no types; this is the part used here.
type Autocannon = (options: Record<string, unknown>) => Promise<{ requests: { average: number }; non2xx: number }>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface MemoryOptions {
  durationSeconds: number;
  connections: number;
  repetitions: number;
}

/** One gateway start: its old-space ceiling (undefined: V8's default) and what was seen. */
interface MemoryRow {
  label: string;
  oldSpaceMb?: number;
  idleMb: number;
  peakMb: number[];
  requestsPerSecond: number[];
}

/**
 * `npm run bench -- --memory`: the built gateway's resident memory at 50 connections, with and without a ceiling on
 * V8's old space, side by side (docs/benchmark.md). The gateway runs in a process of its own, on the real
 * supergraph, every subgraph URL pointing at one stand-in that answers the no-database query at once (no MongoDB,
 * no stack, a NATS of its own: what is measured is the gateway). RSS is read from /proc every 100 ms. The ceilings are those the
 * manifests set (infra/k8s, the gateway's NODE_OPTIONS) and any given with --old-space MB[,MB…].
 */
export async function runMemory(repoRoot: string, options: MemoryOptions, ceilings: number[]): Promise<void> {
  const stub = await startStandIn();
  // The gateway needs NATS at start (the response cache's invalidations): a throwaway server of its own.
  const natsDir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-memory-'));
  const nats = await startNatsServer({
    binary: resolveNatsServer().binary,
    port: await freePort(),
    storeDir: natsDir,
    logPath: path.join(natsDir, 'nats.log'),
  });
  const variants: Array<number | undefined> = [undefined, ...ceilings];
  const rows: MemoryRow[] = [];
  try {
    for (const oldSpaceMb of variants)
      rows.push(await measure(repoRoot, { ...stub, natsUrl: nats.url }, oldSpaceMb, options));
  } finally {
    await new Promise<void>((resolve) => stub.server.close(() => resolve()));
    await nats.stop();
    rmSync(natsDir, { recursive: true, force: true });
  }
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  console.log(
    `\nThe gateway's resident memory, ${options.connections} connections, ${options.repetitions} × ${options.durationSeconds} s of the no-database query`,
  );
  console.log(line(['old space', 'RSS idle', ...rows[0].peakMb.map((_, i) => `peak, run ${i + 1}`), 'req/s per run']));
  console.log(line(['---', ...Array.from({ length: rows[0].peakMb.length + 2 }, () => '---:')]));
  for (const row of rows)
    console.log(
      line([
        row.label,
        `${row.idleMb} MB`,
        ...row.peakMb.map((mb) => `${mb} MB`),
        row.requestsPerSecond.map((rps) => Math.round(rps)).join(', '),
      ]),
    );
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
  stub: { url: string; natsUrl: string },
  oldSpaceMb: number | undefined,
  options: MemoryOptions,
): Promise<MemoryRow> {
  const label = oldSpaceMb === undefined ? 'V8 default' : `--max-old-space-size=${oldSpaceMb}`;
  const port = await freePort();
  const key = { ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }), kid: 'bench-memory' };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    INTERNAL_TOKEN_KEY: JSON.stringify(key),
    // The stand-in sends no Cache-Control, so the response cache keeps nothing: every request goes through.
    NATS_URL: stub.natsUrl,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), stub.url])),
  };
  const args = [...(oldSpaceMb === undefined ? [] : [`--max-old-space-size=${oldSpaceMb}`]), 'gateway/dist/main.js'];
  progress(`starting the gateway with ${label} on :${port}…`);
  const gateway = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, gateway);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleMb = rssMb(gateway);
    const peakMb: number[] = [];
    const requestsPerSecond: number[] = [];
    for (let run = 1; run <= options.repetitions; run++) {
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
      progress(`${label}, run ${run}: peak ${peak} MB, ${Math.round(result.requests.average)} req/s`);
    }
    return { label, ...(oldSpaceMb !== undefined && { oldSpaceMb }), idleMb, peakMb, requestsPerSecond };
  } finally {
    gateway.kill('SIGTERM');
    await new Promise((resolve) => gateway.once('exit', resolve));
  }
}

function rssMb(child: ChildProcess): number {
  return Math.round(procRss(child.pid as number) / 1024 / 1024);
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}) before it was ready`);
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the gateway was not ready within 60 s (${url})`);
}

/** The old-space size the gateway's Deployment sets in NODE_OPTIONS (infra/k8s/base/gateway/deployment.yaml). */
export function manifestOldSpaceMb(repoRoot: string): number | undefined {
  const text = readFileSync(path.join(repoRoot, 'infra', 'k8s', 'base', 'gateway', 'deployment.yaml'), 'utf8');
  const match = /--max-old-space-size=(\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}
