import { deadLetterStreamName, eventsStreamName, gridCellCreated } from '@gongzhi/contracts';
import { testDatabaseName, testEventsNamespace, testMongoUri, testNatsUrl } from '@gongzhi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import mongoose, { type Connection } from 'mongoose';
import * as os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { withTransaction } from '../mongo/transaction';
import { EventConsumers, EventsModule } from './events.module';
import { NatsConnectionProvider } from './nats-connection';
import { OutboxPublisher } from './outbox-publisher';

const namespace = testEventsNamespace();

describe('EventsModule', () => {
  let connection: Connection;

  beforeAll(async () => {
    // The driver loads `os` with a dynamic import(), which jest on Node 20 cannot do: hand it over explicitly.
    connection = await mongoose
      .createConnection(testMongoUri(), { dbName: testDatabaseName(), runtimeAdapters: { os } })
      .asPromise();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('publishes recorded events and feeds registered consumers, then shuts down cleanly', async () => {
    @Global()
    @Module({ providers: [{ provide: 'DatabaseConnection', useValue: connection }], exports: ['DatabaseConnection'] })
    class MongoStandIn {}

    @Module({
      imports: [
        MongoStandIn,
        EventsModule.forRoot({
          serviceName: 'organization',
          namespace,
          natsUrl: testNatsUrl(),
          logger: pino({ level: 'silent' }),
        }),
      ],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const seen: string[] = [];
    app.get(EventConsumers).register({
      name: 'grid-roster',
      events: [gridCellCreated],
      handle: async (event) => {
        seen.push(event.payload.name);
      },
    });
    await app.init();

    await withTransaction(connection, (session) =>
      app
        .get(OutboxPublisher)
        .record(
          gridCellCreated,
          { gridCellId: 'g-松源-01', communityId: 'cm-松源社区', name: '松源社区第一网格' },
          { session },
        ),
    );
    for (const deadline = Date.now() + 20_000; seen.length === 0 && Date.now() < deadline;) await sleep(50);
    expect(seen).toEqual(['松源社区第一网格']);

    const nats = await app.get(NatsConnectionProvider).connection();
    const jsm = await jetstreamManager(nats);
    await jsm.streams.delete(eventsStreamName(namespace));
    await jsm.streams.delete(deadLetterStreamName(namespace));
    await app.close();
    expect(nats.isClosed()).toBe(true);
  });
});
