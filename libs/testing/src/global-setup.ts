import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findRepoRoot,
  freePort,
  resolveMongod,
  resolveNatsServer,
  startMongoReplicaSet,
  startNatsServer,
} from '@gongzhi/infra';
import { TEST_MONGODB_URI_VARIABLE, TEST_NATS_URL_VARIABLE, type TestServers } from './test-servers';

// Jest loads this outside the test runtime, so '@gongzhi/infra' is the built package (npm test builds first).

/** One mongod replica set and one nats-server for the whole run, unless MONGODB_URI / NATS_URL name external ones. */
export default async function globalSetup(): Promise<void> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-'));
  const stops: Array<() => Promise<void>> = [];
  const servers: TestServers = {
    tempDir,
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
  globalThis.gongzhiTestServers = servers;
  // Jest prints setup output right after its own progress text.
  process.stdout.write('\n');
  try {
    await startServers(tempDir, stops);
  } catch (error) {
    // Jest skips teardown when setup fails.
    await servers.stop();
    throw error;
  }
}

async function startServers(tempDir: string, stops: Array<() => Promise<void>>): Promise<void> {
  // Provisioned tools persist in the repo's .gongzhi/ so only the first run on a machine pays for them.
  const mongo = await resolveMongod({ stateDir: path.join(findRepoRoot(__dirname), '.gongzhi') });
  if (mongo.route === 'external') {
    process.env[TEST_MONGODB_URI_VARIABLE] = mongo.uri;
  } else {
    const replicaSet = await startMongoReplicaSet({
      binary: mongo.binary,
      dbPath: path.join(tempDir, 'mongo'),
      port: await freePort(),
      logPath: path.join(tempDir, 'mongod.log'),
      // Fail points (configureFailPoint) for the specs that stall writes on purpose.
      enableTestCommands: true,
    });
    stops.push(() => replicaSet.stop());
    process.env[TEST_MONGODB_URI_VARIABLE] = replicaSet.uri;
  }

  if (process.env.NATS_URL) {
    process.env[TEST_NATS_URL_VARIABLE] = process.env.NATS_URL;
    console.log('nats: using the external server from NATS_URL, nothing launched');
  } else {
    const { binary } = resolveNatsServer();
    const nats = await startNatsServer({
      binary,
      port: await freePort(),
      storeDir: path.join(tempDir, 'nats'),
      logPath: path.join(tempDir, 'nats-server.log'),
    });
    stops.push(() => nats.stop());
    process.env[TEST_NATS_URL_VARIABLE] = nats.url;
    console.log(`nats: using ${binary} on ${nats.url}`);
  }
}
