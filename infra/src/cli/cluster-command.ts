import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { ensureDevIssuerKeys, DEV_ISSUER } from '../dev-issuer/dev-issuer';
import { ensureKeyPair } from '../dev-keys/key-pair-files';
import { personalDataKeyEnv } from '../dev-keys/personal-data-key-file';
import { renderHaproxyConfig, type LoadBalancedService } from '../haproxy/haproxy-config';
import { type HaproxyServerState, serversNotUp } from '../haproxy/haproxy-stats';
import { resolveHaproxy } from '../haproxy/resolve-haproxy';
import { resolveMongod } from '../mongodb/resolve-mongod';
import { resolveNatsServer } from '../nats/resolve-nats-server';
import { announcesJetStream } from '../nats/start-nats-server';
import { spawnManaged } from '../process/managed-process';
import { isPortInUse } from '../process/ports';
import { waitFor } from '../process/wait-for';
import { DEMO_DATA_LOADERS, GATEWAY, SUBGRAPHS, subgraphUrlVariable } from './components';
import { answers200 } from './http-health';
import { assertPortFree, runToCompletion } from './start-command';
import type { StatePaths } from './state-paths';
import type { SupervisedProcess, Supervisor } from './supervisor';

/** Where everything of `npm start -- --cluster` listens; fixed so drills and people find it. */
export const CLUSTER_PORTS = {
  loadBalancer: 4000,
  /** organization 4001, services 4002, facilities 4003, deliberation 4004: each subgraph's own haproxy frontend. */
  subgraphFrontends: { organization: 4001, services: 4002, facilities: 4003, deliberation: 4004 } as Record<
    string,
    number
  >,
  haproxyStats: 8404,
  /** gateway-1 on 4020, gateway-2 on 4021, … (4010 is the console's). */
  gatewayBase: 4020,
  /** The two gateways of the default cluster, which the drills call directly. */
  gateways: [4020, 4021],
  /** organization-1 on 4100, services-1 on 4200, facilities-1 on 4300, deliberation-1 on 4400. */
  subgraphBase: { organization: 4100, services: 4200, facilities: 4300, deliberation: 4400 } as Record<string, number>,
  mongo: [27017, 27018, 27019],
  natsClient: [4222, 4223, 4224],
  natsCluster: [6222, 6223, 6224],
};

export const CLUSTER_REPLICA_SET = 'gongzhi-rs';
const HEALTH_TIMEOUT_MS = 180_000; // many processes share two cores with three emulated mongods
/** Longer than haproxy needs to see a draining replica's 503 twice (check interval 1 s, fall 2). */
const SHUTDOWN_DELAY_MS = 2_500;

export interface ClusterOptions {
  /** Replicas per subgraph and of the gateway; default 2 each. */
  replicas: Record<string, number>;
}

/** `--cluster [--replicas services=3,gateway=3]` → options, or an error message naming the bad part. */
export function parseClusterArgs(
  args: string[],
): { cluster: false } | { cluster: true; options: ClusterOptions } | { error: string } {
  const known: string[] = [...SUBGRAPHS.map((subgraph) => subgraph.name), GATEWAY.name];
  const replicas: Record<string, number> = Object.fromEntries(known.map((name) => [name, 2]));
  let cluster = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--cluster') cluster = true;
    else if (arg === '--replicas' || arg.startsWith('--replicas=')) {
      const value = arg === '--replicas' ? args[++i] : arg.slice('--replicas='.length);
      for (const pair of (value ?? '').split(',')) {
        const [name, count] = pair.split('=');
        const n = Number(count);
        if (!known.includes(name))
          return { error: `--replicas: unknown component "${name}" (one of ${known.join(', ')})` };
        if (!Number.isInteger(n) || n < 1 || n > 9)
          return { error: `--replicas: ${name}=${count} must be a whole number from 1 to 9` };
        replicas[name] = n;
      }
    } else return { error: `unknown argument ${arg} (npm start [-- --cluster [--replicas services=3]])` };
  }
  if (!cluster)
    return Object.keys(replicas).some((name) => replicas[name] !== 2)
      ? { error: '--replicas needs --cluster' }
      : { cluster: false };
  return { cluster: true, options: { replicas } };
}

