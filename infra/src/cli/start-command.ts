import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { redactCredentials, resolveMongod } from '../mongodb/resolve-mongod';
import { startMongoReplicaSet } from '../mongodb/start-replica-set';
import { resolveNatsServer } from '../nats/resolve-nats-server';
import { startNatsServer } from '../nats/start-nats-server';
import { describeExit, spawnManaged, type ProcessExit } from '../process/managed-process';
import { isPortInUse } from '../process/ports';
import { waitFor } from '../process/wait-for';
import { CONSOLE, DEMO_DATA_LOADERS, GATEWAY, SUBGRAPHS, portFromEnv, subgraphUrlVariable } from './components';
import { answers200 } from './http-health';
import { DEV_ISSUER, ensureDevIssuerKeys } from '../dev-issuer/dev-issuer';
import { ensureKeyPair } from '../dev-keys/key-pair-files';
import { personalDataKeyEnv } from '../dev-keys/personal-data-key-file';
import { removePidFile, runningPid, writePidFile } from './pid-file';
import { statePaths, type StatePaths } from './state-paths';
import { clusterScrapeTargets, localScrapeTargets, type ScrapeTarget } from '../prometheus/prometheus-config';
import { startPrometheus } from '../prometheus/start-prometheus';
import { ShutdownInProgress, Supervisor } from './supervisor';
import { parseClusterArgs, startCluster } from './cluster-command';

const HEALTH_TIMEOUT_MS = 120_000; // Nest start-up plus a first MongoDB connection to an emulated server
const DEMO_DATA_TIMEOUT_MS = 5 * 60_000;

/**
 * `start`: MongoDB, NATS, demo data, the built subgraphs and the gateway (restarted with back-off when they crash);
 * Ctrl-C stops them in reverse order. `--with-prometheus` adds Prometheus scraping them all, with the alert rules.
 */
export async function startCommand(repoRoot: string, args: string[] = []): Promise<number> {
  const withPrometheus = args.includes('--with-prometheus');
  const parsed = parseClusterArgs(args.filter((arg) => arg !== '--with-prometheus'));
  if ('error' in parsed) {
    console.error(parsed.error);
    return 2;
  }
  const paths = statePaths(repoRoot);
  const otherPid = runningPid(paths.pidFile);
  if (otherPid) {
    console.error(`gongzhi start is already running (pid ${otherPid}); stop it with Ctrl-C in its terminal first`);
    return 1;
  }
  for (const dir of [paths.mongoData, paths.natsData, paths.logsDir]) mkdirSync(dir, { recursive: true });
  writePidFile(paths.pidFile);

  const supervisor = new Supervisor();
  return new Promise<number>((resolve) => {
    let exitCode: number | undefined;
    const shutDown = (code: number) => {
      if (exitCode !== undefined) return;
      exitCode = code;
      console.log('stopping…');
      void supervisor.stopAll().then(() => {
        removePidFile(paths.pidFile);
        resolve(code);
      });
    };
    // `on`, not `once`: a terminal Ctrl-C can arrive twice, directly and forwarded by the bootstrap.
    process.on('SIGINT', () => shutDown(0));
    process.on('SIGTERM', () => shutDown(0));
    const childDied = (name: string, logPath: string) => (exit: ProcessExit) => {
      console.error(`${name} ${describeExit(exit)}; see its log ${relative(repoRoot, logPath)}. Shutting down.`);
      shutDown(1);
    };

    // The cluster is the production shape, so it always runs Prometheus, scraping every replica.
    const started = parsed.cluster
      ? startCluster(repoRoot, paths, supervisor, parsed.options).then((cluster) => clusterScrapeTargets(cluster.table))
      : startEverything(repoRoot, paths, supervisor, childDied).then(() =>
          withPrometheus ? localScrapeTargets(process.env) : undefined,
        );
    started
      .then((targets) => (targets ? startPrometheusFor(repoRoot, paths, supervisor, childDied, targets) : undefined))
      .then(
        () => console.log(`gongzhi is running${parsed.cluster ? ' as a cluster' : ''}; Ctrl-C stops everything`),
        (error: unknown) => {
          if (error instanceof ShutdownInProgress) return;
          console.error(error instanceof Error ? error.message : String(error));
          shutDown(1);
        },
      );
  });
}

type ChildDied = (name: string, logPath: string) => (exit: ProcessExit) => void;

