import net from 'node:net';
import { testDatabaseName, testMongoUri, waitFor } from '@gongzhi/testing';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { type CostLimiter, CostLimiterUnavailableError, createCostLimiter, type PointsDecision } from './cost-limiter';

/** A TCP port that refuses connections until `open()` forwards it to the run's MongoDB: a store not up yet. */
async function lateMongo() {
  const target = new URL(testMongoUri().replace(/^mongodb:/, 'http:'));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 27017), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    }),
  );
  const query = new URL(testMongoUri().replace(/^mongodb:/, 'http:')).search;
  const params = new URLSearchParams(query);
  params.set('directConnection', 'true');
  params.delete('replicaSet');
  return {
    uri: `mongodb://127.0.0.1:${port}/?${params}`,
    open: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve())),
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the shared count of partner points (MongoDB)', () => {
  it('refuses partners (503) while its store has never answered, and counts once the store comes up', async () => {
    const mongo = await lateMongo();
    const limiter = createCostLimiter({
      mongo: { uri: mongo.uri, dbName: testDatabaseName('gateway-points'), timeoutMs: 300 },
      logger: pino({ level: 'silent' }),
    });
    try {
      expect(limiter.shared).toBe(true);
      await expect(limiter.spend('key-苏州园区物业', 1, 100)).rejects.toBeInstanceOf(CostLimiterUnavailableError);
      // Long enough for the first connection attempt to have failed: the driver would now stay closed for good.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await expect(limiter.spend('key-苏州园区物业', 1, 100)).rejects.toBeInstanceOf(CostLimiterUnavailableError);

      await mongo.open();
      let decision: Awaited<ReturnType<typeof limiter.spend>> | undefined;
      await waitFor(
        async () => Boolean((decision = await limiter.spend('key-苏州园区物业', 10, 100).catch(() => undefined))),
        'the store to be connected',
        15_000,
      );
      expect(decision).toEqual(expect.objectContaining({ allowed: true, maximum: 100 }));
      expect((await limiter.spend('key-苏州园区物业', 10, 100)).remaining).toBe(decision!.remaining - 10);
    } finally {
      await limiter.close();
      await mongo.stop();
    }
  });

  it('counts concurrent requests of a key together, exactly, across replicas: one call to the store per round trip', async () => {
    const dbName = testDatabaseName('gateway-points-together');
    const mongo = { uri: testMongoUri(), dbName, timeoutMs: 5_000 };
    const replicas = [0, 1].map(() => createCostLimiter({ mongo, logger: pino({ level: 'silent' }) }));
    try {
      await waitFor(
        async () => Boolean(await replicas[0].spend('key-淞泽物业', 0, 25).catch(() => undefined)),
        'the store to be connected',
        15_000,
      );
      await waitFor(
        async () => Boolean(await replicas[1].spend('key-淞泽物业', 0, 25).catch(() => undefined)),
        'the store to be connected',
        15_000,
      );
      const callsBefore = replicas.map((replica) => replica.storeCalls);
      // 40 requests of one point at once, 20 on each replica, against 25 points a minute.
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) => replicas[i % 2].spend('key-淞泽物业', 1, 25)),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(25);
      expect(decisions.filter((decision) => !decision.allowed).every((decision) => decision.remaining === 0)).toBe(
        true,
      );
      // Each replica: its first request alone, the 19 that arrived meanwhile in one call, and one to give points back.
      replicas.forEach((replica, i) => expect(replica.storeCalls - callsBefore[i]).toBeLessThanOrEqual(3));
      // The refused points were given back: the count is exactly the limit, so nothing more fits, not even one.
      const after = await replicas[1].spend('key-淞泽物业', 1, 25);
      expect(after).toEqual(expect.objectContaining({ allowed: false, remaining: 0 }));
    } finally {
      for (const replica of replicas) await replica.close();
    }
  });

  describe('leases: a busy key spends from points taken ahead, a rare one exactly', () => {
    const dbName = testDatabaseName('gateway-points-leases');
    const silent = pino({ level: 'silent' });
    let mongo: MongoClient;
    beforeAll(async () => {
      mongo = await new MongoClient(testMongoUri()).connect();
    });
    afterAll(async () => {
      await mongo?.close();
    });
    /** What the store has counted for the key this window: every replica's requests and unspent leases. */
    const counted = async (keyId: string, perMinute: number, db = dbName) =>
      ((
        await mongo
          .db(db)
          .collection('api_key_points')
          .findOne({ key: `p${perMinute}:${keyId}` })
      )?.points as number | undefined) ?? 0;
    const connected = (limiter: CostLimiter) =>
      waitFor(
        async () => Boolean(await limiter.spend('key-连接探测', 0, 1).catch(() => undefined)),
        'the store to be connected',
        15_000,
      );
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    /** Until no call to the store is under way (none started for 1 s, longer than any call lasts): the count is final. */
    const settled = async (limiter: CostLimiter) => {
      let calls = -1;
      while (calls !== limiter.storeCalls) {
        calls = limiter.storeCalls;
        await sleep(1_000);
      }
    };
    /** Spends up to `count` requests of one point one after the other, as fast as they are answered, until one is refused. */
    const stream = async (limiter: CostLimiter, keyId: string, perMinute: number, count: number) => {
      let allowed = 0;
      while (allowed < count && (await limiter.spend(keyId, 1, perMinute)).allowed) allowed++;
      return allowed;
    };

    it('counts a rarely used key exactly, request by request: no lease ahead of it', async () => {
      const limiter = createCostLimiter({ mongo: { uri: testMongoUri(), dbName, timeoutMs: 5_000 }, logger: silent });
      try {
        await connected(limiter);
        let total = 0;
        for (let i = 0; i < 3; i++) {
          if (i > 0) await sleep(600); // at most two requests a second: rarely
          const calls = limiter.storeCalls;
          const decision = await limiter.spend('key-斜塘街道卫生服务中心', 7, 100);
          total += 7;
          expect(limiter.storeCalls - calls).toBe(1);
          expect(decision).toEqual(expect.objectContaining({ allowed: true, remaining: 100 - total }));
          expect(await counted('key-斜塘街道卫生服务中心', 100)).toBe(total);
        }
      } finally {
        await limiter.close();
      }
    });

    it('lets a busy key on two replicas spend exactly its limit, never more: the count at the store is exact', async () => {
      const replicas = [0, 1].map(() =>
        createCostLimiter({ mongo: { uri: testMongoUri(), dbName, timeoutMs: 5_000 }, logger: silent }),
      );
      try {
        for (const replica of replicas) await connected(replica);
        const calls = replicas.map((replica) => replica.storeCalls);
        const limit = 400;
        // Four clients on each replica spend one point at a time until the key's points are gone.
        const allowed = await Promise.all(
          replicas.flatMap((replica) => [0, 1, 2, 3].map(() => stream(replica, 'key-淞泽家园物业', limit, 2 * limit))),
        );
        expect(allowed.reduce((sum, n) => sum + n, 0)).toBe(limit);
        for (const replica of replicas) await settled(replica);
        expect(await counted('key-淞泽家园物业', limit)).toBe(limit);
        // Spent from leases: far fewer calls than the requests (400, and a refusal for each client).
        const used = replicas.reduce((sum, replica, i) => sum + replica.storeCalls - calls[i], 0);
        expect(used).toBeLessThan(limit / 4);
        const after = await replicas[0].spend('key-淞泽家园物业', 1, limit);
        expect(after).toEqual(expect.objectContaining({ allowed: false, remaining: 0 }));
      } finally {
        for (const replica of replicas) await replica.close();
      }
    });

    it('serves a steady stream through one replica without waiting: about one call to the store a second', async () => {
      const limiter = createCostLimiter({ mongo: { uri: testMongoUri(), dbName, timeoutMs: 5_000 }, logger: silent });
      try {
        await connected(limiter);
        // 100 requests of 5 points a second, for 3 s; the first second brings the lease up to the key's pace.
        const request = async () => {
          let answered = false;
          const decision = limiter.spend('key-园区邻里中心', 5, 60_000).then((d) => ((answered = true), d));
          await new Promise((resolve) => setImmediate(resolve)); // before any answer from the store could be read
          const waited = !answered;
          expect((await decision).allowed).toBe(true);
          return waited;
        };
        const until = Date.now() + 1_000;
        while (Date.now() < until) {
          await request();
          await sleep(10);
        }
        const calls = limiter.storeCalls;
        let requests = 0;
        let waited = 0;
        const end = Date.now() + 2_000;
        while (Date.now() < end) {
          if (await request()) waited++;
          requests++;
          await sleep(10);
        }
        const used = limiter.storeCalls - calls;
        expect(requests).toBeGreaterThan(50);
        // A refill asks when half a lease (about half a second) is left: it is back long before the lease runs out.
        expect(waited).toBe(0);
        expect(used).toBeGreaterThanOrEqual(1);
        expect(used).toBeLessThanOrEqual(5);
      } finally {
        await limiter.close();
      }
    });

    it('serves what its lease holds when the store dies, then refuses (503)', async () => {
      const store = await lateMongo();
      await store.open();
      const limiter = createCostLimiter({ mongo: { uri: store.uri, dbName, timeoutMs: 300 }, logger: silent });
      try {
        await connected(limiter);
        const spentBefore = await stream(limiter, 'key-金鸡湖学校', 6_000, 300);
        expect(spentBefore).toBe(300);
        await settled(limiter);
        const lease = (await counted('key-金鸡湖学校', 6_000)) - spentBefore;
        expect(lease).toBeGreaterThan(0);
        await store.stop();
        // Exactly the lease, one point at a time, then nothing: the replica fails closed.
        for (let i = 0; i < lease; i++) expect((await limiter.spend('key-金鸡湖学校', 1, 6_000)).allowed).toBe(true);
        await expect(limiter.spend('key-金鸡湖学校', 1, 6_000)).rejects.toBeInstanceOf(CostLimiterUnavailableError);
      } finally {
        await limiter.close();
        await store.stop();
      }
    });

    it("drops a lease at its window's end: its unspent points do not carry into the next window", async () => {
      const shortDb = testDatabaseName('gateway-points-window');
      const limiter = createCostLimiter({
        mongo: { uri: testMongoUri(), dbName: shortDb, timeoutMs: 5_000 },
        logger: silent,
        windowSeconds: 5,
      });
      try {
        await connected(limiter);
        let last: PointsDecision | undefined;
        for (let i = 0; i < 200; i++) last = await limiter.spend('key-星海小区业委会', 1, 1_000);
        await settled(limiter);
        expect((await counted('key-星海小区业委会', 1_000, shortDb)) - 200).toBeGreaterThan(0); // a lease unspent
        await sleep(last!.resetAt.getTime() - Date.now() + 100);
        const calls = limiter.storeCalls;
        const next = await limiter.spend('key-星海小区业委会', 1, 1_000);
        expect(limiter.storeCalls - calls).toBe(1); // not from the old lease: asked the store
        expect(next).toEqual(expect.objectContaining({ allowed: true, remaining: 999 }));
        expect(next.resetAt.getTime()).toBeGreaterThan(last!.resetAt.getTime());
        expect(await counted('key-星海小区业委会', 1_000, shortDb)).toBe(1);
      } finally {
        await limiter.close();
      }
    });
  });
});
