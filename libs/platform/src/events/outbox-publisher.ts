import { type AnyEventContract, type EventActor, type EventOf, eventSubject, type PayloadInputOf } from '@gongzhi/contracts';
import { randomUUID } from 'node:crypto';
import type { ClientSession, Connection } from 'mongoose';
import { currentActor, currentRequestId } from '../request-context/request-context';
import { outboxModel } from './event-collections';

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
  async record<C extends AnyEventContract>(contract: C, payload: PayloadInputOf<C>, options: RecordEventOptions): Promise<EventOf<C>> {
    if (!options.session.inTransaction()) {
      throw new Error(`${contract.type}: record() needs a session inside a transaction, so the change and its event commit together`);
    }
    const envelope = this.envelope(contract, payload, options);
    await outboxModel(this.connection).create([this.outboxRecord(envelope)], { session: options.session });
    return envelope;
  }

  /**
   * Stores facts that belong to no write transaction — a read of a sensitive record, say — at once. Each event is one
   * document, so its insert is atomic without a session; several go in one insertMany. All payloads are validated
   * before anything is written.
   */
  async recordNow<C extends AnyEventContract>(contract: C, ...payloads: PayloadInputOf<C>[]): Promise<EventOf<C>[]> {
    const envelopes = payloads.map((payload) => this.envelope(contract, payload, {}));
    await outboxModel(this.connection).insertMany(envelopes.map((envelope) => this.outboxRecord(envelope)));
    return envelopes;
  }

  private envelope<C extends AnyEventContract>(contract: C, payload: PayloadInputOf<C>, options: Omit<RecordEventOptions, 'session'>): EventOf<C> {
    const requestId = options.requestId ?? currentRequestId();
    const actor = options.actor ?? eventActorOfCaller();
    return {
      id: randomUUID(),
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      source: this.options.serviceName,
      // Absent rather than null: the envelope schema treats both as optional strings/objects.
      ...(requestId && { requestId }),
      ...(actor && { actor }),
      payload: contract.payload.parse(payload),
    } as EventOf<C>;
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
