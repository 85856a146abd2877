import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort } from '../process/ports';
import { findRepoRoot } from '../process/repo-root';
import { resolveMongod } from './resolve-mongod';
import { startMongoReplicaSet, type MongoReplicaSetOptions } from './start-replica-set';

jest.setTimeout(180_000);

describe('startMongoReplicaSet', () => {
  let dir: string;
  let options: MongoReplicaSetOptions;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-rs-spec-'));
    // This spec launches its own mongod even when the run uses an external server.
    const mongo = await resolveMongod({
      stateDir: path.join(findRepoRoot(__dirname), '.gongzhi'),
      env: { ...process.env, MONGODB_URI: '' },
      log: () => undefined,
    });
    if (mongo.route === 'external') throw new Error('unreachable: MONGODB_URI was cleared');
    options = {
      binary: mongo.binary,
      dbPath: path.join(dir, 'db'),
      port: await freePort(),
      logPath: path.join(dir, 'mongod.log'),
    };
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs transactions, and a second start on the same dbPath keeps data and replica set config', async () => {
    const first = await startMongoReplicaSet(options);
    expect(first.uri).toBe(`mongodb://127.0.0.1:${options.port}/?replicaSet=rs0`);
    let client = await new MongoClient(first.uri).connect();
    try {
      const items = client.db('spec').collection<{ name: string }>('items');
      await items.insertOne({ name: 'before' }); // transactions cannot create collections implicitly on every version
      const session = client.startSession();
      await session.withTransaction(async () => {
        await items.insertOne({ name: 'committed' }, { session });
      });
      session.startTransaction();
      await items.insertOne({ name: 'aborted' }, { session });
      await session.abortTransaction();
      await session.endSession();
      expect((await items.find().toArray()).map((item) => item.name).sort()).toEqual(['before', 'committed']);
    } finally {
      await client.close();
      await first.stop();
    }

    const configVersion = async (c: MongoClient) =>
      (await c.db('admin').command({ replSetGetConfig: 1 })).config.version as number;
    const second = await startMongoReplicaSet(options);
    client = await new MongoClient(second.uri).connect();
    try {
      expect(await client.db('spec').collection('items').countDocuments()).toBe(2);
      expect(await configVersion(client)).toBe(1); // initiated once, not again
    } finally {
      await client.close();
      await second.stop();
    }
  });
});
