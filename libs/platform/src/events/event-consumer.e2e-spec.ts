import { randomUUID } from 'node:crypto';
import {
  type AnyEventContract,
  communityRegistered,
  deadLetterStreamName,
  type EventOf,
  eventsStreamName,
  eventSubject,
  householdRegistered,
  orgUnitCreated,
  partnerAgreementSigned,
  residentMovedIn,
  residentMovedOut,
} from '@gongzhi/contracts';
import { connectTestDatabase, testEventsNamespace, testNatsUrl, waitFor } from '@gongzhi/testing';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Connection } from 'mongoose';
import pino from 'pino';
import { withTransaction } from '../mongo/transaction';
import { currentRequestId, runWithRequestContext } from '../request-context/request-context';
import { processedEventModel } from './event-collections';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';
import { ensureEventStreams } from './event-streams';
import { NatsConnectionProvider } from './nats-connection';
import { OutboxPublisher } from './outbox-publisher';
import { OutboxRelay } from './outbox-relay';

const namespace = testEventsNamespace();
const logger = pino({ level: process.env.SPEC_LOG_LEVEL ?? 'silent' });

describe('EventConsumer', () => {
  let connection: Connection;
  let nats: NatsConnectionProvider;
  let publisher: OutboxPublisher;
  let relay: OutboxRelay;
  const cleanups: (() => Promise<unknown>)[] = [];

  /** What a replica of the consuming service would have: its own MongoDB and NATS connections. */
  async function replica(): Promise<{ connection: Connection; nats: NatsConnectionProvider }> {
    const replicaConnection = await connectTestDatabase();
    const replicaNats = new NatsConnectionProvider({ servers: testNatsUrl(), name: 'consumer-spec-replica', logger });
    replicaNats.start();
    cleanups.push(
      () => replicaNats.close(),
      () => replicaConnection.close(),
    );
    return { connection: replicaConnection, nats: replicaNats };
  }

  type ConsumerSpec<C extends AnyEventContract> = Omit<EventConsumerOptions<C>, 'serviceName' | 'namespace' | 'logger'>;

  function consumer<C extends AnyEventContract>(
    at: { connection: Connection; nats: NatsConnectionProvider },
    options: ConsumerSpec<C>,
  ): EventConsumer<C> {
    const created = new EventConsumer<C>(at.connection, at.nats, {
      serviceName: 'services',
      namespace,
      logger,
      ...options,
    });
    cleanups.push(() => created.stop());
    created.start();
    return created;
  }

  /** Handlers write through their own replica's connection, since the session belongs to it. */
  const ledger = (name: string, on: Connection = connection) =>
    on.collection<{ eventId: string; handledBy: string; requestId?: string }>(name);

  /** Each test listens to its own event type, since a new durable consumer starts from the stream's beginning. */
  async function recordForRooms(
    contract: typeof residentMovedIn | typeof residentMovedOut,
    rooms: string[],
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const room of rooms) {
      const event = await withTransaction(connection, (session) =>
        publisher.record(
          contract,
          {
            residentId: `r-${room}`,
            householdId: `h-3幢-${room}`,
            buildingId: 'b-淞泽家园-3幢',
            compoundId: 'c-淞泽家园',
            communityId: 'cm-松源社区',
          },
          { session },
        ),
      );
      ids.push(event.id);
    }
    return ids;
  }

  async function registerHouseholds(rooms: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const roomNumber of rooms) {
      const event = await withTransaction(connection, (session) =>
        publisher.record(
          householdRegistered,
          {
            householdId: `h-5幢-${roomNumber}`,
            buildingId: 'b-淞泽家园-5幢',
            compoundId: 'c-淞泽家园',
            communityId: 'cm-松源社区',
            roomNumber,
          },
          { session },
        ),
      );
      ids.push(event.id);
    }
    return ids;
  }

  async function consumerState(durable: string) {
    const jsm = await jetstreamManager(await nats.connection());
    return jsm.consumers.info(eventsStreamName(namespace), durable);
  }

  beforeAll(async () => {
    connection = await connectTestDatabase();
    nats = new NatsConnectionProvider({ servers: testNatsUrl(), name: 'consumer-spec', logger });
    nats.start();
    publisher = new OutboxPublisher(connection, { serviceName: 'organization', namespace });
    relay = new OutboxRelay(connection, nats, { serviceName: 'organization', namespace, logger });
    await relay.start();
  });

  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  afterAll(async () => {
    await relay.stop();
    const jsm = await jetstreamManager(await nats.connection());
    await jsm.streams.delete(eventsStreamName(namespace)).catch(() => undefined);
    await jsm.streams.delete(deadLetterStreamName(namespace)).catch(() => undefined);
    await nats.close();
    await connection.dropDatabase();
    await connection.close();
  });

  it('handles each event once when stopped mid-batch and restarted, and skips a redelivered copy', async () => {
    const rooms = ['101室', '102室', '201室', '202室', '301室', '302室', '401室', '402室'];
    const recorded = await runWithRequestContext({ requestId: 'req-淞泽家园-入住' }, () =>
      recordForRooms(residentMovedIn, rooms),
    );
    const first = await replica();
    let stopping: Promise<void> | undefined;
    const options: ConsumerSpec<typeof residentMovedIn> = {
      name: 'elder-care-roster',
      events: [residentMovedIn],
      batchSize: 8,
      // nats-server 2.9 may hand a message given back on stop to the stopped replica's still-open pull request;
      // it comes back after ack_wait, so keep that short here.
      ackWaitMs: 3_000,
      handle: async (event, session) => {
        await ledger('roster', first.connection).insertOne(
          { eventId: event.id, handledBy: 'first', requestId: currentRequestId() },
          { session },
        );
        // Stop while the rest of the pulled batch is still waiting in this replica.
        if ((await ledger('roster', first.connection).countDocuments({}, { session })) === 3)
          stopping = firstConsumer.stop();
      },
    };
    const firstConsumer = consumer(first, options);
    await waitFor(() => stopping !== undefined, 'the first consumer to stop mid-batch');
    await stopping;
    await first.nats.close();
    expect(await ledger('roster').countDocuments()).toBe(3);

    const restarted = await replica();
    consumer(restarted, {
      ...options,
      handle: async (event, session) => {
        await ledger('roster', restarted.connection).insertOne(
          { eventId: event.id, handledBy: 'restarted', requestId: currentRequestId() },
          { session },
        );
      },
    });
    await waitFor(
      async () => (await ledger('roster').countDocuments()) === rooms.length,
      'every resident on the roster',
    );

    // A copy of an event already handled (as after a lost ack) is acknowledged and skipped.
    const [original] = await relayedEnvelopes(recorded.slice(0, 1));
    await jetstream(await nats.connection()).publish(
      eventSubject(namespace, residentMovedIn.type),
      JSON.stringify(original),
      {
        msgID: `replayed-${original.id}`,
      },
    );
    await waitFor(async () => {
      const state = await consumerState('services-elder-care-roster');
      return state.num_pending === 0 && state.num_ack_pending === 0;
    }, 'the copy to be acknowledged');

    const roster = await ledger('roster').find().toArray();
    expect(roster.map((entry) => entry.eventId).sort()).toEqual([...recorded].sort());
    expect(roster.filter((entry) => entry.handledBy === 'restarted')).toHaveLength(rooms.length - 3);
    // The request that recorded the events is the request the handlers run under.
    expect(new Set(roster.map((entry) => entry.requestId))).toEqual(new Set(['req-淞泽家园-入住']));
    expect(await processedEventModel(connection).countDocuments({ consumer: 'services-elder-care-roster' })).toBe(
      rooms.length,
    );
  });

  it('two replicas sharing the durable consumer handle each event once in total', async () => {
    const recorded = await registerHouseholds([
      '501室',
      '502室',
      '503室',
      '504室',
      '601室',
      '602室',
      '603室',
      '604室',
      '701室',
      '702室',
    ]);
    for (const name of ['replica-a', 'replica-b']) {
      const at = await replica();
      consumer(at, {
        name: 'childcare-eligibility',
        events: [householdRegistered, orgUnitCreated],
        batchSize: 2,
        handle: async (event, session) => {
          if (event.type === 'org.household.registered')
            await ledger('eligibility', at.connection).insertOne({ eventId: event.id, handledBy: name }, { session });
        },
      });
    }
    await waitFor(
      async () => (await ledger('eligibility').countDocuments()) >= recorded.length,
      'all residents checked',
    );
    await waitFor(
      async () => (await consumerState('services-childcare-eligibility')).num_ack_pending === 0,
      'acks to settle',
    );
    const handled = await ledger('eligibility').find().toArray();
    expect(handled.map((entry) => entry.eventId).sort()).toEqual([...recorded].sort());
  });

  it('sends an event whose handler keeps failing to the dead-letter subject after the bounded redeliveries', async () => {
    const [eventId] = await recordForRooms(residentMovedOut, ['902室']);
    let attempts = 0;
    const at = await replica();
    consumer(at, {
      name: 'care-visits',
      events: [residentMovedOut],
      maxDeliver: 3,
      retry: { initialMs: 100, maxMs: 400 },
      handle: async (event, session) => {
        await ledger('visits', at.connection).insertOne({ eventId: event.id, handledBy: 'care-visits' }, { session });
        attempts += 1;
        throw new Error('家庭医生工作室 rota unavailable');
      },
    });
    const jsm = await jetstreamManager(await nats.connection());
    const dlq = deadLetterStreamName(namespace);
    await waitFor(async () => (await jsm.streams.info(dlq)).state.messages === 1, 'the dead letter');
    const deadLetter = (await jsm.streams.getMessage(dlq, {
      last_by_subj: `${namespace}.dlq.services-care-visits`,
    }))!.json<{
      consumer: string;
      deliveryCount: number;
      error: { message: string };
      event: { id: string };
    }>();
    expect(deadLetter).toMatchObject({
      consumer: 'services-care-visits',
      deliveryCount: 3,
      error: { message: '家庭医生工作室 rota unavailable' },
      event: { id: eventId },
    });
    await waitFor(
      async () => (await consumerState('services-care-visits')).num_ack_pending === 0,
      'the event to be terminated',
    );
    expect(attempts).toBe(3);
    // Each failed attempt rolled back: no half-written visit, no "processed" mark.
    expect(await ledger('visits').countDocuments()).toBe(0);
    expect(await processedEventModel(connection).countDocuments({ consumer: 'services-care-visits' })).toBe(0);
  });

  it('takes up the events a new release subscribes to, those already in the stream included, when its filter changes', async () => {
    // The consumer as an earlier release made it: 社区 registrations only (a list of subjects from NATS 2.10 on).
    const js = jetstream(await nats.connection());
    const jsm = await jetstreamManager(await nats.connection());
    const stream = eventsStreamName(namespace);
    await ensureEventStreams(await nats.connection(), { namespace });
    const durable = 'services-agreements-roster';
    const oldSubjects = [eventSubject(namespace, communityRegistered.type)];
    const [major = 0, minor = 0] = ((await nats.connection()).info?.version ?? '0.0').split('.').map(Number);
    const multiFilter = major > 2 || (major === 2 && minor >= 10);
    if (multiFilter) oldSubjects.push(eventSubject(namespace, orgUnitCreated.type));
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      ...(multiFilter ? { filter_subjects: oldSubjects } : { filter_subject: oldSubjects[0] }),
    });
    const publish = async <C extends typeof communityRegistered | typeof partnerAgreementSigned>(
      contract: C,
      payload: EventOf<C>['payload'],
    ) => {
      const envelope = {
        id: randomUUID(),
        type: contract.type,
        version: contract.version,
        occurredAt: new Date().toISOString(),
        source: 'organization',
        payload,
      };
      await js.publish(eventSubject(namespace, contract.type), JSON.stringify(envelope), { msgID: envelope.id });
      return envelope.id;
    };
    const street = '斜塘街道';
    const songyuan = await publish(communityRegistered, { communityId: 'cm-淞源', name: '淞源社区', street });
    // Published while the earlier release ran: its consumer steps over it.
    const agreement = await publish(partnerAgreementSigned, {
      agreementId: 'pa-淞泽物业',
      partnerUnitId: 'pu-淞泽物业',
      communityId: 'cm-淞源',
      validFrom: '2026-01-01',
      validUntil: '2028-12-31',
    });
    const songze = await publish(communityRegistered, { communityId: 'cm-淞泽', name: '淞泽社区', street });
    const songnan = await publish(communityRegistered, { communityId: 'cm-淞南', name: '淞南社区', street });
    // The earlier release handled 淞源社区 and 淞泽社区 and had 淞南社区 in hand, not yet acknowledged, when replaced.
    const earlier = await js.consumers.get(stream, durable);
    for (const id of [songyuan, songze]) {
      const handledBefore = (await earlier.next())!;
      expect(handledBefore.json<{ id: string }>().id).toBe(id);
      await handledBefore.ackAck();
    }
    expect((await earlier.next())!.json<{ id: string }>().id).toBe(songnan);

    const at = await replica();
    consumer(at, {
      name: 'agreements-roster',
      events: [communityRegistered, partnerAgreementSigned],
      handle: async (event, session) => {
        await ledger('agreements-roster', at.connection).insertOne(
          { eventId: event.id, handledBy: event.type },
          { session },
        );
      },
    });
    await waitFor(
      async () => (await ledger('agreements-roster').countDocuments()) === 2,
      'the agreement and 淞南社区 to be handled',
    );
    await waitFor(async () => {
      const state = await consumerState(durable);
      return state.num_pending === 0 && state.num_ack_pending === 0;
    }, 'the consumer to settle');
    const { config } = await consumerState(durable);
    const filters = config.filter_subjects?.length ? config.filter_subjects : [config.filter_subject];
    expect(filters.sort()).toEqual(
      multiFilter
        ? [communityRegistered, partnerAgreementSigned].map((contract) => eventSubject(namespace, contract.type)).sort()
        : [`${namespace}.events.>`],
    );
    // One consumer of that name; nothing lost, nothing handled twice, and what it had acknowledged not again.
    const names: string[] = [];
    for await (const info of jsm.consumers.list(stream)) names.push(info.name);
    expect(names.filter((name) => name === durable)).toHaveLength(1);
    const handled = await ledger('agreements-roster').find().toArray();
    expect(handled.map((entry) => entry.eventId).sort()).toEqual([agreement, songnan].sort());
  });

  async function relayedEnvelopes(ids: string[]): Promise<{ id: string }[]> {
    const stream = await (await jetstreamManager(await nats.connection())).streams.get(eventsStreamName(namespace));
    const { state } = await stream.info();
    const envelopes: { id: string }[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const envelope = (await stream.getMessage({ seq }))!.json<{ id: string }>();
      if (ids.includes(envelope.id)) envelopes.push(envelope);
    }
    return envelopes;
  }
});