export interface RunningCluster {
  /** Component → where it listens, in the order printed. */
  table: Array<{ component: string; listens: string; note: string }>;
  mongoUri: string;
  natsUrl: string;
  /** Every supervised process by name: mongodb-1, nats-2, organization-1, gateway-2, haproxy. */
  processes: Record<string, SupervisedProcess>;
}

/**
 * The production shape on one machine: a 3-node NATS JetStream cluster, a 3-member MongoDB replica set, N replicas
 * of every subgraph and of the gateway, haproxy in front (:4000 for clients, :4001–4004 per subgraph for the
 * gateways), every process supervised (restarted with back-off when it dies).
 */
export async function startCluster(
  repoRoot: string,
  paths: StatePaths,
  supervisor: Supervisor,
  options: ClusterOptions,
): Promise<RunningCluster> {
  const table: RunningCluster['table'] = [];
  const processes: Record<string, SupervisedProcess> = {};
  const supervise = async (spec: Parameters<Supervisor['supervise']>[0]) =>
    (processes[spec.name] = await supervisor.supervise(spec));
  const row = (component: string, listens: string, note: string) => {
    table.push({ component, listens, note });
    console.log(`${component.padEnd(16)} ${listens.padEnd(34)} ${note}`);
  };
  const clusterDir = path.join(paths.dataDir, 'cluster');
  const logFile = (name: string) => path.join(paths.logsDir, 'cluster', `${name}.log`);
  const rel = (file: string) => path.relative(repoRoot, file);
  for (const port of [
    ...CLUSTER_PORTS.mongo,
    ...CLUSTER_PORTS.natsClient,
    ...CLUSTER_PORTS.natsCluster,
    CLUSTER_PORTS.loadBalancer,
    CLUSTER_PORTS.haproxyStats,
  ]) {
    await assertPortFree(port, 'the cluster', '', '');
  }

  // MongoDB: three members of one replica set
  const mongo = await resolveMongod({ stateDir: paths.stateDir });
  if (mongo.route === 'external') throw new Error('--cluster starts its own replica set: unset MONGODB_URI');
  const hosts = CLUSTER_PORTS.mongo.map((port) => `127.0.0.1:${port}`);
  for (const [i, port] of CLUSTER_PORTS.mongo.entries()) {
    const name = `mongodb-${i + 1}`;
    const dbPath = path.join(clusterDir, name);
    mkdirSync(dbPath, { recursive: true });
    await supervise({
      name,
      spawn: () =>
        spawnManaged(
          name,
          mongo.binary,
          [
            '--replSet',
            CLUSTER_REPLICA_SET,
            '--dbpath',
            dbPath,
            '--port',
            String(port),
            '--bind_ip',
            '127.0.0.1',
            '--wiredTigerCacheSizeGB',
            '0.25',
            '--setParameter',
            'diagnosticDataCollectionEnabled=false',
          ],
          { logPath: logFile(name) },
        ),
      ready: async (child) => {
        await waitFor(`${name} to answer`, () => pingDirect(port), { timeoutMs: HEALTH_TIMEOUT_MS, process: child });
      },
    });
  }
  await initiateReplicaSet(hosts);
  const mongoUri = `mongodb://${hosts.join(',')}/?replicaSet=${CLUSTER_REPLICA_SET}`;
  hosts.forEach((host, i) =>
    row(
      `mongodb-${i + 1}`,
      `mongodb://${host}`,
      `replica set ${CLUSTER_REPLICA_SET}; log ${rel(logFile(`mongodb-${i + 1}`))}`,
    ),
  );

  // NATS: three nodes with JetStream, routes between them
  const { binary: natsBinary } = resolveNatsServer();
  const routes = CLUSTER_PORTS.natsCluster.map((port) => `nats://127.0.0.1:${port}`).join(',');
  for (const [i, port] of CLUSTER_PORTS.natsClient.entries()) {
    const name = `nats-${i + 1}`;
    const storeDir = path.join(clusterDir, name);
    mkdirSync(storeDir, { recursive: true });
    await supervise({
      name,
      spawn: () =>
        spawnManaged(
          name,
          natsBinary,
          [
            '--jetstream',
            '--store_dir',
            storeDir,
            '--addr',
            '127.0.0.1',
            '--port',
            String(port),
            '--server_name',
            name,
            '--cluster_name',
            'gongzhi',
            '--cluster',
            `nats://127.0.0.1:${CLUSTER_PORTS.natsCluster[i]}`,
            '--routes',
            routes,
          ],
          { logPath: logFile(name) },
        ),
      ready: async (child) => {
        await waitFor(`${name} to accept clients with JetStream`, () => announcesJetStream(port), {
          timeoutMs: 30_000,
          process: child,
        });
      },
    });
    row(
      name,
      `nats://127.0.0.1:${port}`,
      `JetStream, cluster route :${CLUSTER_PORTS.natsCluster[i]}; log ${rel(logFile(name))}`,
    );
  }
  const natsUrl = CLUSTER_PORTS.natsClient.map((port) => `nats://127.0.0.1:${port}`).join(',');

  // Keys and the environment every service replica shares
  const internalToken = await ensureKeyPair(paths.keysDir, 'internal-token');
  const env = process.env;
  const childEnv = (port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    INTERNAL_TOKEN_JWKS_PATH: internalToken.jwksPath,
    ...env,
    PORT: String(port),
    MONGODB_URI: mongoUri,
    NATS_URL: natsUrl,
    EVENTS_REPLICAS: '3',
    SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
    NODE_ENV: env.NODE_ENV ?? 'development',
    ...extra,
  });

  // Demo data, once, through the first replica's configuration
  for (const { entry, service } of DEMO_DATA_LOADERS) {
    const logPath = logFile('demo-data');
    await runToCompletion(process.execPath, [path.join(repoRoot, entry)], {
      cwd: repoRoot,
      env: childEnv(CLUSTER_PORTS.subgraphBase[service.name], personalDataKeyEnv(service.name, env, paths.keysDir)),
      logPath,
    });
    row(`${service.name} demo`, 'loaded', `log ${rel(logPath)}`);
  }

  const superviseReplica = async (name: string, entry: string, port: number, extra: Record<string, string> = {}) => {
    await assertPortFree(port, name, '', '');
    const healthUrl = `http://127.0.0.1:${port}/health/ready`;
    await supervise({
      name,
      spawn: () =>
        spawnManaged(name, process.execPath, [path.join(repoRoot, entry)], {
          cwd: repoRoot,
          env: childEnv(port, extra),
          logPath: logFile(name),
        }),
      ready: async (child) => {
        await waitFor(`${name} to answer 200 on ${healthUrl}`, () => answers200(healthUrl), {
          timeoutMs: HEALTH_TIMEOUT_MS,
          process: child,
        });
      },
    });
    row(name, `http://127.0.0.1:${port}/graphql`, `log ${rel(logFile(name))}`);
  };

  // Subgraph replicas (started in parallel per subgraph), each subgraph behind its own haproxy frontend
  const services: LoadBalancedService[] = [];
  const subgraphRoutes: Record<string, string> = {};
  for (const subgraph of SUBGRAPHS) {
    const servers = Array.from({ length: options.replicas[subgraph.name] }, (_, i) => ({
      name: `${subgraph.name}-${i + 1}`,
      port: CLUSTER_PORTS.subgraphBase[subgraph.name] + i,
    }));
    const keys = personalDataKeyEnv(subgraph.name, env, paths.keysDir);
    await Promise.all(servers.map((server) => superviseReplica(server.name, subgraph.entry, server.port, keys)));
    const port = CLUSTER_PORTS.subgraphFrontends[subgraph.name];
    services.push({ name: subgraph.name, port, servers });
    subgraphRoutes[subgraphUrlVariable(subgraph.name)] = `http://127.0.0.1:${port}/graphql`;
  }
  const gateways = Array.from({ length: options.replicas[GATEWAY.name] }, (_, i) => ({
    name: `gateway-${i + 1}`,
    port: CLUSTER_PORTS.gatewayBase + i,
  }));
  services.unshift({ name: 'gateway', port: CLUSTER_PORTS.loadBalancer, servers: gateways });

  // haproxy first, so gateways reach subgraphs through it from their first request
  const haproxy = resolveHaproxy();
  const haproxyConfig = path.join(clusterDir, 'haproxy.cfg');
  writeFileSync(haproxyConfig, renderHaproxyConfig({ services, statsPort: CLUSTER_PORTS.haproxyStats }));
  await supervise({
    name: 'haproxy',
    // -db: stay in the foreground, so the supervisor sees it die.
    spawn: () => spawnManaged('haproxy', haproxy, ['-db', '-f', haproxyConfig], { logPath: logFile('haproxy') }),
    ready: async (child) => {
      await waitFor('haproxy to listen', () => isPortInUse(CLUSTER_PORTS.haproxyStats), {
        timeoutMs: 10_000,
        process: child,
      });
    },
  });

  const devIssuer = env.AUTH_JWKS_URL || env.AUTH_JWKS_PATH ? undefined : await ensureDevIssuerKeys(paths.keysDir);
  await Promise.all(
    gateways.map((gateway) =>
      superviseReplica(gateway.name, GATEWAY.entry, gateway.port, {
        ...subgraphRoutes,
        GATEWAY_ID: gateway.name,
        // Writes to three emulated mongods on a shared machine sometimes take longer than the production 5 s.
        SUBGRAPH_TIMEOUT_MS: env.SUBGRAPH_TIMEOUT_MS ?? '15000',
        INTERNAL_TOKEN_KEY_PATH: env.INTERNAL_TOKEN_KEY_PATH ?? internalToken.privateKeyPath,
        ...(devIssuer && { AUTH_JWKS_PATH: devIssuer.jwksPath, AUTH_ISSUER: DEV_ISSUER }),
      }),
    ),
  );
  // Up means clients get answers: wait until haproxy itself routes to every replica (its checks run every second),
  // else the first requests after "cluster up" meet a load balancer that has not yet seen the gateways healthy.
  await waitForLoadBalancer();
  for (const service of services.slice(1))
    row(
      `lb ${service.name}`,
      `http://127.0.0.1:${service.port}/graphql`,
      `haproxy → ${service.servers.map((s) => s.port).join(', ')}`,
    );
  row(
    'lb gateway',
    `http://127.0.0.1:${CLUSTER_PORTS.loadBalancer}/graphql`,
    `haproxy → ${gateways.map((g) => g.port).join(', ')}; clients connect here`,
  );
  row(
    'haproxy stats',
    `http://127.0.0.1:${CLUSTER_PORTS.haproxyStats}/stats`,
    `config ${rel(haproxyConfig)}; log ${rel(logFile('haproxy'))}`,
  );
  return { table, mongoUri, natsUrl, processes };
}

