import { MongoClient, ObjectId } from 'mongodb';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startCluster,
  CLUSTER_PORTS,
  parseClusterArgs,
  type RunningCluster,
  waitForLoadBalancer,
} from '../cli/cluster-command';
import { removePidFile, runningPid, writePidFile } from '../cli/pid-file';
import { statePaths } from '../cli/state-paths';
import { Supervisor } from '../cli/supervisor';
import { ensureDevIssuerKeys, signDevPersonToken } from '../dev-issuer/dev-issuer';
import { waitFor } from '../process/wait-for';
import { Traffic, type TrafficFigures } from './traffic';

/** The consumers of org.building.registered whose handling the drills count. */
const CONSUMERS = [
  { database: 'gongzhi_deliberation', consumer: 'deliberation-territory' },
  { database: 'gongzhi_facilities', consumer: 'facilities-organization-territory' },
];
const LB_URL = `http://127.0.0.1:${CLUSTER_PORTS.loadBalancer}/graphql`;

interface DrillResult {
  name: string;
  passed: boolean;
  did: string[];
  traffic: TrafficFigures;
  writesFound: number;
  eventsPublished: number;
  eventsHandled: Record<string, number>;
  problems: string[];
}

interface DrillContext {
  cluster: RunningCluster;
  token: string;
  compoundId: string;
}

type Drill = {
  name: string;
  /** What to do to the cluster while traffic runs; returns the lines of what it did. */
  act: (context: DrillContext, problems: string[], traffic: Traffic) => Promise<string[]>;
  /** Failed client requests the drill accepts (the in-flight ones of a crash); 0 for planned work. */
  allowedFailures: (traffic: TrafficFigures) => number;
};

