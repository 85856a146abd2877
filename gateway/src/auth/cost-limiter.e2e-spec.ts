import net from 'node:net';
import { testDatabaseName, testMongoUri, waitFor } from '@gongzhi/testing';
import pino from 'pino';
import { CostLimiterUnavailableError, createCostLimiter } from './cost-limiter';

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
});
