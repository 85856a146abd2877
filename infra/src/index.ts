export {
  resolveMongod,
  redactCredentials,
  type MongodResolution,
  type MongodRoute,
  type ResolveMongodOptions,
} from './mongodb/resolve-mongod';
export {
  startMongoReplicaSet,
  type MongoReplicaSetOptions,
  type RunningMongoReplicaSet,
} from './mongodb/start-replica-set';
export { resolveNatsServer, type NatsServerResolution } from './nats/resolve-nats-server';
export { startNatsServer, type NatsServerOptions, type RunningNatsServer } from './nats/start-nats-server';
export { freePort, isPortInUse } from './process/ports';
export { spawnManaged, type ManagedProcess } from './process/managed-process';
export { findRepoRoot } from './process/repo-root';
export { waitFor, type WaitForOptions } from './process/wait-for';
export {
  DEV_ISSUER,
  DEV_ISSUER_AUDIENCE,
  DEV_ISSUER_JWKS_FILE,
  DEV_ISSUER_PRIVATE_KEY_FILE,
  ensureDevIssuerKeys,
  signDevPersonToken,
  type DevIssuerKeys,
} from './dev-issuer/dev-issuer';
export { resolvePrometheus, resolvePromtool } from './prometheus/resolve-prometheus';
export { checkMetrics, promtool, type PromtoolResult } from './prometheus/promtool';
export { demoUsers, type DemoUser } from './cli/token-command';
export { resolveChromium } from './chromium/resolve-chromium';
export { LIST_QUERY, LIST_SIZES_COUNTED } from './bench/bench-queries';