async function startEverything(
  repoRoot: string,
  paths: StatePaths,
  supervisor: Supervisor,
  childDied: ChildDied,
): Promise<void> {
  const env = process.env;
  const logFile = (name: string) => path.join(paths.logsDir, `${name}.log`);
  const line = (name: string, where: string, note: string) => console.log(`${name.padEnd(13)} ${where}  (${note})`);

  // MongoDB (the port is checked first so a clash is reported before any provisioning)
  const mongoPort = portFromEnv('GONGZHI_MONGO_PORT', 27017);
  if (!env.MONGODB_URI) await assertPortFree(mongoPort, 'MongoDB', 'GONGZHI_MONGO_PORT', 'MONGODB_URI');
  const mongo = await resolveMongod({ stateDir: paths.stateDir });
  let mongoUri: string;
  if (mongo.route === 'external') {
    mongoUri = mongo.uri;
    line('mongodb', redactCredentials(mongoUri), mongo.label);
  } else {
    const logPath = logFile('mongodb');
    const replicaSet = await startMongoReplicaSet({
      binary: mongo.binary,
      dbPath: paths.mongoData,
      port: mongoPort,
      logPath,
      onUnexpectedExit: childDied('mongodb', logPath),
    });
    await supervisor.add({ name: 'mongodb', stop: () => replicaSet.stop() });
    mongoUri = replicaSet.uri;
    line('mongodb', mongoUri, `${mongo.label}; log ${relative(repoRoot, logPath)}`);
  }

  // NATS
  let natsUrl: string;
  if (env.NATS_URL) {
    natsUrl = env.NATS_URL;
    line('nats', redactCredentials(natsUrl), 'external server from NATS_URL, nothing launched');
  } else {
    const port = portFromEnv('GONGZHI_NATS_PORT', 4222);
    await assertPortFree(port, 'NATS', 'GONGZHI_NATS_PORT', 'NATS_URL');
    const { binary } = resolveNatsServer();
    const logPath = logFile('nats');
    const nats = await startNatsServer({
      binary,
      port,
      storeDir: paths.natsData,
      logPath,
      onUnexpectedExit: childDied('nats', logPath),
    });
    await supervisor.add({ name: 'nats', stop: () => nats.stop() });
    natsUrl = nats.url;
    line('nats', natsUrl, `nats-server ${binary} with JetStream; log ${relative(repoRoot, logPath)}`);
  }

  // The gateway signs every subgraph request with this key pair; subgraphs accept only its public half.
  const internalToken = await ensureKeyPair(paths.keysDir, 'internal-token');
  const keysOf = (service: string) => personalDataKeyEnv(service, env, paths.keysDir);
  const childEnv = (port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    INTERNAL_TOKEN_JWKS_PATH: internalToken.jwksPath,
    ...env,
    PORT: String(port),
    MONGODB_URI: mongoUri,
    NATS_URL: natsUrl,
    NODE_ENV: env.NODE_ENV ?? 'development',
    ...extra,
  });

  // Demo data, one loader per service
  for (const { entry, service } of DEMO_DATA_LOADERS) {
    const loader = path.join(repoRoot, entry);
    const what = `${service.name} demo data`;
    if (!existsSync(loader)) {
      line(what, 'skipped', `${entry} does not exist yet`);
      continue;
    }
    const logPath = logFile('demo-data');
    const loaderEnv = childEnv(portFromEnv(service.portEnv, service.defaultPort), keysOf(service.name));
    await runToCompletion(process.execPath, [loader], { cwd: repoRoot, env: loaderEnv, logPath });
    line(what, 'loaded', `log ${relative(repoRoot, logPath)}`);
  }

  // Subgraphs, then the gateway pointed at those that run
  const running: Record<string, string> = {};
  const startService = async (
    name: string,
    entry: string,
    port: number,
    extraEnv: Record<string, string> = {},
    address = `http://127.0.0.1:${port}/graphql`,
  ) => {
    await assertPortFree(port, name, '', '');
    const logPath = logFile(name);
    const healthUrl = `http://127.0.0.1:${port}/health/live`;
    // A crash from here on restarts this process alone, with back-off; the rest keeps serving.
    await supervisor.supervise({
      name,
      spawn: () =>
        spawnManaged(name, process.execPath, [path.join(repoRoot, entry)], {
          cwd: repoRoot,
          env: childEnv(port, extraEnv),
          logPath,
        }),
      ready: async (child) => {
        await waitFor(`${name} to answer 200 on ${healthUrl}`, () => answers200(healthUrl), {
          timeoutMs: HEALTH_TIMEOUT_MS,
          process: child,
        });
      },
    });
    line(name, address, `log ${relative(repoRoot, logPath)}`);
  };
  for (const subgraph of SUBGRAPHS) {
    if (!existsSync(path.join(repoRoot, subgraph.entry))) {
      line(subgraph.name, 'not built yet', `${subgraph.entry} missing; skipped`);
      continue;
    }
    const port = portFromEnv(subgraph.portEnv, subgraph.defaultPort);
    // On this machine, webhooks may go to a receiver on localhost (docs/webhooks.md); never in production.
    const localWebhooks: Record<string, string> =
      subgraph.name === 'organization' && (env.NODE_ENV ?? 'development') !== 'production'
        ? { WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: env.WEBHOOKS_ALLOW_LOCAL_ENDPOINTS ?? 'true' }
        : {};
    await startService(subgraph.name, subgraph.entry, port, { ...keysOf(subgraph.name), ...localWebhooks });
    running[subgraphUrlVariable(subgraph.name)] = `http://127.0.0.1:${port}/graphql`;
  }
  if (!existsSync(path.join(repoRoot, GATEWAY.entry))) {
    line(GATEWAY.name, 'not built yet', `${GATEWAY.entry} missing; skipped`);
    return;
  }
  if (Object.keys(running).length === 0) {
    line(GATEWAY.name, 'skipped', 'no subgraph is running to compose');
    return;
  }
  // Without an identity provider of its own, the gateway trusts the development issuer of `npm run token`.
  const devIssuer = env.AUTH_JWKS_URL || env.AUTH_JWKS_PATH ? undefined : await ensureDevIssuerKeys(paths.keysDir);
  const gatewayPort = portFromEnv(GATEWAY.portEnv, GATEWAY.defaultPort);
  await startService(GATEWAY.name, GATEWAY.entry, gatewayPort, {
    ...running,
    INTERNAL_TOKEN_KEY_PATH: env.INTERNAL_TOKEN_KEY_PATH ?? internalToken.privateKeyPath,
    ...(devIssuer && { AUTH_JWKS_PATH: devIssuer.jwksPath, AUTH_ISSUER: DEV_ISSUER }),
  });

  // The console talks only to the gateway's public endpoint; with the development issuer it offers the demo users.
  if (!existsSync(path.join(repoRoot, CONSOLE.entry))) {
    line(CONSOLE.name, 'not built yet', `${CONSOLE.entry} missing; skipped`);
    return;
  }
  const consolePort = portFromEnv(CONSOLE.portEnv, CONSOLE.defaultPort);
  await startService(
    CONSOLE.name,
    CONSOLE.entry,
    consolePort,
    {
      GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
      ...(devIssuer && { CONSOLE_DEV_SIGN_IN_KEYS_DIR: paths.keysDir }),
    },
    `http://localhost:${consolePort}/`,
  );
}

