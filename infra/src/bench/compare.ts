import { type Actor, createInternalTokenSigner, importSigningKey, type JWK } from '@gongzhi/contracts';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GATEWAY, portFromEnv, SUBGRAPHS } from '../cli/components';
import { statePaths } from '../cli/state-paths';
import { DEV_ISSUER_PRIVATE_KEY_FILE, signDevPersonToken } from '../dev-issuer/dev-issuer';
import { isPortInUse } from '../process/ports';
import {
  COMMUNITY_TREE_QUERY,
  DEEP_QUERY,
  LIST_QUERY,
  LIST_SIZE,
  LIST_SIZES_COUNTED,
  MUTATION,
  mutationVariables,
  NO_DATABASE_QUERY,
  ONE_SUBGRAPH_QUERY,
  UNCACHED_VARIABLE,
} from './bench-queries';
import { BENCH_ACTOR_HEADER, benchActorHeader } from './plain-gateway';
import {
  ensureStack,
  graphql,
  issuePartnerKey,
  type PartnerKey,
  personActorOf,
  progress,
  revokePartnerKey,
} from './stack';
import { alternatingOrder, median, ratio, sumSamples } from './stats';
import { BENCH_KEY_POINTS_PER_MINUTE } from './key-ceiling';
import { listenerPid } from './listener-pid';
import { targetsOf } from './targets';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Answers with a 2xx status. */
  '2xx': number;
  /** The run's length in seconds. */
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface CompareOptions {
  durationSeconds: number;
  connections: number;
  repetitions: number;
  warmupSeconds: number;
  subject: string;
  /** Only the scenarios whose name contains this (e.g. `list`). */
  only?: string;
  /** Whether to issue a partner key and run as a partner too. */
  partner: boolean;
}

type VariantName = 'gongzhi' | 'plain' | 'direct';
const VARIANTS: VariantName[] = ['gongzhi', 'plain', 'direct'];
type CallerName = 'person' | 'partner';

interface Caller {
  name: CallerName;
  /** What Gongzhi's gateway is sent. */
  credentials: Record<string, string>;
  actor: Actor;
}

interface Scenario {
  name: string;
  /** The subgraph called directly, when the operation touches only one. */
  direct?: string;
  /** The body of the n-th request of a run. */
  body: (n: number, run: string) => string;
  /** Whether every request's body differs (then autocannon builds each one). */
  varies: boolean;
  /** Who may run it; default everyone. */
  callers?: CallerName[];
  /** The same request again and again, for the gateway's response cache to answer (its hit ratio is reported). */
  cached?: boolean;
}

/** The issue's target for repeated reads the response cache answers: Gongzhi ≥ 5× plain. */
const CACHED_TARGET = 5;
const METRIC_RESPONSE_CACHE = 'gongzhi_gateway_response_cache_total';

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

const METRIC_DB_COMMANDS = 'gongzhi_mongodb_command_duration_seconds_count';

