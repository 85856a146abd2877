import {
  type AnyEventContract,
  type EventActor,
  type EventOf,
  eventSubject,
  type PayloadInputOf,
} from '@gongzhi/contracts';
import { randomUUID } from 'node:crypto';
import type { ClientSession, Connection } from 'mongoose';
import { currentActor, currentRequestId } from '../request-context/request-context';
import type { TraceCarrier } from '@gongzhi/telemetry';
import { outboxModel } from './event-collections';
import { traceEventCreation } from './event-tracing';

export interface RecordEventOptions {
  /** The caller's session, inside the transaction that makes the change the event reports. */
  session: ClientSession;
  /** Defaults to the request id of the GraphQL request (or event) being handled. */
  requestId?: string;
  /** Defaults to the caller of the GraphQL request being handled, if signed in. */
  actor?: EventActor;
}

export interface OutboxPublisherOptions {
  serviceName: string;
  namespace: string;
}

/**
 * Records events in the service's own `outbox` collection, in the caller's transaction: the change and its event
 * commit together or not at all (or at once, for facts no write goes with). The OutboxRelay sends them to JetStream
 * afterwards.
 */
export class OutboxPublisher {
  constructor(
    private readonly connection: Connection,
    private readonly options: OutboxPublisherOptions,
  ) {}

  /** Validates `payload` against the contract (throwing a ZodError if it breaks it) and stores the event. */
  async record<C extends AnyEventContract>(
    contract: C,
    payload: PayloadInputOf<C>,
    options: RecordEventOptions,
  ): Promise<EventOf<C>> {
    if (!options.session.inTransaction()) {
      throw new Error(
        `${contract.type}: record() needs a session inside a transaction, so the change and its event commit together`,
      );
    }
    const id = randomUUID();
    return traceEventCreation(this.subjectOf(contract), contract.type, [id], async (trace) => {
      const envelope = this.envelope(contract, payload, options, id, trace);
      await outboxModel(this.connection).create([this.outboxRecord(envelope)], { session: options.session });
      return envelope;
    });
  }

  /**
   * Stores facts that belong to no write transaction — a read of a sensitive record, say — at once. Each event is one
   * document, so its insert is atomic without a session; several go in one insertMany. All payloads are validated
   * before anything is written.
   */
  async recordNow<C extends AnyEventContract>(contract: C, ...payloads: PayloadInputOf<C>[]): Promise<EventOf<C>[]> {
    const ids = payloads.map(() => randomUUID());
    return traceEventCreation(this.subjectOf(contract), contract.type, ids, async (trace) => {
      const envelopes = payloads.map((payload, i) => this.envelope(contract, payload, {}, ids[i], trace));
      await outboxModel(this.connection).insertMany(envelopes.map((envelope) => this.outboxRecord(envelope)));
      return envelopes;
    });
  }

  private envelope<C extends AnyEventContract>(
    contract: C,
    payload: PayloadInputOf<C>,
    options: Omit<RecordEventOptions, 'session'>,
    id: string,
    trace: TraceCarrier,
  ): EventOf<C> {
    const requestId = options.requestId ?? currentRequestId();
    const actor = options.actor ?? eventActorOfCaller();
    return {
      id,
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      source: this.options.serviceName,
      // Absent rather than null: the envelope schema treats both as optional strings/objects.
      ...(requestId && { requestId }),
      ...(actor && { actor }),
      // The write's trace context, kept with the outbox record so the consumer's span joins this trace however late.
      ...trace,
      payload: contract.payload.parse(payload),
    } as EventOf<C>;
  }

  private subjectOf(contract: AnyEventContract): string {
    return eventSubject(this.options.namespace, contract.type);
  }

  private outboxRecord(envelope: EventOf<AnyEventContract>) {
    return { eventId: envelope.id, subject: eventSubject(this.options.namespace, envelope.type), envelope };
  }
}

/** Who caused the change, as events name them: a person's subject, a partner unit (and its key), a service. */
function eventActorOfCaller(): EventActor | undefined {
  const actor = currentActor();
  if (actor.kind === 'anonymous') return undefined;
  return { kind: actor.kind, id: actor.id, ...(actor.apiKeyId && { apiKeyId: actor.apiKeyId }) };
}