/** Prometheus on PROMETHEUS_PORT (9090) scraping the given components, with our alert rules. */
async function startPrometheusFor(
  repoRoot: string,
  paths: StatePaths,
  supervisor: Supervisor,
  childDied: ChildDied,
  targets: ScrapeTarget[],
): Promise<void> {
  const port = portFromEnv('PROMETHEUS_PORT', 9090);
  await assertPortFree(port, 'Prometheus', 'PROMETHEUS_PORT', '');
  const logPath = path.join(paths.logsDir, 'prometheus.log');
  const prometheus = await startPrometheus({
    targets,
    ruleFiles: [path.join(repoRoot, 'infra', 'prometheus', 'alerts.yml')],
    dataDir: path.join(paths.dataDir, 'prometheus'),
    port,
    logPath,
  });
  await supervisor.add({ name: 'prometheus', stop: () => prometheus.stop() });
  prometheus.process.onUnexpectedExit(childDied('prometheus', logPath));
  console.log(
    `${'prometheus'.padEnd(13)} ${prometheus.url}  (alerts at ${prometheus.url}/alerts; log ${relative(repoRoot, logPath)})`,
  );
}

export async function assertPortFree(
  port: number,
  what: string,
  portVariable: string,
  externalVariable: string,
): Promise<void> {
  if (!(await isPortInUse(port))) return;
  const alternatives = [
    portVariable && `set ${portVariable} to another port`,
    externalVariable && `set ${externalVariable} to use the running server`,
  ]
    .filter(Boolean)
    .join(', or ');
  throw new Error(
    `Port ${port} for ${what} is already taken by another process${alternatives ? `: ${alternatives}` : ''}`,
  );
}

/** Runs a one-off child with its output in `logPath`; fails with the log's location unless it exits 0 in time. */
export function runToCompletion(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logPath: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const logFd = openSync(options.logPath, 'a');
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    const timer = setTimeout(() => child.kill('SIGKILL'), DEMO_DATA_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${args.join(' ')} ${describeExit({ code, signal })}; see ${options.logPath}`));
    });
  });
}

function relative(repoRoot: string, file: string): string {
  return path.relative(repoRoot, file);
}