export async function runComparison(repoRoot: string, options: CompareOptions): Promise<void> {
  const { keysDir } = statePaths(repoRoot);
  const gatewayBase = `http://127.0.0.1:${portFromEnv(GATEWAY.portEnv, GATEWAY.defaultPort)}`;
  const gatewayGraphql = `${gatewayBase}/graphql`;
  const subgraphBase = Object.fromEntries(
    SUBGRAPHS.map((s) => [s.name, `http://127.0.0.1:${portFromEnv(s.portEnv, s.defaultPort)}`]),
  );
  const subgraphGraphql = (name: string) => `${subgraphBase[name]}/graphql`;

  const stack = await ensureStack(repoRoot, gatewayBase);
  let plain: ChildProcess | undefined;
  let partnerKey: PartnerKey | undefined;
  let staffToken = '';
  const readJwk = (file: string) => JSON.parse(readFileSync(path.join(keysDir, file), 'utf8')) as JWK;
  try {
    staffToken = await signDevPersonToken(readJwk(DEV_ISSUER_PRIVATE_KEY_FILE), { subject: options.subject });
    const signer = createInternalTokenSigner(await importSigningKey(readJwk('internal-token.private.jwk.json')), 60);
    const personActor = await personActorOf(options.subject, subgraphGraphql('organization'), signer);
    if (options.partner) {
      progress('issuing a partner API key for the partner runs…');
      partnerKey = await issuePartnerKey(gatewayGraphql, staffToken).catch((error: Error) => {
        progress(`no partner runs: ${error.message}`);
        return undefined;
      });
    }
    const callers: Caller[] = [
      { name: 'person', credentials: { authorization: `Bearer ${staffToken}` }, actor: personActor },
      ...(partnerKey
        ? [{ name: 'partner' as const, credentials: { 'x-api-key': partnerKey.secret }, actor: partnerKey.actor }]
        : []),
    ];

    const plainPort = portFromEnv('BENCH_PLAIN_GATEWAY_PORT', 4099);
    if (await isPortInUse(plainPort))
      throw new Error(`port ${plainPort} for the plain gateway is taken: set BENCH_PLAIN_GATEWAY_PORT to another`);
    progress(`starting the plain @apollo/gateway reference on :${plainPort}…`);
    plain = startPlainGateway(repoRoot, plainPort, subgraphGraphql, keysDir);
    const plainGraphql = `http://127.0.0.1:${plainPort}/graphql`;
    await waitForPlain(plainGraphql, plain);

    const placeId =
      personActor.roles.flatMap((role) => role.jurisdiction?.communityIds ?? [])[0] ??
      (await firstCommunity(gatewayGraphql, callers[0].credentials));
    const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
    // The rows without the cache: each request a new value of a variable no operation declares, so the gateway's
    // response cache never answers one (every variant is sent the same).
    const uncached = (name: string, query: string, variables: Record<string, unknown> = {}, direct?: string) => ({
      name,
      direct,
      body: (n: number, run: string) => json(query, { ...variables, [UNCACHED_VARIABLE]: `${run}-${n}` }),
      varies: true,
    });
    const scenarios: Scenario[] = [
      uncached('one subgraph', ONE_SUBGRAPH_QUERY, {}, 'organization'),
      uncached('no database', NO_DATABASE_QUERY, {}, 'facilities'),
      uncached('deep cross-subgraph', DEEP_QUERY),
      uncached(`list of ${LIST_SIZE}`, LIST_QUERY, { first: LIST_SIZE }),
      // Repeated reads: the gateway's response cache answers them; plain and direct have none.
      {
        name: 'cached: one subgraph',
        direct: 'organization',
        body: () => json(ONE_SUBGRAPH_QUERY),
        varies: false,
        cached: true,
      },
      {
        name: 'cached: community tree',
        direct: 'organization',
        body: () => json(COMMUNITY_TREE_QUERY),
        varies: false,
        cached: true,
      },
      {
        name: 'mutation',
        direct: 'deliberation',
        body: (n: number, run: string) => json(MUTATION, mutationVariables(placeId, run, n)),
        varies: true,
        callers: ['person'],
      },
    ];
    const chosen = scenarios.filter((s) => !options.only || s.name.includes(options.only));

    // From /proc like plain's when the gateway's process can be found: scraping its /metrics four times a second
    // was 2.5 % of its CPU in a profile of a bench run, work plain never did.
    const gatewayPid = listenerPid(portFromEnv(GATEWAY.portEnv, GATEWAY.defaultPort));
    const gongzhiRss = new PeakRss(async () => {
      if (gatewayPid !== undefined) return procRss(gatewayPid);
      const text = await (await fetch(`${gatewayBase}/metrics`)).text();
      return sumSamples(text, 'process_resident_memory_bytes');
    });
    const plainRss = new PeakRss(async () => procRss(plain!.pid!));

    const cacheCounts = async () => {
      const text = await (await fetch(`${gatewayBase}/metrics`)).text();
      return {
        hits: sumSamples(text, METRIC_RESPONSE_CACHE, { result: 'hit' }),
        lookups: sumSamples(text, METRIC_RESPONSE_CACHE),
      };
    };

    const rows: Row[] = [];
    let runSerial = 0;
    const skipped: string[] = [];
    const callersOf = (scenario: Scenario) =>
      callers.filter((c) => !scenario.callers || scenario.callers.includes(c.name));
    const total = chosen.reduce((n, s) => n + (s.direct ? 3 : 2) * callersOf(s).length, 0) * options.repetitions;
    let done = 0;
    const started = Date.now();
    for (const scenario of chosen) {
      for (const caller of callersOf(scenario)) {
        const variants = VARIANTS.filter((v) => v !== 'direct' || scenario.direct);
        const target = async (variant: VariantName) => {
          if (variant === 'gongzhi') return { url: gatewayGraphql, headers: caller.credentials };
          if (variant === 'plain')
            return { url: plainGraphql, headers: { [BENCH_ACTOR_HEADER]: benchActorHeader(caller.actor) } };
          // Signed afresh for each run (it lives 60 s; a run is shorter), as the gateway would sign it.
          const token = await signer.sign({ actor: caller.actor, audience: scenario.direct!, requestId: 'bench' });
          return { url: subgraphGraphql(scenario.direct!), headers: { authorization: `Bearer ${token}` } };
        };
        // Each variant answers data, not errors, before anything is measured; then a warm-up.
        // A scenario that answers errors would measure the error path: it is left out, and the report says why.
        let refused: string | undefined;
        for (const variant of variants) {
          const { url, headers } = await target(variant);
          refused = await probe(url, headers, scenario.body(0, `probe-${Date.now()}-${variant}-${caller.name}`)).then(
            () => undefined,
            (error: Error) => `${scenario.name} as ${caller.name} via ${variant}: ${error.message}`,
          );
          if (refused) break;
          if (options.warmupSeconds > 0)
            await measure(url, headers, scenario, `warm-${++runSerial}`, options.warmupSeconds, options.connections);
        }
        if (refused) {
          progress(`left out: ${refused}`);
          skipped.push(refused);
          done += variants.length * options.repetitions;
          continue;
        }
        const results: Partial<Record<VariantName, Sample[]>> = {};
        // The response cache's hits and lookups during Gongzhi's measured runs of this row (other requests to the
        // gateway meanwhile count too: run the bench on a stack nobody else uses).
        const cache = { hits: 0, lookups: 0 };
        for (let repetition = 0; repetition < options.repetitions; repetition++) {
          for (const variant of alternatingOrder(variants, repetition)) {
            const { url, headers } = await target(variant);
            const rss = variant === 'gongzhi' ? gongzhiRss : variant === 'plain' ? plainRss : undefined;
            rss?.start();
            const cacheBefore = variant === 'gongzhi' ? await cacheCounts() : undefined;
            const sample = await measure(
              url,
              headers,
              scenario,
              `${Date.now().toString(36)}-${++runSerial}`,
              options.durationSeconds,
              options.connections,
            );
            await rss?.stop();
            if (cacheBefore) {
              const cacheAfter = await cacheCounts();
              cache.hits += cacheAfter.hits - cacheBefore.hits;
              cache.lookups += cacheAfter.lookups - cacheBefore.lookups;
            }
            (results[variant] ??= []).push(sample);
            done++;
            const eta = Math.round((((Date.now() - started) / done) * (total - done)) / 1000);
            progress(
              `[${done}/${total}] ${scenario.name}, ${caller.name}, ${variant}: ${sample.rps.toFixed(0)} req/s, p99 ${sample.p99} ms${sample.failures ? `, ${sample.failures} failed` : ''} (about ${eta} s left)`,
            );
          }
        }
        rows.push({ scenario: scenario.name, caller: caller.name, results, cached: scenario.cached ?? false, cache });
      }
    }

    progress('counting database operations per request of the list…');
    const dbOps: Record<number, number> = {};
    for (const size of LIST_SIZES_COUNTED)
      dbOps[size] = await databaseOperationsPerRequest(
        gatewayGraphql,
        callers[0].credentials,
        json(LIST_QUERY, { first: size }),
        Object.values(subgraphBase),
      );

    printReport(options, rows, { gongzhi: gongzhiRss.peak, plain: plainRss.peak }, dbOps, partnerKey);
    for (const reason of skipped) console.log(`Left out (answered errors): ${reason.slice(0, 300)}`);
  } finally {
    if (partnerKey)
      await revokePartnerKey(gatewayGraphql, staffToken, partnerKey.id).catch((error: Error) =>
        progress(`could not revoke the partner key ${partnerKey!.id} (revoke it by hand): ${error.message}`),
      );
    if (plain && plain.exitCode === null) {
      const exited = new Promise((resolve) => plain!.once('exit', resolve));
      plain.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
    }
    await stack.stop();
  }
}

