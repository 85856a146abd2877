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
});