/** Resolves once haproxy routes to every replica of every service (none DOWN, none still in a transition). */
export async function waitForLoadBalancer(timeoutMs = 60_000): Promise<void> {
  let notUp: HaproxyServerState[] = [];
  await waitFor(
    'haproxy to route to every replica',
    async () => (notUp = await serversNotUp(CLUSTER_PORTS.haproxyStats)).length === 0,
    { timeoutMs, intervalMs: 250 },
  ).catch((error: unknown) => {
    const which = notUp.map((state) => `${state.backend}/${state.server} ${state.status}`).join(', ');
    throw new Error(`${(error as Error).message}${which ? ` (not up: ${which})` : ''}`);
  });
}

async function pingDirect(port: number): Promise<boolean> {
  const client = new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`, {
    serverSelectionTimeoutMS: 2_000,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

/** Initiates the replica set once (a restarted cluster keeps its configuration) and waits for a primary. */
async function initiateReplicaSet(hosts: string[]): Promise<void> {
  const client = new MongoClient(`mongodb://${hosts[0]}/?directConnection=true`, { serverSelectionTimeoutMS: 5_000 });
  try {
    const admin = client.db('admin');
    try {
      await admin.command({ replSetGetConfig: 1 });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === 94)) throw error; // 94: not yet initialized
      await admin.command({
        replSetInitiate: { _id: CLUSTER_REPLICA_SET, members: hosts.map((host, i) => ({ _id: i, host })) },
      });
    }
  } finally {
    await client.close();
  }
  await waitFor(
    'the replica set to elect a primary',
    async () => {
      const rs = new MongoClient(`mongodb://${hosts.join(',')}/?replicaSet=${CLUSTER_REPLICA_SET}`, {
        serverSelectionTimeoutMS: 5_000,
      });
      try {
        return (await rs.db('admin').command({ hello: 1 })).isWritablePrimary === true;
      } finally {
        await rs.close();
      }
    },
    { timeoutMs: HEALTH_TIMEOUT_MS, intervalMs: 1_000 },
  );
}
