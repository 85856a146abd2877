import {
  type ApiKeyGrant,
  apiKeyUsed,
  deadLetterStreamName,
  type EventOf,
  eventsStreamName,
  eventSubject,
} from '@gongzhi/contracts';
import { ensureEventStreams } from '@gongzhi/platform';
import { testEventsNamespace, testNatsUrl, waitFor } from '@gongzhi/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { memoryLogger } from '../testing/auth.fixture';
import type { NatsConnection } from './nats-connection';
import { createUsageReporter, type UsageReporter, type UsageReporterOptions } from './usage-reporter';

const grantFor = (keyId: string, partnerUnitId = 'pu-苏州园区物业'): ApiKeyGrant => ({
  keyId,
  partnerUnitId,
  partnerName: '苏州园区物业服务有限公司',
  scopes: ['facilities:lamps:read'],
  communityIds: ['c-淞源社区'],
  expiresAt: null,
  rateLimitPerMinute: null,
});

interface StoredUsage {
  envelope: EventOf<typeof apiKeyUsed>;
  msgId: string | undefined;
}

describe('createUsageReporter (real JetStream)', () => {
  const namespace = testEventsNamespace();
  /** No stream captures its subjects until a test makes one: every publish fails. */
  const unreachable = `${namespace}x`;
  let nc: NatsConnection;
  const reporters: UsageReporter[] = [];
  const { logger, logs } = memoryLogger();
  const reporter = (options: Partial<UsageReporterOptions> = {}) => {
    const created = createUsageReporter({
      nc,
      namespace,
      gatewayId: 'gateway-0.songyuan',
      flushMs: 60_000,
      logger,
      ...options,
    });
    reporters.push(created);
    return created;
  };

  /** Every partner.api-key.used event of one key in the namespace's stream, checked against the contract. */
  const usageOf = async (keyId: string, ns = namespace): Promise<StoredUsage[]> => {
    const jsm = await jetstreamManager(nc);
    const stream = eventsStreamName(ns);
    const { state } = await jsm.streams.info(stream);
    const stored: StoredUsage[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (message?.subject !== eventSubject(ns, apiKeyUsed.type)) continue;
      const envelope = apiKeyUsed.parseEnvelope(message.json());
      if (envelope.payload.keyId === keyId) stored.push({ envelope, msgId: message.header.get('Nats-Msg-Id') });
    }
    return stored;
  };

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    // An external NATS_URL keeps streams between runs: start from none.
    const jsm = await jetstreamManager(nc);
    for (const ns of [namespace, unreachable]) {
      for (const stream of [eventsStreamName(ns), deadLetterStreamName(ns)])
        await jsm.streams.delete(stream).catch(() => undefined);
    }
    await ensureEventStreams(nc, { namespace });
  });
  afterAll(async () => {
    for (const created of reporters) await created.close();
    await nc.close();
  });

  it('publishes, per flush, one event per key with what it counted', async () => {
    const usage = reporter();
    const before = new Date().toISOString();
    for (const outcome of ['allowed', 'allowed', 'rate-limited', 'allowed'] as const)
      usage.count(grantFor('k-flush-property'), outcome);
    usage.count(grantFor('k-flush-elder-care', 'pu-淞源养老驿站'), 'allowed');
    await usage.flush();

    const [property] = await usageOf('k-flush-property');
    expect(property.envelope).toMatchObject({
      type: 'partner.api-key.used',
      version: 1,
      source: 'gateway',
      actor: { kind: 'partner', id: 'pu-苏州园区物业', apiKeyId: 'k-flush-property' },
      payload: {
        keyId: 'k-flush-property',
        partnerUnitId: 'pu-苏州园区物业',
        requests: 3,
        rateLimited: 1,
        gateway: 'gateway-0.songyuan',
      },
    });
    expect(property.msgId).toBe(property.envelope.id);
    expect(property.envelope.payload.firstUsedAt >= before).toBe(true);
    expect(property.envelope.payload.lastUsedAt >= property.envelope.payload.firstUsedAt).toBe(true);
    expect((await usageOf('k-flush-elder-care')).map((u) => u.envelope.payload)).toMatchObject([
      { partnerUnitId: 'pu-淞源养老驿站', requests: 1, rateLimited: 0 },
    ]);

    await usage.flush(); // nothing new: nothing sent
    expect(await usageOf('k-flush-property')).toHaveLength(1);
  });

  it('keeps what it could not publish and reports it with the next flush', async () => {
    const usage = reporter({ namespace: unreachable });
    usage.count(grantFor('k-outage'), 'allowed');
    usage.count(grantFor('k-outage'), 'rate-limited');
    await usage.flush();
    expect(logs.filter((line) => line.msg === 'API key usage not published; kept for the next flush')).toHaveLength(1);

    await ensureEventStreams(nc, { namespace: unreachable });
    usage.count(grantFor('k-outage'), 'allowed');
    await usage.flush();
    expect((await usageOf('k-outage', unreachable)).map((u) => u.envelope.payload)).toMatchObject([
      { requests: 2, rateLimited: 1 },
    ]);
  });

  it('flushes every flushMs, and once more on close', async () => {
    const usage = reporter({ flushMs: 200 });
    usage.count(grantFor('k-timer'), 'allowed');
    await waitFor(async () => (await usageOf('k-timer')).length === 1, 'the timer flushes', 5_000);

    const closing = reporter();
    closing.count(grantFor('k-close'), 'allowed');
    await closing.close();
    expect(await usageOf('k-close')).toHaveLength(1);
  });
});
