import type { ClientSession, Model } from 'mongoose';

/**
 * Keeps a subgraph's copy of another's record at the latest revision its events told: `state` (with its `revision`)
 * replaces the copy under `id` unless the copy already holds that revision or a later one, so events handled out of
 * order or redelivered never bring an old state back. Runs in the consumer's transaction: a concurrent write of the
 * same copy conflicts and the event is retried.
 */
export async function keepLatestRevision<T>(
  model: Model<T>,
  id: string,
  state: { revision: number } & Record<string, unknown>,
  session: ClientSession,
): Promise<void> {
  const held = await model.findById(id, { revision: 1 }).session(session).lean<{ revision: number }>().exec();
  if (held && held.revision >= state.revision) return;
  await model.updateOne({ _id: id } as never, { $set: state }, { upsert: true, session });
}
