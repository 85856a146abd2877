import { z } from 'zod';

/** Who caused the fact: the person or system behind the request, as the gateway verified it. */
export const eventActorSchema = z.object({
  /** resident, staff, partner (a co-building unit's API key), service, system… */
  kind: z.string().min(1),
  id: z.string().min(1),
  /** A partner's calls: which of its keys, for the audit trail (never the secret). */
  apiKeyId: z.string().min(1).optional(),
});
export type EventActor = z.infer<typeof eventActorSchema>;

/** Event types are dotted, lowercase, kebab-case segments naming a past-tense fact: `org.unit.moved`. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** version-traceid-parentid-flags, lowercase hex (W3C Trace Context). */
export const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The envelope every event travels in, whatever its type. `payload` is checked by the event's own contract;
 * here it is only required to be an object.
 */
export const eventEnvelopeSchema = z.object({
  id: z.uuid({ version: 'v4' }),
  type: z.string().regex(EVENT_TYPE_PATTERN, 'must be dotted lowercase segments, e.g. org.unit.created'),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** The service that recorded the fact: organization, services, facilities, deliberation. */
  source: z.string().min(1),
  requestId: z.string().min(1).optional(),
  actor: eventActorSchema.optional(),
  /**
   * W3C trace context of the write that recorded the event (its outbox `create` span), so the consumer's handling
   * span links to it however late the event is handled. Absent when the producer was not tracing. A malformed one is
   * dropped, never a reason to refuse the event.
   */
  traceparent: z.string().regex(TRACEPARENT_PATTERN).optional().catch(undefined),
  tracestate: z.string().max(512).optional().catch(undefined),
  payload: z.record(z.string(), z.unknown()),
});

export interface EventEnvelope<TType extends string = string, TPayload = Record<string, unknown>> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  source: string;
  requestId?: string;
  actor?: EventActor;
  traceparent?: string;
  tracestate?: string;
  payload: TPayload;
}
