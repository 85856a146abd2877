import type { Model, QueryFilter, Types } from 'mongoose';
import type { Step } from '../graphql/status-step';

/** A record as stored: its fields, its id and, where the schema keeps timestamps, when it was made. */
export type StoredRecord<T> = T & { _id: Types.ObjectId; createdAt?: Date | null };

/** A record whose `history` is missing (written before the entity kept one) or empty. */
const WITHOUT_HISTORY = { 'history.0': { $exists: false } };

/**
 * A start-up migration for an entity that began keeping its status changes (`history`, docs/api-conventions.md,
 * "State machines") after records of it existed: each record without a step gets the steps `historyOf` tells from
 * what it holds (when it was made, cancelled, promoted…). Run it from the feature service's onApplicationBootstrap, so
 * it is done before the subgraph answers. Idempotent, and safe when replicas start together: a record is written only
 * while it still has no step, by one conditional update, so a second run (or replica) finds nothing to do. Returns how
 * many records it wrote.
 */
export async function backfillHistory<T>(
  model: Model<T>,
  historyOf: (record: StoredRecord<T>) => Step<string>[],
): Promise<number> {
  let written = 0;
  const filter = WITHOUT_HISTORY as QueryFilter<T>;
  for await (const found of model.find(filter).lean().cursor()) {
    const record = found as unknown as StoredRecord<T>;
    const { modifiedCount } = await model.updateOne({ ...filter, _id: record._id } as QueryFilter<T>, {
      $set: { history: historyOf(record) },
    });
    written += modifiedCount;
  }
  return written;
}

/** When a record was made: its `createdAt`, or the instant its ObjectId holds for one written without timestamps. */
export function createdAtOf(record: { _id: Types.ObjectId; createdAt?: Date | null }): Date {
  return record.createdAt ?? record._id.getTimestamp();
}
