import { ANONYMOUS, deadLetterStreamName, eventsStreamName, gridCellCreated } from '@gongzhi/contracts';
import {
  connectTestDatabase,
  internalAuthorization,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
  waitFor,
} from '@gongzhi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { type INestApplication, Module } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Connection } from 'mongoose';
import type { AddressInfo } from 'node:net';
import { Public } from '../access/public.decorator';
import { createSubgraphApp, shutdownSubgraph } from '../bootstrap';
import { loadConfig, serviceConfigSchema } from '../config/config';
import { EventConsumers } from '../events/events.module';
import { OutboxPublisher } from '../events/outbox-publisher';
import { withTransaction } from '../mongo/transaction';
import { SubgraphPlatformModule } from '../subgraph-platform.module';

@ObjectType()
class RosterEntry {
  @Field()
  building!: string;
}

/** Answers 1.2 s late: a request for it is in flight when the shutdown begins. */
@Resolver(() => RosterEntry)
class SlowRosterResolver {
  @Public()
  @Query(() => [RosterEntry])
  async slowRoster() {
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    return [{ building: '淞泽家园七区3幢' }];
  }
}

@Module({ providers: [SlowRosterResolver] })
class RosterModule {}

const namespace = testEventsNamespace();

describe('a subgraph shutting down (what SIGTERM runs)', () => {
  let app: INestApplication;
  let connection: Connection;
  let base: string;
  let release: () => void = () => undefined;
  let stopped: Promise<boolean> | undefined;
  const config = { SHUTDOWN_DELAY_MS: 300, SHUTDOWN_TIMEOUT_MS: 5_000 };

  beforeAll(async () => {
    const env = loadConfig(serviceConfigSchema, {
      PORT: '4099',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: testDatabaseName('shutdown'),
      NATS_URL: testNatsUrl(),
      EVENTS_NAMESPACE: namespace,
      INTERNAL_TOKEN_JWKS: (await testInternalKeyEnv()).INTERNAL_TOKEN_JWKS,
    });
    app = await createSubgraphApp({
      module: class RosterApp {},
      imports: [SubgraphPlatformModule.forRoot({ serviceName: 'care', config: env }), RosterModule],
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    connection = app.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    release();
    await (stopped ?? app?.close());
    const nc = await connect({ servers: testNatsUrl() });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(eventsStreamName(namespace)).catch(() => undefined);
    await jsm.streams.delete(deadLetterStreamName(namespace)).catch(() => undefined);
    await nc.close();
    // The app closed its own connection: clean up with a fresh one.
    const cleanup = await connectTestDatabase('shutdown');
    await cleanup.dropDatabase();
    await cleanup.close();
  });

  it('turns unready at once, finishes the request in flight and the event in hand (acknowledged), then closes', async () => {
    await waitFor(async () => (await fetch(`${base}/health/ready`)).status === 200, 'the subgraph to be ready');
    const ready = await (await fetch(`${base}/health/ready`)).json();
    expect(ready).toEqual({
      status: 'ok',
      checks: { mongodb: { status: 'up' } },
      informational: { nats: { status: 'up' } },
    });

    // A consumer is in the middle of an event when the shutdown begins…
    let handlerStarted = false;
    const gate = new Promise<void>((resolve) => (release = resolve));
    app.get(EventConsumers).register({
      name: 'shutdown-roster',
      events: [gridCellCreated],
      ackWaitMs: 30_000,
      handle: async (event, session) => {
        handlerStarted = true;
        await gate;
        await connection
          .collection('grid_roster')
          .insertOne({ eventId: event.id, name: event.payload.name }, { session });
      },
    });
    await withTransaction(connection, (session) =>
      app
        .get(OutboxPublisher)
        .record(
          gridCellCreated,
          { gridCellId: 'g-淞泽-07', communityId: 'cm-淞泽社区', name: '淞泽社区第七网格' },
          { session },
        ),
    );
    await waitFor(() => handlerStarted, 'the handler to start');

    // …and a request is in flight.
    const inFlight = fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await internalAuthorization(ANONYMOUS, 'care')) },
      body: JSON.stringify({ query: '{ slowRoster { building } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    stopped = shutdownSubgraph(app, config);

    const draining = await fetch(`${base}/health/ready`);
    expect(draining.status).toBe(503);
    expect((await draining.json()).status).toBe('draining');

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { slowRoster: [{ building: '淞泽家园七区3幢' }] } });

    // The consumer is still holding its event: the shutdown waits for it.
    let finished = false;
    void stopped.then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(finished).toBe(false);
    release();
    expect(await stopped).toBe(true);

    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    const nc = await connect({ servers: testNatsUrl() });
    try {
      const state = await (
        await jetstreamManager(nc)
      ).consumers.info(eventsStreamName(namespace), 'care-shutdown-roster');
      expect({
        pending: state.num_pending,
        unacknowledged: state.num_ack_pending,
        acknowledged: state.ack_floor.stream_seq,
      }).toEqual({
        pending: 0,
        unacknowledged: 0,
        acknowledged: 1,
      });
    } finally {
      await nc.close();
    }
    const check = await connectTestDatabase('shutdown');
    try {
      expect(
        await check
          .collection('grid_roster')
          .find({}, { projection: { _id: 0, name: 1 } })
          .toArray(),
      ).toEqual([{ name: '淞泽社区第七网格' }]);
      expect(await check.collection('processed_events').countDocuments({ consumer: 'care-shutdown-roster' })).toBe(1);
    } finally {
      await check.close();
    }
  });
});
