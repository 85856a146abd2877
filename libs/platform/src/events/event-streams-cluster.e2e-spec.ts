import { deadLetterStreamName, eventsStreamName } from '@gongzhi/contracts';
import { freePort, resolveNatsServer, spawnManaged, type ManagedProcess } from '@gongzhi/infra';
import { testEventsNamespace, waitFor } from '@gongzhi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureEventStreams } from './event-streams';
import type { NatsConnection } from './nats-connection';

/**
 * EVENTS_REPLICAS on the production shape of NATS: three nats-servers in one JetStream cluster (as the NATS Helm
 * chart runs them, infra/k8s/dependencies/nats-values.yaml). Streams made at 1 replica on a single server are raised
 * when the setting says 3, and never lowered.
 */
describe('ensureEventStreams on a 3-server JetStream cluster', () => {
  const namespace = testEventsNamespace();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-nats-cluster-'));
  const servers: ManagedProcess[] = [];
  let nc: NatsConnection;

  beforeAll(async () => {
    const binary = resolveNatsServer().binary;
    const clientPorts = [await freePort(), await freePort(), await freePort()];
    const routePorts = [await freePort(), await freePort(), await freePort()];
    const routes = routePorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
    clientPorts.forEach((port, i) => {
      const name = `gongzhi-${i + 1}`;
      servers.push(
        spawnManaged(
          `nats-server ${name}`,
          binary,
          [
            '--jetstream',
            '--store_dir',
            path.join(dir, name),
            '--server_name',
            name,
            '--addr',
            '127.0.0.1',
            '--port',
            String(port),
            '--cluster_name',
            'gongzhi',
            '--cluster',
            `nats://127.0.0.1:${routePorts[i]}`,
            '--routes',
            routes,
          ],
          { logPath: path.join(dir, `${name}.log`) },
        ),
      );
    });
    nc = await connect({ servers: clientPorts.map((port) => `nats://127.0.0.1:${port}`), maxReconnectAttempts: -1 });
    // The cluster is usable once JetStream has a meta leader: until then the JetStream API does not answer.
    const jetStreamAnswers = () =>
      jetstreamManager(nc, { timeout: 2_000 }).then(
        () => true,
        () => false,
      );
    await waitFor(jetStreamAnswers, 'a JetStream meta leader', 45_000);
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  const replicasOf = async (stream: string) => {
    const info = await (await jetstreamManager(nc)).streams.info(stream);
    return { configured: info.config.num_replicas, running: 1 + (info.cluster?.replicas?.length ?? 0) };
  };

  it('creates the streams at 1 replica by default, raises them to 3, and does not lower them again', async () => {
    await ensureEventStreams(nc, { namespace });
    expect(await replicasOf(eventsStreamName(namespace))).toEqual({ configured: 1, running: 1 });

    await ensureEventStreams(nc, { namespace, replicas: 3 });
    for (const stream of [eventsStreamName(namespace), deadLetterStreamName(namespace)]) {
      await waitFor(async () => (await replicasOf(stream)).running === 3, `${stream} on three servers`, 20_000);
      expect(await replicasOf(stream)).toEqual({ configured: 3, running: 3 });
    }

    await ensureEventStreams(nc, { namespace, replicas: 1 });
    expect((await replicasOf(eventsStreamName(namespace))).configured).toBe(3);
  }, 60_000);

  it('creates a KV bucket (the API keys) with the replicas asked for', async () => {
    const bucket = `${namespace}-api-keys`;
    await new Kvm(nc).create(bucket, { history: 1, replicas: 3 });
    expect((await replicasOf(`KV_${bucket}`)).configured).toBe(3);
  });
});
