import { eventsStreamName, partnerAgreementSigned, partnerUnitRegistered } from '@gongzhi/contracts';
import { startDedicatedNats, testDatabaseName, testEventsNamespace, testMongoUri, waitFor } from '@gongzhi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import mongoose, { type Connection } from 'mongoose';
import * as os from 'node:os';
import pino from 'pino';
import { withTransaction } from '../mongo/transaction';
import { outboxModel } from './event-collections';
import { NatsConnectionProvider } from './nats-connection';
import { natsReadinessCheck } from './nats-readiness';
import { OutboxPublisher } from './outbox-publisher';
import { OutboxRelay } from './outbox-relay';

const namespace = testEventsNamespace();
const logger = pino({ level: process.env.SPEC_LOG_LEVEL ?? 'silent' });

describe('outbox relay across a NATS outage', () => {
  let connection: Connection;
  let nats: Awaited<ReturnType<typeof startDedicatedNats>>;
  let provider: NatsConnectionProvider;
  let relay: OutboxRelay;
  let publisher: OutboxPublisher;

  beforeAll(async () => {
    // The driver loads `os` with a dynamic import(), which jest on Node 20 cannot do: hand it over explicitly.
    connection = await mongoose
      .createConnection(testMongoUri(), { dbName: testDatabaseName(), runtimeAdapters: { os } })
      .asPromise();
    nats = await startDedicatedNats();
    publisher = new OutboxPublisher(connection, { serviceName: 'organization', namespace });
  });

  afterAll(async () => {
    await relay?.stop();
    await provider?.close();
    await nats.stop();
    await connection.dropDatabase();
    await connection.close();
  });

  const registerPartner = (partnerUnitId: string, name: string) =>
    withTransaction(connection, (session) =>
      publisher.record(partnerUnitRegistered, { partnerUnitId, kind: 'UNIVERSITY', name }, { session }),
    );

  async function streamedEventIds(): Promise<string[]> {
    const stream = await (await jetstreamManager(await provider.connection())).streams.get(eventsStreamName(namespace));
    const { state } = await stream.info();
    const ids: string[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++)
      ids.push((await stream.getMessage({ seq }))!.json<{ id: string }>().id);
    return ids;
  }

  it('starts and records writes while NATS is down, and sends them once NATS is back — also after a restart', async () => {
    await nats.stop();
    provider = new NatsConnectionProvider({
      servers: nats.url,
      name: 'outage-spec',
      logger,
      firstConnectRetry: { initialMs: 100, maxMs: 500 },
    });
    provider.start();
    relay = new OutboxRelay(connection, provider, {
      serviceName: 'organization',
      namespace,
      logger,
      retry: { initialMs: 100, maxMs: 1_000 },
    });
    await relay.start();
    const readiness = natsReadinessCheck(provider);

    const atStartUp = await registerPartner('p-苏州大学', '苏州大学');
    expect(await readiness.isReady()).toBe(false);
    expect(await relay.pendingCount()).toBe(1);

    await nats.restart();
    await waitFor(() => readiness.isReady(), 'NATS to be reached');
    await waitFor(async () => (await relay.pendingCount()) === 0, 'the start-up event to be sent');
    expect(await streamedEventIds()).toEqual([atStartUp.id]);

    await nats.stop();
    await waitFor(async () => !(await readiness.isReady()), 'the disconnect to be noticed');
    const duringOutage = await withTransaction(connection, (session) =>
      publisher.record(
        partnerAgreementSigned,
        {
          agreementId: 'a-苏大-松源',
          partnerUnitId: 'p-苏州大学',
          communityId: 'cm-松源社区',
          validFrom: '2025-03-01',
          validUntil: '2027-02-28',
        },
        { session },
      ),
    );
    expect(await outboxModel(connection).countDocuments({ eventId: duringOutage.id, publishedAt: null })).toBe(1);

    await nats.restart();
    await waitFor(async () => (await relay.pendingCount()) === 0, 'the outage event to be sent', 30_000);
    // The dedicated server's stop() also wipes its store: the relay recreated the stream and sent the event once.
    expect((await streamedEventIds()).filter((id) => id === duringOutage.id)).toHaveLength(1);
  });
});
