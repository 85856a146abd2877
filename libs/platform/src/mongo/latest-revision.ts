import type { ClientSession, Model } from 'mongoose';

/** What a copy of another subgraph's record holds: the record as its events last told, and their revision. */
export type RevisionedState = { revision: number } & Record<string, unknown>;

/**
 * The one way a subgraph keeps its copy of another's record: `state` (with its `revision`) replaces the copy under `id`
 * unless the copy already holds that revision or a later one — the highest revision wins, so events handled out of
 * order or redelivered, and demo copies made beside them, never bring an old state back. Pass the consumer's
 * `session` to write in its transaction (a concurrent write of the same copy then conflicts and the event is
 * retried). Returns whether the copy was written (`inserted`, `updated`) or `kept` as it was.
 */
export async function keepLatestRevision<T>(
  model: Model<T>,
  id: unknown,
  state: RevisionedState,
  session?: ClientSession,
): Promise<'inserted' | 'updated' | 'kept'> {
  const held = await model
    .findById(id, { revision: 1 })
    .session(session ?? null)
    .lean<{ revision: number }>()
    .exec();
  if (held && held.revision >= state.revision) return 'kept';
  await model.updateOne({ _id: id } as never, { $set: state }, { upsert: true, session }).exec();
  return held ? 'updated' : 'inserted';
}
