import { z } from 'zod';
import { EVENT_TYPE_PATTERN, EventEnvelope, eventEnvelopeSchema } from './event-envelope';

/** A typed event contract: its name, its version and the schema of its payload. */
export interface EventContract<
  TType extends string = string,
  TVersion extends number = number,
  TPayload extends z.ZodObject = z.ZodObject,
> {
  readonly type: TType;
  readonly version: TVersion;
  readonly payload: TPayload;
  /** Checks a whole envelope of this contract (type, version and payload); throws a ZodError otherwise. */
  parseEnvelope(envelope: unknown): EventOf<EventContract<TType, TVersion, TPayload>>;
}

export type AnyEventContract = EventContract<string, number, z.ZodObject>;

/** The payload a producer passes in (before defaults and transforms). */
export type PayloadInputOf<C extends AnyEventContract> = z.input<C['payload']>;
/** The payload a consumer receives. */
export type PayloadOf<C extends AnyEventContract> = z.output<C['payload']>;
/** The envelope a consumer receives for contract C. */
export type EventOf<C extends AnyEventContract> = EventEnvelope<C['type'], PayloadOf<C>> & { version: C['version'] };

export function defineEvent<TType extends string, TVersion extends number, TPayload extends z.ZodObject>(definition: {
  type: TType;
  version: TVersion;
  payload: TPayload;
}): EventContract<TType, TVersion, TPayload> {
  const { type, version, payload } = definition;
  if (!EVENT_TYPE_PATTERN.test(type))
    throw new Error(`Event type "${type}" must be dotted lowercase segments, e.g. org.unit.created`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`Event ${type}: version must be a positive integer`);
  const envelope = eventEnvelopeSchema.extend({ type: z.literal(type), version: z.literal(version), payload });
  return {
    type,
    version,
    payload,
    parseEnvelope: (value) => envelope.parse(value) as EventOf<EventContract<TType, TVersion, TPayload>>,
  };
}