const DRILLS: Record<string, Drill> = {
  'mongodb-primary': {
    name: 'kill the MongoDB primary',
    act: async ({ cluster }, problems, traffic) => {
      const primary = await findPrimary(cluster.mongoUri);
      const member = cluster.processes[`mongodb-${CLUSTER_PORTS.mongo.indexOf(primary) + 1}`];
      const started = Date.now();
      process.kill(member.current!.pid!, 'SIGKILL');
      let newPrimary = primary;
      await waitFor(
        'a new primary',
        async () => (newPrimary = await findPrimary(cluster.mongoUri).catch(() => primary)) !== primary,
        {
          timeoutMs: 120_000,
          intervalMs: 500,
        },
      );
      const elected = Date.now() - started;
      const acknowledgedAtElection = traffic.acknowledged.length;
      await sleep(8_000); // writes under the new primary
      const resumed = traffic.acknowledged.length - acknowledgedAtElection;
      if (resumed === 0) problems.push('no write was acknowledged in the 8 s after the new primary was elected');
      return [
        `SIGKILL mongod :${primary} (the primary)`,
        `new primary :${newPrimary} after ${(elected / 1000).toFixed(1)} s; ${resumed} writes acknowledged in the 8 s after`,
        'the killed member is restarted by the supervisor and rejoins as a secondary',
      ];
    },
    // Writes in flight or arriving during the election may fail; what matters is that none acknowledged is lost.
    allowedFailures: (traffic) => traffic.sent,
  },
  'nats-node': {
    name: 'kill one NATS node; revoke a partner key',
    act: async (context, problems) => {
      const { cluster } = context;
      const key = await issuePartnerKey(context);
      const node = cluster.processes['nats-2'];
      process.kill(node.current!.pid!, 'SIGKILL');
      await sleep(2_000);
      // Drill 5, during the NATS outage: within 2 s of the revocation no gateway serves the key any more — refused as
      // revoked (401), or as unverifiable (503 API_KEYS_UNAVAILABLE) while its copy of the registry cannot be vouched
      // for (issue 12: fail closed) — and each says 401 once the registry has caught up.
      const revoking = Date.now();
      const watches = CLUSTER_PORTS.gateways.map((port) => watchRevokedKey(port, key.secret, revoking));
      await graphql(
        context.token,
        'mutation Revoke($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) { apiKey { id } } }',
        { id: key.id },
      );
      const acknowledgedMs = Date.now() - revoking;
      const seen = await Promise.all(watches);
      seen.forEach((watch, i) => {
        const port = CLUSTER_PORTS.gateways[i];
        // Served while the mutation ran is fine (it was not revoked yet); 2 s after it was acknowledged is not.
        if (watch.lastServedMs !== undefined && watch.lastServedMs > acknowledgedMs + 2_000)
          problems.push(
            `gateway :${port} still served the revoked key ${watch.lastServedMs - acknowledgedMs} ms after its revocation was acknowledged`,
          );
        if (watch.revokedMs === undefined)
          problems.push(`gateway :${port} never answered 401 for the revoked key (statuses seen: ${watch.statuses})`);
      });
      const describe = (watch: RevokedKeyWatch, port: number) =>
        `gateway :${port} refused it from ${watch.refusedMs ?? '?'} ms (${watch.statuses}), 401 from ${watch.revokedMs ?? '—'} ms`;
      await waitFor('nats-2 to be back', async () => node.restarts > 0 && !node.current!.exit, { timeoutMs: 60_000 });
      await sleep(4_000);
      return [
        'SIGKILL nats-2 (:4223); streams and the API-key bucket are R3, so 2 of 3 nodes keep quorum',
        `partner key …${key.secret.slice(-4)} revoked during the outage (mutation acknowledged after ${acknowledgedMs} ms): ` +
          seen.map((watch, i) => describe(watch, CLUSTER_PORTS.gateways[i])).join('; '),
        `nats-2 restarted by the supervisor (restarts: ${node.restarts})`,
      ];
    },
    allowedFailures: () => 0,
  },
  'subgraph-replica': {
    name: 'SIGKILL one replica of a subgraph',
    act: async ({ cluster }) => {
      const replica = cluster.processes['organization-1'];
      process.kill(replica.current!.pid!, 'SIGKILL');
      await sleep(10_000);
      return [
        'SIGKILL organization-1 (:4100) under load',
        `haproxy routed around it; supervisor restarts so far: ${replica.restarts}`,
      ];
    },
    // The requests that replica was serving at that moment: at most one per client.
    allowedFailures: () => 4,
  },
  rolling: {
    name: 'roll every service, one replica at a time (SIGTERM)',
    act: async ({ cluster }) => {
      const did: string[] = [];
      const order = Object.keys(cluster.processes).filter((name) =>
        /^(organization|services|facilities|deliberation|gateway)-\d+$/.test(name),
      );
      for (const name of order) {
        const started = Date.now();
        await cluster.processes[name].roll();
        await waitForLoadBalancer(); // haproxy routes to the new process before the next replica leaves
        did.push(`rolled ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      return did;
    },
    allowedFailures: () => 0,
  },
};

/** `drill [names…]`: starts the cluster, runs each drill under traffic, prints figures; exits 1 if one fails. */
export async function drillCommand(repoRoot: string, args: string[]): Promise<number> {
  const names = args.length > 0 ? args : ['subgraph-replica', 'rolling', 'mongodb-primary', 'nats-node'];
  const unknown = names.filter((name) => !DRILLS[name]);
  if (unknown.length > 0) {
    console.error(`unknown drill ${unknown.join(', ')}; drills: ${Object.keys(DRILLS).join(', ')}`);
    return 2;
  }
  const paths = statePaths(repoRoot);
  const otherPid = runningPid(paths.pidFile);
  if (otherPid) {
    console.error(`gongzhi start is running (pid ${otherPid}); the drill starts its own cluster: stop it first`);
    return 1;
  }
  writePidFile(paths.pidFile);
  const supervisor = new Supervisor((line) => console.log(`  [supervisor] ${line}`));
  const stopAll = () => void supervisor.stopAll().then(() => process.exit(130));
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
  const results: DrillResult[] = [];
  try {
    const parsed = parseClusterArgs(['--cluster']);
    if (!('options' in parsed)) throw new Error('unreachable');
    console.log('starting the cluster for the drills…');
    const cluster = await startCluster(repoRoot, paths, supervisor, parsed.options);
    const { privateJwk } = await ensureDevIssuerKeys(paths.keysDir);
    const token = await signDevPersonToken(privateJwk, { subject: 'demo:street-staff', name: '顾建国' }, '2h');
    const compoundId = await demoCompoundId(cluster.mongoUri);
    for (const name of names) results.push(await runDrill(DRILLS[name], { cluster, token, compoundId }));
  } catch (error) {
    console.error(`drills stopped: ${error instanceof Error ? error.message : String(error)}`);
    results.push({
      name: 'setup',
      passed: false,
      did: [],
      traffic: { sent: 0, failed: 0, writesAcknowledged: 0, reads: 0, failures: [] },
      writesFound: 0,
      eventsPublished: 0,
      eventsHandled: {},
      problems: [String(error)],
    });
  } finally {
    await supervisor.stopAll();
    removePidFile(paths.pidFile);
  }
  console.log(
    '\ndrill                                       sent  failed  writes ack/found  events published/handled  result',
  );
  for (const r of results) {
    const handled = Object.values(r.eventsHandled).join('+') || '-';
    console.log(
      `${r.name.padEnd(42)} ${String(r.traffic.sent).padStart(5)} ${String(r.traffic.failed).padStart(7)}  ${`${r.traffic.writesAcknowledged}/${r.writesFound}`.padStart(16)}  ${`${r.eventsPublished}/${handled}`.padStart(24)}  ${r.passed ? 'PASS' : 'FAIL'}`,
    );
  }
  return results.every((r) => r.passed) ? 0 : 1;
}

async function runDrill(drill: Drill, context: DrillContext): Promise<DrillResult> {
  console.log(`\n== ${drill.name}`);
  const traffic = new Traffic({ url: LB_URL, token: context.token, compoundId: context.compoundId });
  traffic.start();
  await sleep(3_000); // steady state before the fault
  let did: string[] = [];
  const problems: string[] = [];
  try {
    did = await drill.act(context, problems, traffic);
  } catch (error) {
    problems.push(`the drill's action failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  await sleep(3_000);
  const figures = await traffic.stop();
  for (const line of did) console.log(`  ${line}`);
  const verification = await verify(context.cluster.mongoUri, traffic.acknowledged);
  if (figures.failed > drill.allowedFailures(figures))
    problems.push(
      `${figures.failed} client requests failed (allowed ${drill.allowedFailures(figures)}): ${figures.failures.join('; ')}`,
    );
  if (verification.writesFound !== figures.writesAcknowledged)
    problems.push(`${figures.writesAcknowledged - verification.writesFound} acknowledged writes lost`);
  if (verification.eventsPublished !== figures.writesAcknowledged)
    problems.push(`${verification.eventsPublished} of ${figures.writesAcknowledged} events published`);
  for (const [consumer, handled] of Object.entries(verification.eventsHandled)) {
    if (handled !== figures.writesAcknowledged)
      problems.push(`${consumer} handled ${handled} of ${figures.writesAcknowledged} events`);
  }
  if (figures.writesAcknowledged === 0) problems.push('no write was acknowledged at all');
  console.log(
    `  requests sent ${figures.sent}, failed ${figures.failed}; writes acknowledged ${figures.writesAcknowledged}, found ${verification.writesFound}; ` +
      `events published ${verification.eventsPublished}, handled ${Object.entries(verification.eventsHandled)
        .map(([c, n]) => `${n} by ${c}`)
        .join(', ')}`,
  );
  for (const problem of problems) console.log(`  PROBLEM: ${problem}`);
  console.log(`  ${problems.length === 0 ? 'PASS' : 'FAIL'}`);
  return { name: drill.name, passed: problems.length === 0, did, traffic: figures, ...verification, problems };
}

/** Looks for every acknowledged write, then waits (up to 2 min) for its event to be published and handled once by each consumer. */
async function verify(mongoUri: string, buildingIds: string[]) {
  const client = await new MongoClient(mongoUri).connect();
  try {
    const organization = client.db('gongzhi_organization');
    const writesFound = await organization
      .collection('buildings')
      .countDocuments({ _id: { $in: buildingIds.map((id) => new ObjectId(id)) } });
    const events = () =>
      organization
        .collection('outbox')
        .find({ 'envelope.type': 'org.building.registered', 'envelope.payload.buildingId': { $in: buildingIds } })
        .toArray();
    let eventsPublished = 0;
    let eventIds: string[] = [];
    const eventsHandled: Record<string, number> = {};
    const count = async () => {
      const records = await events();
      eventIds = records.map((record) => String(record.eventId));
      eventsPublished = records.filter((record) => record.publishedAt).length;
      for (const { database, consumer } of CONSUMERS) {
        eventsHandled[consumer] = await client
          .db(database)
          .collection('processed_events')
          .countDocuments({ consumer, eventId: { $in: eventIds } });
      }
      return (
        eventsPublished === buildingIds.length && Object.values(eventsHandled).every((n) => n === buildingIds.length)
      );
    };
    await waitFor('every event to be published and handled', count, { timeoutMs: 120_000, intervalMs: 1_000 }).catch(
      () => undefined,
    );
    return { writesFound, eventsPublished, eventsHandled };
  } finally {
    await client.close();
  }
}

/** One GraphQL call through the load balancer as the given person; throws unless it answers data without errors. */
async function graphql(token: string, query: string, variables: object): Promise<any> {
  const res = await fetch(LB_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (!body.data || body.errors?.length)
    throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors ?? res.status)}`);
  return body.data;
}

/** HTTP status a gateway answers a request made with this API key: 401 once the key is not (or no longer) valid. */
async function keyStatus(port: number, secret: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': secret },
    body: JSON.stringify({ query: '{ __typename }' }),
    signal: AbortSignal.timeout(5_000),
  }).catch(() => undefined);
  await res?.body?.cancel();
  return res?.status ?? 0;
}

interface RevokedKeyWatch {
  /** Milliseconds after the revocation began that the gateway last served the key (HTTP 200), if it did. */
  lastServedMs?: number;
  /** From when on the gateway refused the key (401 or 503) without serving it again. */
  refusedMs?: number;
  /** When the gateway first answered 401: its registry knows the key is revoked. */
  revokedMs?: number;
  /** The distinct statuses seen, in order: `200 → 503 → 401`. */
  statuses: string;
}

/** Polls one gateway with the key every 50 ms from the revocation until it answers 401 (or 30 s pass). */
async function watchRevokedKey(port: number, secret: string, revoking: number): Promise<RevokedKeyWatch> {
  const watch: RevokedKeyWatch = { statuses: '' };
  const statuses: number[] = [];
  while (Date.now() - revoking < 30_000) {
    const status = await keyStatus(port, secret);
    const at = Date.now() - revoking;
    if (statuses.at(-1) !== status) statuses.push(status);
    if (status === 200) {
      watch.lastServedMs = at;
      watch.refusedMs = undefined;
    } else watch.refusedMs ??= at;
    if (status === 401) {
      watch.revokedMs = at;
      break;
    }
    await sleep(50);
  }
  watch.statuses = statuses.join(' → ');
  return watch;
}

/** Issues a key to a demo partner unit with an agreement in force, and waits until both gateways accept it. */
async function issuePartnerKey(context: DrillContext): Promise<{ id: string; secret: string }> {
  const client = await new MongoClient(context.cluster.mongoUri).connect();
  let partners: string[];
  try {
    const now = new Date();
    const inForce = { agreements: { $elemMatch: { validFrom: { $lte: now }, validUntil: { $gte: now } } } };
    partners = (
      await client.db('gongzhi_organization').collection('partner_units').find(inForce).limit(20).toArray()
    ).map((partner) => String(partner._id));
  } finally {
    await client.close();
  }
  // The first demo partner the street staff may manage (its agreements may be with another street's communities).
  let data: any;
  for (const partnerUnitId of partners) {
    data = await graphql(
      context.token,
      'mutation Issue($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey { id } secret } }',
      {
        input: { partnerUnitId, scopes: ['facilities:lamps:read'] },
      },
    ).catch(() => undefined);
    if (data) break;
  }
  if (!data)
    throw new Error(
      `the street staff could issue a key to none of the ${partners.length} demo partner units with an agreement in force`,
    );
  const key = { id: data.issueApiKey.apiKey.id as string, secret: data.issueApiKey.secret as string };
  for (const port of CLUSTER_PORTS.gateways) {
    await waitFor(`gateway :${port} to accept the new key`, async () => (await keyStatus(port, key.secret)) === 200, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
  }
  return key;
}

async function findPrimary(mongoUri: string): Promise<number> {
  for (const port of CLUSTER_PORTS.mongo) {
    const client = new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`, {
      serverSelectionTimeoutMS: 1_000,
    });
    try {
      if ((await client.db('admin').command({ hello: 1 })).isWritablePrimary) return port;
    } catch {
      // down: not the primary
    } finally {
      await client.close();
    }
  }
  throw new Error(`no primary among ${mongoUri}`);
}

async function demoCompoundId(mongoUri: string): Promise<string> {
  const client = await new MongoClient(mongoUri).connect();
  try {
    const compound = await client.db('gongzhi_organization').collection('compounds').findOne({ name: '淞泽家园七区' });
    if (!compound) throw new Error('the demo compound 淞泽家园七区 is missing: the demo data did not load');
    return String(compound._id);
  } finally {
    await client.close();
  }
}
