import { randomUUID } from 'node:crypto';
import { type ApiKeyGrant, apiKeyUsed, type EventOf, eventSubject } from '@gongzhi/contracts';
import { jetstream } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { NatsConnection } from './nats-connection';

export type UsageOutcome = 'allowed' | 'rate-limited';

export interface UsageReporterOptions {
  nc: NatsConnection;
  namespace: string;
  /** This replica's name, in every event it publishes. */
  gatewayId: string;
  flushMs: number;
  logger: Logger;
}

export interface UsageReporter {
  count(grant: ApiKeyGrant, outcome: UsageOutcome): void;
  /** Publishes what was counted since the last flush; what fails to publish is kept for the next one. */
  flush(): Promise<void>;
  /** Stops the timer and flushes a last time. */
  close(): Promise<void>;
}

interface KeyUsage {
  grant: ApiKeyGrant;
  requests: number;
  rateLimited: number;
  firstUsedAt: number;
  lastUsedAt: number;
}

/**
 * Counts each API key's requests in memory and publishes one partner.api-key.used event per key and interval, so
 * organization's audit trail sees partners' use without an event (or a write) per request.
 */
export function createUsageReporter({
  nc,
  namespace,
  gatewayId,
  flushMs,
  logger,
}: UsageReporterOptions): UsageReporter {
  const js = jetstream(nc);
  const subject = eventSubject(namespace, apiKeyUsed.type);
  let pending = new Map<string, KeyUsage>();
  let flushing = Promise.resolve();

  const add = (usage: KeyUsage) => {
    const known = pending.get(usage.grant.keyId);
    pending.set(usage.grant.keyId, known ? mergeUsage(known, usage) : usage);
  };

  const publish = async (usage: KeyUsage) => {
    const envelope = usageEvent(usage, gatewayId);
    // msgID = envelope id: the stream stores this envelope once, however often it is sent.
    await js.publish(subject, JSON.stringify(envelope), { msgID: envelope.id });
  };

  const flushOnce = async () => {
    const batch = [...pending.values()];
    pending = new Map();
    const results = await Promise.allSettled(batch.map(publish));
    const failures = results.flatMap((result, i) =>
      result.status === 'rejected' ? [{ usage: batch[i], reason: result.reason as unknown }] : [],
    );
    // Merged into what was counted meanwhile: the next flush reports both, so no use goes unreported.
    for (const { usage } of failures) add(usage);
    if (failures.length)
      logger.warn(
        { err: failures[0].reason, keys: failures.length },
        'API key usage not published; kept for the next flush',
      );
  };

  const flush = () => (flushing = flushing.then(flushOnce));
  const timer = setInterval(() => void flush(), flushMs).unref();

  return {
    count(grant, outcome) {
      const now = Date.now();
      const allowed = outcome === 'allowed';
      add({ grant, requests: allowed ? 1 : 0, rateLimited: allowed ? 0 : 1, firstUsedAt: now, lastUsedAt: now });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

function mergeUsage(a: KeyUsage, b: KeyUsage): KeyUsage {
  return {
    grant: a.grant,
    requests: a.requests + b.requests,
    rateLimited: a.rateLimited + b.rateLimited,
    firstUsedAt: Math.min(a.firstUsedAt, b.firstUsedAt),
    lastUsedAt: Math.max(a.lastUsedAt, b.lastUsedAt),
  };
}

function usageEvent(
  { grant, requests, rateLimited, firstUsedAt, lastUsedAt }: KeyUsage,
  gatewayId: string,
): EventOf<typeof apiKeyUsed> {
  return {
    id: randomUUID(),
    type: apiKeyUsed.type,
    version: apiKeyUsed.version,
    occurredAt: new Date().toISOString(),
    source: 'gateway',
    actor: { kind: 'partner', id: grant.partnerUnitId, apiKeyId: grant.keyId },
    payload: {
      keyId: grant.keyId,
      partnerUnitId: grant.partnerUnitId,
      requests,
      rateLimited,
      firstUsedAt: new Date(firstUsedAt).toISOString(),
      lastUsedAt: new Date(lastUsedAt).toISOString(),
      gateway: gatewayId,
    },
  };
}
