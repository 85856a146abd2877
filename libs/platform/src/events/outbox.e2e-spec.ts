import { eventsStreamName, orgUnitCreated, residentMovedIn, sensitiveRecordRead } from '@gongzhi/contracts';
import { connectTestDatabase, testEventsNamespace, testMongoUri, testNatsUrl, waitFor } from '@gongzhi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import mongoose, { type Connection } from 'mongoose';
import os from 'node:os';
import pino from 'pino';
import { ZodError } from 'zod';
import { withTransaction } from '../mongo/transaction';
import { runWithRequestContext } from '../request-context/request-context';
import { ensureEventCollections, outboxModel } from './event-collections';
import { NatsConnectionProvider } from './nats-connection';
import { OutboxPublisher } from './outbox-publisher';
import { OutboxRelay } from './outbox-relay';

const serviceName = 'organization';
const namespace = testEventsNamespace();
const logger = pino({ level: 'warn' });

describe('transactional outbox', () => {
  let connection: Connection;
  let nats: NatsConnectionProvider;
  let publisher: OutboxPublisher;
  const units = () => connection.collection('org_units');
  /** Residents moving into these rooms of a building of 淞泽家园, one transaction each; the events' ids in order. */
  const recordMoveIns = async (building: string, rooms: string[]) => {
    const ids: string[] = [];
    for (const room of rooms) {
      const event = await withTransaction(connection, (session) =>
        publisher.record(
          residentMovedIn,
          {
            residentId: `r-${room}`,
            householdId: `h-${building}-${room}`,
            buildingId: `b-淞泽家园-${building}`,
            compoundId: 'c-淞泽家园',
            communityId: 'cm-松源社区',
          },
          { session },
        ),
      );
      ids.push(event.id);
    }
    return ids;
  };

  beforeAll(async () => {
    connection = await connectTestDatabase();
    await ensureEventCollections(connection);
    await connection.createCollection('org_units');
    nats = new NatsConnectionProvider({ servers: testNatsUrl(), name: 'outbox-spec', logger });
    nats.start();
    publisher = new OutboxPublisher(connection, { serviceName, namespace });
  });

  afterAll(async () => {
    const jsm = await jetstreamManager(await nats.connection());
    await jsm.streams.delete(eventsStreamName(namespace)).catch(() => undefined);
    await nats.close();
    await connection.dropDatabase();
    await connection.close();
  });

  it('records the event in the same transaction as the write, with the request id of the request', async () => {
    const event = await runWithRequestContext({ requestId: 'req-松源-1' }, () =>
      withTransaction(connection, async (session) => {
        await units().insertOne({ _id: 'u-songyuan-3', name: '松源社区 3幢楼道党小组', tier: 5 } as never, { session });
        return publisher.record(
          orgUnitCreated,
          { unitId: 'u-songyuan-3', tier: 5, name: '松源社区 3幢楼道党小组', parentId: 'u-songyuan' },
          { session, actor: { kind: 'staff', id: 'staff-李书记' } },
        );
      }),
    );
    const record = await outboxModel(connection).findOne({ eventId: event.id }).lean();
    expect(record).toMatchObject({
      subject: `${namespace}.events.org.unit.created`,
      publishedAt: null,
      envelope: {
        type: 'org.unit.created',
        version: 1,
        source: 'organization',
        requestId: 'req-松源-1',
        actor: { id: 'staff-李书记' },
      },
    });
    expect(orgUnitCreated.parseEnvelope(record!.envelope)).toEqual(event);
  });

  it('leaves no outbox record when the transaction aborts', async () => {
    let eventId: string | undefined;
    await expect(
      withTransaction(connection, async (session) => {
        await units().insertOne({ _id: 'u-jinxingyuan-1', name: '金星苑 1幢楼道党小组', tier: 5 } as never, {
          session,
        });
        eventId = (
          await publisher.record(
            orgUnitCreated,
            { unitId: 'u-jinxingyuan-1', tier: 5, name: '金星苑 1幢楼道党小组', parentId: 'u-jinxingyuan' },
            { session },
          )
        ).id;
        throw new Error('parent unit is not a compound branch');
      }),
    ).rejects.toThrow('parent unit is not a compound branch');
    expect(eventId).toBeDefined();
    expect(await outboxModel(connection).countDocuments({ eventId })).toBe(0);
    expect(await units().countDocuments({ _id: 'u-jinxingyuan-1' } as never)).toBe(0);
  });

  it('refuses a payload that breaks the contract, and a session outside a transaction', async () => {
    const before = await outboxModel(connection).countDocuments();
    await expect(
      withTransaction(connection, (session) =>
        publisher.record(residentMovedIn, { residentId: 'r-王阿姨', householdId: 'h-502' } as never, { session }),
      ),
    ).rejects.toBeInstanceOf(ZodError);
    const session = await connection.startSession();
    await expect(
      publisher.record(orgUnitCreated, { unitId: 'u1', tier: 5, name: '3幢楼道党小组', parentId: null }, { session }),
    ).rejects.toThrow(/inside a transaction/);
    await session.endSession();
    expect(await outboxModel(connection).countDocuments()).toBe(before);
  });

  it('two relay replicas put each event on the stream once, in the order recorded', async () => {
    const recorded = await recordMoveIns('3幢', ['501室', '502室', '503室', '601室', '602室']);
    // A second mongoose connection and NATS connection: what another replica of the service would have.
    const otherConnection = await connectTestDatabase();
    const otherNats = new NatsConnectionProvider({ servers: testNatsUrl(), name: 'outbox-spec-2', logger });
    otherNats.start();
    const relays = [
      new OutboxRelay(connection, nats, { serviceName, namespace, logger }),
      new OutboxRelay(otherConnection, otherNats, { serviceName, namespace, logger }),
    ];
    await Promise.all(relays.map((relay) => relay.start()));
    try {
      await waitFor(async () => (await relays[0].pendingCount()) === 0, 'the outbox to drain');
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
      await otherNats.close();
      await otherConnection.close();
    }

    const jsm = await jetstreamManager(await nats.connection());
    const stream = await jsm.streams.get(eventsStreamName(namespace));
    const { state } = await stream.info();
    const onStream: { id: string; msgId?: string }[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const message = await stream.getMessage({ seq });
      onStream.push({ id: message!.json<{ id: string }>().id, msgId: message!.header.get('Nats-Msg-Id') });
    }
    const firstEventId = (await outboxModel(connection).findOne().sort({ _id: 1 }).lean())!.eventId;
    expect(onStream.map((m) => m.id)).toEqual([firstEventId, ...recorded]);
    expect(onStream.every((m) => m.msgId === m.id)).toBe(true);
  });

  it('marks a batch of published events sent with one update, not one per event', async () => {
    await recordMoveIns('5幢', ['701室', '702室', '703室', '801室']);
    // The relay's own connection, with the driver's command events, to count what it sends.
    const monitored = await mongoose
      .createConnection(testMongoUri(), { dbName: connection.name, monitorCommands: true, runtimeAdapters: { os } })
      .asPromise();
    const marks: number[] = [];
    monitored.getClient().on('commandStarted', ({ commandName, command }) => {
      const updates = command.updates as Array<{ u: { $set?: Record<string, unknown> } }> | undefined;
      if (commandName === 'update' && command.update === 'outbox' && updates?.some((u) => u.u.$set?.publishedAt))
        marks.push(updates.length);
    });
    const relay = new OutboxRelay(monitored, nats, { serviceName, namespace, logger });
    await relay.start();
    try {
      await waitFor(async () => (await relay.pendingCount()) === 0, 'the outbox to drain');
    } finally {
      await relay.stop();
      await monitored.close();
    }
    expect(marks).toEqual([1]);
  });

  it('records facts of no transaction at once, from the request that caused them, all validated before any is written', async () => {
    const reads = ['r-小明', 'r-小红'].map((residentId) => ({
      subjectType: 'Resident',
      subjectId: residentId,
      residentId: null,
      category: 'CHILD_UNDER_14' as const,
      fields: ['name', 'ageBand'],
      purpose: '暑期托管报名核对',
    }));
    const actor = { kind: 'person' as const, id: 'idp|li-shuji', roles: [], scopes: [] };
    const events = await runWithRequestContext({ requestId: 'req-淞源-2', actor }, () =>
      publisher.recordNow(sensitiveRecordRead, ...reads),
    );
    const stored = await outboxModel(connection)
      .find({ eventId: { $in: events.map((event) => event.id) } })
      .sort({ _id: 1 })
      .lean();
    expect(stored.map((record) => record.envelope)).toEqual(events);
    expect(events.map((event) => [event.requestId, event.actor, event.payload.subjectId])).toEqual([
      ['req-淞源-2', { kind: 'person', id: 'idp|li-shuji' }, 'r-小明'],
      ['req-淞源-2', { kind: 'person', id: 'idp|li-shuji' }, 'r-小红'],
    ]);

    const before = await outboxModel(connection).countDocuments();
    await expect(
      publisher.recordNow(sensitiveRecordRead, reads[0], { ...reads[1], fields: [] }),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await outboxModel(connection).countDocuments()).toBe(before);
  });
});
