import path from 'node:path';
import { findExecutable } from '../process/find-executable';
import { findMemoryServerBinary } from './memory-server-binary';
import { offlineRouteUnavailableReason, provisionOfflineMongod } from './offline-mongod';

export type MongodRoute = 'external' | 'path' | 'memory-server' | 'offline';

export type MongodResolution =
  | { route: 'external'; uri: string; label: string }
  | { route: Exclude<MongodRoute, 'external'>; binary: string; label: string };

export interface ResolveMongodOptions {
  /** Local state folder; the offline route is provisioned into <stateDir>/tools/mongod-qemu. */
  stateDir: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Bound on mongodb-memory-server's lookup and download. */
  memoryServerTimeoutMs?: number;
}

/**
 * Where MongoDB comes from, first match wins: MONGODB_URI (external server) → mongod on PATH →
 * mongodb-memory-server's binary → the offline route (Debian, root). Prints one line naming the route.
 */
export async function resolveMongod(options: ResolveMongodOptions): Promise<MongodResolution> {
  const log = options.log ?? ((line: string) => console.log(line));
  const resolution = await findRoute(options, log);
  log(`mongodb: using ${resolution.label}${resolution.route === 'external' ? '' : ` (${resolution.binary})`}`);
  return resolution;
}

async function findRoute(options: ResolveMongodOptions, log: (line: string) => void): Promise<MongodResolution> {
  const env = options.env ?? process.env;
  if (env.MONGODB_URI) {
    return {
      route: 'external',
      uri: env.MONGODB_URI,
      label: `the external server from MONGODB_URI (${redactCredentials(env.MONGODB_URI)}), nothing launched`,
    };
  }
  const onPath = findExecutable('mongod', [], env.PATH);
  if (onPath) return { route: 'path', binary: onPath, label: 'mongod on PATH' };

  const fromMemoryServer = await findMemoryServerBinary(options.memoryServerTimeoutMs ?? 5 * 60_000);
  if ('binary' in fromMemoryServer)
    return { route: 'memory-server', binary: fromMemoryServer.binary, label: "mongodb-memory-server's binary" };

  const noMongoDb = (offlineFailure: string) =>
    new Error(
      `No MongoDB available: MONGODB_URI is not set, there is no mongod on PATH, ${fromMemoryServer.failure}, and ${offlineFailure}. ` +
        'Set MONGODB_URI to a MongoDB replica set (e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0) or put mongod on PATH.',
    );
  const offlineUnavailable = offlineRouteUnavailableReason();
  if (offlineUnavailable) throw noMongoDb(offlineUnavailable);
  try {
    const binary = await provisionOfflineMongod(path.join(options.stateDir, 'tools', 'mongod-qemu'), log);
    return { route: 'offline', binary, label: 'the offline route (MongoDB 7 arm64 build under qemu)' };
  } catch (error) {
    throw noMongoDb(error instanceof Error ? error.message : String(error));
  }
}

/** Hides user:password in a connection string before printing it. */
export function redactCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]+@/, '//***@');
}
