import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MongoClient, MongoServerError, type Document } from 'mongodb';
import { spawnManaged, type ProcessExit } from '../process/managed-process';
import { isPortInUse } from '../process/ports';
import { waitFor } from '../process/wait-for';

export interface MongoReplicaSetOptions {
  binary: string;
  dbPath: string;
  port: number;
  logPath: string;
  replSetName?: string;
  /** Bound on each start-up phase; the emulated build needs 2–8 s, a cold machine more. */
  startTimeoutMs?: number;
  /**
   * Lets tests inject faults (`configureFailPoint`, e.g. a write stalled past its deadline). Test runs only: never
   * in `npm start` or production.
   */
  enableTestCommands?: boolean;
  /** Called if mongod dies on its own after start-up. */
  onUnexpectedExit?: (exit: ProcessExit) => void;
}

export interface RunningMongoReplicaSet {
  /** Without a database in the path: each service picks its own. */
  uri: string;
  stop(): Promise<void>;
}

const NOT_YET_INITIALIZED = 94;

/**
 * Starts mongod as a one-node replica set on 127.0.0.1 (transactions and change streams need a replica set).
 * A dbPath from an earlier run is reused as it is: the set is initiated only once.
 */
export async function startMongoReplicaSet(options: MongoReplicaSetOptions): Promise<RunningMongoReplicaSet> {
  const { binary, dbPath, port, logPath } = options;
  const replSetName = options.replSetName ?? 'rs0';
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  if (await isPortInUse(port)) {
    throw new Error(`Cannot start mongod: port ${port} on 127.0.0.1 is already in use (another MongoDB?)`);
  }
  mkdirSync(dbPath, { recursive: true });
  mkdirSync(path.dirname(logPath), { recursive: true });
  const mongod = spawnManaged(
    'mongod',
    binary,
    [
      '--replSet',
      replSetName,
      '--dbpath',
      dbPath,
      '--port',
      String(port),
      '--bind_ip',
      '127.0.0.1',
      // Keep the emulated server light: a small cache and no diagnostic data capture.
      '--wiredTigerCacheSizeGB',
      '0.25',
      '--setParameter',
      'diagnosticDataCollectionEnabled=false',
      ...(options.enableTestCommands ? ['--setParameter', 'enableTestCommands=1'] : []),
    ],
    { logPath },
  );

  const host = `127.0.0.1:${port}`;
  const directUri = `mongodb://${host}/?directConnection=true`;
  let client: MongoClient | undefined;
  try {
    // A client whose first connection failed stays closed, hence a fresh one per attempt.
    client = await waitFor(`mongod on port ${port} to answer`, () => connected(directUri), {
      timeoutMs,
      process: mongod,
    });
    const admin = client.db('admin');
    await ensureReplicaSetConfigured(admin, replSetName, host);
    await waitFor(
      `mongod on port ${port} to become a writable primary`,
      async () => (await admin.command({ hello: 1 })).isWritablePrimary === true,
      { timeoutMs, process: mongod },
    );
  } catch (error) {
    await mongod.stop();
    throw error;
  } finally {
    await client?.close();
  }
  if (options.onUnexpectedExit) mongod.onUnexpectedExit(options.onUnexpectedExit);
  return { uri: `mongodb://${host}/?replicaSet=${replSetName}`, stop: () => mongod.stop() };
}

async function connected(uri: string): Promise<MongoClient> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2_000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return client;
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** The part of `replSetGetConfig`'s answer we read; the rest is passed back as it came. */
interface ReplicaSetConfig extends Document {
  version: number;
  members: (Document & { host: string })[];
}

async function ensureReplicaSetConfigured(
  admin: ReturnType<MongoClient['db']>,
  replSetName: string,
  host: string,
): Promise<void> {
  let config: ReplicaSetConfig;
  try {
    config = (await admin.command({ replSetGetConfig: 1 })).config as ReplicaSetConfig;
  } catch (error) {
    if (error instanceof MongoServerError && error.code === NOT_YET_INITIALIZED) {
      await admin.command({ replSetInitiate: { _id: replSetName, members: [{ _id: 0, host }] } });
      return;
    }
    throw error;
  }
  // The same dbPath started on another port: the stored member address is stale, so the node would not
  // recognise itself. Point the config at the current address.
  if (config.members.length !== 1 || config.members[0].host !== host) {
    await admin.command({
      replSetReconfig: { ...config, version: config.version + 1, members: [{ ...config.members[0], host }] },
      force: true,
    });
  }
}
