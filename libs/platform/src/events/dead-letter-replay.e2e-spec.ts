import { deadLetterStreamName, eventsStreamName, residentMovedIn } from '@gongzhi/contracts';
import { SubgraphMetrics } from '@gongzhi/metrics';
import { connectTestDatabase, sampleValue, testEventsNamespace, testNatsUrl, waitFor } from '@gongzhi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Connection } from 'mongoose';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { withTransaction } from '../mongo/transaction';
import { EventConsumer } from './event-consumer';
import { NatsConnectionProvider } from './nats-connection';
import { OutboxPublisher } from './outbox-publisher';
import { OutboxRelay } from './outbox-relay';

const namespace = testEventsNamespace();
const logger = pino({ level: process.env.SPEC_LOG_LEVEL ?? 'silent' });
// The documented command, `npm run events -- dead-letters …`, minus the install-and-build step (npm test built it).
const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'infra', 'dist', 'cli.js');

async function events(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'events', 'dead-letters', ...args], {
    env: { ...process.env, NATS_URL: testNatsUrl(), EVENTS_NAMESPACE: namespace },
  });
  return stdout;
}

/**
 * docs/operations.md's runbook, end to end: a consumer gives up on an event (its handler kept failing), the operator
 * lists the dead letters, fixes the cause, and replays them with `npm run events -- dead-letters replay`. The event
 * is handled once, by that consumer only; replaying again does nothing more.
 */
describe('replaying dead-lettered events', () => {
  let connection: Connection;
  let nats: NatsConnectionProvider;
  let relay: OutboxRelay;
  const consumers: EventConsumer<typeof residentMovedIn>[] = [];
  const metrics = new SubgraphMetrics();
  let directoryDown = true;

  beforeAll(async () => {
    connection = await connectTestDatabase('replay');
    nats = new NatsConnectionProvider({ servers: testNatsUrl(), name: 'replay-spec', logger });
    nats.start();
    relay = new OutboxRelay(connection, nats, { serviceName: 'organization', namespace, logger });
    await relay.start();
    const ledger = (name: string) => connection.collection<{ eventId: string }>(name);
    const start = (name: string, handle: (eventId: string) => Promise<void>) => {
      const consumer = new EventConsumer(connection, nats, {
        serviceName: 'services',
        namespace,
        name,
        events: [residentMovedIn],
        logger,
        metrics,
        maxDeliver: 2,
        retry: { initialMs: 50, maxMs: 100 },
        handle: (event, session) =>
          handle(event.id)
            .then(() => ledger(name).insertOne({ eventId: event.id }, { session }))
            .then(() => undefined),
      });
      consumer.start();
      consumers.push(consumer);
    };
    start('elder-directory', async () => {
      if (directoryDown) throw new Error('淞源社区 elder directory is unavailable');
    });
    // Another consumer of the same event type: it handled the event the first time and must not see it again.
    start('welcome-visits', async () => undefined);
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await relay.stop();
    const jsm = await jetstreamManager(await nats.connection());
    await jsm.streams.delete(eventsStreamName(namespace)).catch(() => undefined);
    await jsm.streams.delete(deadLetterStreamName(namespace)).catch(() => undefined);
    await nats.close();
    await connection.dropDatabase();
    await connection.close();
  });

  it('lists the dead letter, replays it to its consumer only, and a second replay changes nothing', async () => {
    const event = await withTransaction(connection, (session) =>
      new OutboxPublisher(connection, { serviceName: 'organization', namespace }).record(
        residentMovedIn,
        {
          residentId: 'r-钱美琴',
          householdId: 'h-3幢-502室',
          buildingId: 'b-淞泽家园七区-3幢',
          compoundId: 'c-淞泽家园七区',
          communityId: 'cm-淞源社区',
        },
        { session },
      ),
    );
    const count = (name: string) => connection.collection(name).countDocuments({ eventId: event.id });
    await waitFor(async () => (await count('welcome-visits')) === 1, 'the other consumer to handle the event');

    // The dead letter, as `list` shows it.
    let listed: { seq: number; consumer: string; eventId: string; type: string; error: { message: string } }[] = [];
    await waitFor(
      async () => (listed = JSON.parse(await events('list', '--json'))).length === 1,
      'the dead letter to be listed',
    );
    expect(listed[0]).toMatchObject({
      consumer: 'services-elder-directory',
      eventId: event.id,
      type: 'org.resident.moved-in',
      deliveryCount: 2,
      error: { message: '淞源社区 elder directory is unavailable' },
    });
    expect(await events('list')).toContain(`#${listed[0].seq}`);
    expect(await events('list', '--consumer', 'services-welcome-visits')).toContain('no dead letters');
    expect(
      sampleValue(await metrics.registry.metrics(), 'gongzhi_event_dead_letters_total', {
        consumer: 'services-elder-directory',
      }),
    ).toBe(1);

    // The cause is fixed; the operator replays that consumer's dead letters.
    directoryDown = false;
    expect(await events('replay', '--consumer', 'services-elder-directory')).toContain(
      `replayed #${listed[0].seq} to services-elder-directory (event ${event.id})`,
    );
    await waitFor(async () => (await count('elder-directory')) === 1, 'the replayed event to be handled');

    // Replaying again (a retried command, a second operator) finds nothing; the event stays handled once, by each.
    expect(await events('replay', '--seq', String(listed[0].seq))).toContain('no such dead letter (already replayed?)');
    expect(JSON.parse(await events('list', '--json'))).toEqual([]);
    const exposition = await metrics.registry.metrics();
    expect(
      sampleValue(exposition, 'gongzhi_event_consumer_handled_total', {
        consumer: 'services-elder-directory',
        outcome: 'handled',
      }),
    ).toBe(1);
    await waitFor(
      async () =>
        sampleValue(await metrics.registry.metrics(), 'gongzhi_event_consumer_handled_total', {
          consumer: 'services-welcome-visits',
          outcome: 'ignored',
        }) === 1,
      'the other consumer to pass over the replay',
    );
    expect([await count('elder-directory'), await count('welcome-visits')]).toEqual([1, 1]);
  });

  it('refuses a replay that does not say which dead letters', async () => {
    await expect(events('replay')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('replay needs --seq, --consumer or --all'),
    });
    await expect(events('replay', '--seq', 'x')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--seq takes dead-letter sequence numbers'),
    });
  });
});