function startPlainGateway(
  repoRoot: string,
  port: number,
  subgraphGraphql: (name: string) => string,
  keysDir: string,
): ChildProcess {
  return spawn(process.execPath, [path.join(__dirname, 'plain-gateway.js')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      SUPERGRAPH_PATH: process.env.SUPERGRAPH_PATH ?? path.join(repoRoot, 'gateway/supergraph/supergraph.graphql'),
      INTERNAL_TOKEN_KEY_PATH: path.join(keysDir, 'internal-token.private.jwk.json'),
      SUBGRAPH_URLS: JSON.stringify(Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphGraphql(s.name)]))),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitForPlain(url: string, child: ChildProcess): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the plain gateway stopped (exit ${child.exitCode})`);
    const ok = await graphql(url, {}, '{ __typename }').then(
      () => true,
      () => false,
    );
    if (ok) return;
    if (Date.now() - started > 60_000) throw new Error('the plain gateway did not answer within 60 s');
    await sleep(300);
  }
}

/** The first community the caller sees: where the mutation records opinions. */
async function firstCommunity(gatewayGraphql: string, credentials: Record<string, string>): Promise<string> {
  const data = await graphql<{ communities: { edges: Array<{ node: { id: string } }> } }>(
    gatewayGraphql,
    credentials,
    '{ communities(first: 1) { edges { node { id } } } }',
  );
  const id = data.communities.edges[0]?.node.id;
  if (!id) throw new Error('the caller sees no community to record opinions in (demo data?)');
  return id;
}

/**
 * One request that must answer data without errors. A failure is retried a few times (a dependency busy for a moment,
 * a keep-alive connection closed under the request) before it counts.
 */
async function probe(url: string, headers: Record<string, string>, body: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const failure = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(60_000),
    }).then(
      async (response) => {
        const text = await response.text();
        return response.ok && !text.includes('"errors"') ? undefined : `${response.status} ${text.slice(0, 400)}`;
      },
      (error: Error) => error.message,
    );
    if (failure === undefined) return;
    if (attempt === 5) throw new Error(failure);
    await sleep(2_000);
  }
}

async function measure(
  url: string,
  headers: Record<string, string>,
  scenario: Scenario,
  run: string,
  seconds: number,
  connections: number,
): Promise<Sample> {
  let n = 0;
  const allHeaders = { 'content-type': 'application/json', ...headers };
  const result = await autocannon({
    url,
    method: 'POST',
    headers: allHeaders,
    duration: seconds,
    connections,
    ...(scenario.varies
      ? {
          requests: [
            {
              method: 'POST',
              setupRequest: (request: Record<string, unknown>) => ({ ...request, body: scenario.body(++n, run) }),
            },
          ],
        }
      : { body: scenario.body(0, run) }),
  });
  return {
    // Answered requests only: a refusal (the partner key's rate limit, a timeout) is fast and must not count as speed.
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** Samples a process's resident memory every 250 ms while a run goes on; keeps the peak. */
class PeakRss {
  peak = 0;
  private timer?: NodeJS.Timeout;
  constructor(private readonly read: () => Promise<number>) {}
  start(): void {
    this.timer = setInterval(() => void this.sample(), 250);
  }
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sample();
  }
  private async sample(): Promise<void> {
    const bytes = await this.read().catch(() => 0);
    this.peak = Math.max(this.peak, bytes);
  }
}

/** A process's resident memory in bytes, from /proc. */
export function procRss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * MongoDB commands the subgraphs send per request (their `gongzhi_mongodb_command_duration_seconds` counts), for
 * `requests` requests one after the other, minus what they send idle over as long (outbox relays, sweeps).
 */
async function databaseOperationsPerRequest(
  url: string,
  headers: Record<string, string>,
  body: string,
  subgraphs: string[],
  requests = 10,
): Promise<number> {
  const count = async () => {
    let total = 0;
    for (const base of subgraphs)
      total += sumSamples(await (await fetch(`${base}/metrics`)).text(), METRIC_DB_COMMANDS);
    return total;
  };
  const before = await count();
  const started = Date.now();
  for (let i = 0; i < requests; i++) await probe(url, headers, body);
  const busy = (await count()) - before;
  const elapsed = Date.now() - started;
  const idleStart = await count();
  await sleep(elapsed);
  const idle = (await count()) - idleStart;
  return Math.max(0, busy - idle) / requests;
}

interface Row {
  scenario: string;
  caller: CallerName;
  results: Partial<Record<VariantName, Sample[]>>;
  cached: boolean;
  /** The gateway's response cache during Gongzhi's runs: hits and lookups. */
  cache: { hits: number; lookups: number };
}

function printReport(
  options: CompareOptions,
  rows: Row[],
  peakRss: Record<'gongzhi' | 'plain', number>,
  dbOps: Record<number, number>,
  partnerKey: PartnerKey | undefined,
): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\n${new Date().toISOString()}; ${os.cpus().length} × ${cpu}, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `${options.connections} connections, ${options.durationSeconds} s a run, medians of ${options.repetitions} alternating runs after a ${options.warmupSeconds} s warm-up`,
  );
  if (partnerKey)
    console.log(
      `The partner key was granted ${partnerKey.rateLimitPerMinute.toLocaleString('en-US')} points a minute${
        partnerKey.rateLimitPerMinute < BENCH_KEY_POINTS_PER_MINUTE
          ? " (all this stack allows: a partner row may be refused by the key's limit)"
          : ' (more than any partner would be: its limit never refuses, its counting is measured)'
      }`,
    );
  console.log('');
  console.log(
    '| query | caller | variant | req/s | p50 ms | p99 ms | failed | req/s ÷ plain | req/s ÷ direct | p99 ÷ plain | cache hits |',
  );
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const hitRatio = ({ hits, lookups }: Row['cache']) =>
    lookups > 0 ? `${((100 * hits) / lookups).toFixed(1)} %` : 'no lookups';
  for (const { scenario, caller, results, cache } of rows) {
    const med = (variant: VariantName, key: keyof Sample) =>
      results[variant] ? median(results[variant].map((s) => s[key])) : undefined;
    for (const variant of VARIANTS) {
      const samples = results[variant];
      if (!samples) continue;
      const rps = med(variant, 'rps')!;
      const p99 = med(variant, 'p99')!;
      const failed = samples.reduce((n, s) => n + s.failures, 0);
      console.log(
        `| ${scenario} | ${caller} | ${variant} | ${rps.toFixed(0)} | ${med(variant, 'p50')} | ${p99} | ${failed} | ${
          variant === 'plain' ? '' : ratio(rps, med('plain', 'rps'))
        } | ${variant === 'direct' ? '' : ratio(rps, med('direct', 'rps'))} | ${variant === 'plain' ? '' : ratio(p99, med('plain', 'p99'))} | ${
          variant === 'gongzhi' ? hitRatio(cache) : ''
        } |`,
      );
    }
  }
  printTargets(rows.filter((row) => !row.cached));
  for (const { scenario, caller, results, cache } of rows.filter((row) => row.cached)) {
    const gongzhi = results.gongzhi && median(results.gongzhi.map((s) => s.rps));
    const plain = results.plain && median(results.plain.map((s) => s.rps));
    const times = gongzhi !== undefined && plain ? gongzhi / plain : undefined;
    console.log(
      `Repeated reads, ${scenario} as ${caller}: Gongzhi ${ratio(gongzhi ?? Number.NaN, plain)} plain (target ≥ ${CACHED_TARGET}×: ${
        times === undefined ? 'not measured' : times >= CACHED_TARGET ? 'met' : 'not met'
      }), ${hitRatio(cache)} of its lookups answered by the response cache`,
    );
  }
  const mb = (bytes: number) => (bytes ? `${Math.round(bytes / 2 ** 20)} MB` : 'unknown');
  console.log(
    `\nPeak resident memory during the runs: Gongzhi's gateway ${mb(peakRss.gongzhi)}, plain gateway ${mb(peakRss.plain)}`,
  );
  console.log(
    `Database operations per request of the list query (all subgraphs, idle traffic subtracted): ${LIST_SIZES_COUNTED.map(
      (size) => `${dbOps[size].toFixed(1)} at ${size} items`,
    ).join(', ')}`,
  );
}

/** Issue 16's targets without caching, row by row: met or not met, with the ratio it was judged on. */
function printTargets(
  rows: Array<{ scenario: string; caller: CallerName; results: Partial<Record<VariantName, Sample[]>> }>,
): void {
  console.log('\nTargets without caching (issue 16), from the medians above:\n');
  for (const { scenario, caller, results } of rows) {
    const failed = Object.values(results).reduce((n, samples) => n + samples.reduce((m, s) => m + s.failures, 0), 0);
    if (failed > 0) {
      console.log(`- ${scenario}, ${caller}: not judged, ${failed} requests failed (see the table's failed column)`);
      continue;
    }
    const med = (variant: VariantName) =>
      results[variant] && {
        rps: median(results[variant].map((s) => s.rps)),
        p99: median(results[variant].map((s) => s.p99)),
      };
    const checks = targetsOf({ scenario, gongzhi: med('gongzhi'), plain: med('plain'), direct: med('direct') });
    console.log(`- ${scenario}, ${caller}: ${checks.map(([target, verdict]) => `${target}: ${verdict}`).join('; ')}`);
  }
}
