import type { ClientSession, Connection } from 'mongoose';

/**
 * Runs `work` in one MongoDB transaction, retried by the driver on transient errors. Everything `work` writes —
 * documents and their outbox events — commits together or not at all.
 */
export async function withTransaction<T>(connection: Connection, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = await connection.startSession();
  try {
    let result: T | undefined;
    await session.withTransaction(async () => {
      result = await work(session);
    });
    return result as T;
  } finally {
    await session.endSession();
  }
}
