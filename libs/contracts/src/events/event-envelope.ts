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
  payload: TPayload;
}
