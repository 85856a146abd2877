import { deadLetterStreamName, eventsStreamName } from '@gongzhi/contracts';
import { testEventsNamespace, testNatsUrl } from '@gongzhi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadConfig, serviceConfigSchema } from '../config/config';
import { ensureEventStreams } from './event-streams';
import type { NatsConnection } from './nats-connection';

/**
 * EVENTS_REPLICAS reaches JetStream: the production overlay runs streams at 3 replicas on a 3-server cluster
 * (event-streams-cluster.e2e-spec.ts runs one).
 */
describe('ensureEventStreams replicas (real JetStream, one server)', () => {
  const namespace = testEventsNamespace();
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
  });
  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    for (const name of [eventsStreamName(namespace), deadLetterStreamName(namespace)])
      await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  });

  it('EVENTS_REPLICAS defaults to 1 and refuses more than JetStream allows', () => {
    const base = { PORT: '4001', MONGODB_URI: 'mongodb://127.0.0.1:27017/?replicaSet=gongzhi' };
    expect(loadConfig(serviceConfigSchema, base).EVENTS_REPLICAS).toBe(1);
    expect(loadConfig(serviceConfigSchema, { ...base, EVENTS_REPLICAS: '3' }).EVENTS_REPLICAS).toBe(3);
    expect(() => loadConfig(serviceConfigSchema, { ...base, EVENTS_REPLICAS: '7' })).toThrow(/EVENTS_REPLICAS/);
  });

  it('asks the server for the configured replicas: 3 is refused by a single server, 1 is created', async () => {
    // One server cannot hold three copies; that it says so proves the setting reached it.
    await expect(ensureEventStreams(nc, { namespace, replicas: 3 })).rejects.toThrow(
      /replicas|insufficient resources/i,
    );

    await ensureEventStreams(nc, { namespace, replicas: 1 });
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info(eventsStreamName(namespace))).config.num_replicas).toBe(1);
    expect((await jsm.streams.info(deadLetterStreamName(namespace))).config.num_replicas).toBe(1);
  });
});
