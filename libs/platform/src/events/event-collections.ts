import type { EventEnvelope } from '@gongzhi/contracts';
import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** An event waiting in (or sent from) a service's own outbox. `_id` order is the order of publication. */
export interface OutboxRecord {
  _id: Types.ObjectId;
  eventId: string;
  subject: string;
  envelope: EventEnvelope;
  /** null while pending. */
  publishedAt: Date | null;
  /** Failed publication attempts, with the last error, for operators looking at a stuck outbox. */
  attempts: number;
  lastError?: string;
}

/** "Consumer X has handled event Y": written in the handler's transaction, unique per (consumer, eventId). */
export interface ProcessedEvent {
  consumer: string;
  eventId: string;
  type: string;
  processedAt: Date;
}

export const OUTBOX_COLLECTION = 'outbox';
export const PROCESSED_EVENTS_COLLECTION = 'processed_events';

/** Sent events are kept a week for inspection and replay by hand, then expire. */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;
/** Redeliveries come within minutes; a month of memory is far more than de-duplication needs. */
const PROCESSED_RETENTION_SECONDS = 30 * 24 * 3600;

const outboxSchema = new Schema<OutboxRecord>(
  {
    eventId: { type: String, required: true },
    subject: { type: String, required: true },
    envelope: { type: Schema.Types.Mixed, required: true },
    publishedAt: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
    lastError: String,
  },
  { collection: OUTBOX_COLLECTION, versionKey: false, minimize: false },
);
outboxSchema.index({ publishedAt: 1, _id: 1 });
// TTL only touches documents whose publishedAt is a date: pending events never expire.
outboxSchema.index({ publishedAt: 1 }, { expireAfterSeconds: OUTBOX_RETENTION_SECONDS, name: 'published_ttl' });

const processedEventSchema = new Schema<ProcessedEvent>(
  {
    consumer: { type: String, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    processedAt: { type: Date, default: () => new Date() },
  },
  { collection: PROCESSED_EVENTS_COLLECTION, versionKey: false },
);
processedEventSchema.index({ consumer: 1, eventId: 1 }, { unique: true });
processedEventSchema.index({ processedAt: 1 }, { expireAfterSeconds: PROCESSED_RETENTION_SECONDS });

export function outboxModel(connection: Connection): Model<OutboxRecord> {
  return (
    (connection.models.GongzhiOutboxRecord as Model<OutboxRecord>) ??
    connection.model('GongzhiOutboxRecord', outboxSchema)
  );
}

export function processedEventModel(connection: Connection): Model<ProcessedEvent> {
  return (
    (connection.models.GongzhiProcessedEvent as Model<ProcessedEvent>) ??
    connection.model('GongzhiProcessedEvent', processedEventSchema)
  );
}

/**
 * Creates both collections and their indexes. Transactions cannot create indexes, and the unique index is what makes
 * consumers idempotent, so this runs (idempotently) before the relay or any consumer starts.
 */
export async function ensureEventCollections(connection: Connection): Promise<void> {
  await Promise.all([outboxModel(connection).createIndexes(), processedEventModel(connection).createIndexes()]);
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
