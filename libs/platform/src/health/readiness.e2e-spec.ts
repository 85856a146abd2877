import {
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
  waitFor,
} from '@gongzhi/testing';
import type { INestApplication } from '@nestjs/common';
import net from 'node:net';
import request from 'supertest';
import { createSubgraphApp } from '../bootstrap';
import { loadConfig, serviceConfigSchema } from '../config/config';
import { SubgraphPlatformModule } from '../subgraph-platform.module';

/** A TCP proxy in front of the test MongoDB that a test can cut, as a partition or a dead primary would. */
async function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('subgraph readiness', () => {
  let app: INestApplication;
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;

  beforeAll(async () => {
    const mongo = new URL(testMongoUri());
    proxy = await cuttableProxy({ host: mongo.hostname, port: Number(mongo.port) });
    const config = loadConfig(serviceConfigSchema, {
      PORT: '4099',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      // Straight to the proxy: with replicaSet= the driver would find the real address and go around it.
      MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/?directConnection=true&serverSelectionTimeoutMS=2000`,
      MONGODB_DB: testDatabaseName('readiness'),
      NATS_URL: testNatsUrl(),
      EVENTS_NAMESPACE: testEventsNamespace(),
      INTERNAL_TOKEN_JWKS: (await testInternalKeyEnv()).INTERNAL_TOKEN_JWKS,
    });
    app = await createSubgraphApp({
      module: class ReadinessApp {},
      imports: [SubgraphPlatformModule.forRoot({ serviceName: 'care', config })],
    });
    await app.init();
  });
  afterAll(async () => {
    proxy.restore();
    await app?.close();
    await proxy?.close();
  });

  const ready = () => request(app.getHttpServer()).get('/health/ready');

  it('is ready with MongoDB, reporting NATS as informational', async () => {
    await waitFor(async () => (await ready()).status === 200, 'readiness');
    expect((await ready()).body).toEqual({
      status: 'ok',
      checks: { mongodb: { status: 'up' } },
      informational: { nats: { status: 'up' } },
    });
  });

  it('is not ready while MongoDB cannot be reached, answering within the ping bound, and ready again after', async () => {
    proxy.cut();
    const started = Date.now();
    const res = await ready();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unavailable', checks: { mongodb: { status: 'down' } } });
    // Liveness is not readiness: the process is fine, a restart would not help.
    expect((await request(app.getHttpServer()).get('/health/live')).status).toBe(200);

    proxy.restore();
    await waitFor(async () => (await ready()).status === 200, 'readiness after MongoDB is back', 30_000);
  });
});
