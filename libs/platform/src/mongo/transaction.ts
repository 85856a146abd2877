import { type ClientSession, type Connection, mongo } from 'mongoose';
import { DomainError } from '../graphql/domain-error';
import { currentDeadline } from '../request-context/request-context';

/** The write was abandoned before its commit was sent: nothing changed, and a retry is safe. */
export class DeadlineExceededError extends DomainError {
  constructor() {
    super(
      'DEADLINE_EXCEEDED',
      'The write could not be completed in time and was abandoned before it was committed: nothing was changed',
    );
  }
}

/** The commit was sent but its answer did not come back in time: the write may or may not have been applied. */
export class OutcomeUnknownError extends DomainError {
  constructor() {
    super(
      'OUTCOME_UNKNOWN',
      'The write was sent to the database but its result did not come back in time: it may or may not have been applied. Check before retrying, or retry with the same Idempotency-Key',
    );
  }
}

/**
 * Runs `work` in one MongoDB transaction, retried on transient errors. Everything `work` writes — documents and
 * their outbox events — commits together or not at all.
 *
 * Inside a request the gateway gave a deadline (its timeout minus a margin), the transaction is bounded by it: a
 * statement still running at the deadline abandons the transaction (aborted, so MongoDB cannot apply it later), the
 * commit carries `maxCommitTimeMS` = the time left and is never sent after the deadline. Answered before the gateway
 * gives up: DEADLINE_EXCEEDED when nothing was committed, OUTCOME_UNKNOWN when the commit was sent and its answer
 * did not come back in time.
 */
export async function withTransaction<T>(
  connection: Connection,
  work: (session: ClientSession) => Promise<T>,
): Promise<T> {
  const deadline = currentDeadline();
  const session = await connection.startSession();
  if (deadline === undefined) {
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
  try {
    return await boundedTransaction(session, work, deadline);
  } finally {
    // Not awaited: a statement MongoDB is still holding keeps the session busy, and the client must hear back now.
    // Ending the session aborts whatever transaction is left, so a late statement finds it gone.
    session.endSession().catch(() => undefined);
  }
}

const TIMED_OUT = Symbol('deadline');

/** `promise`, or TIMED_OUT once `deadline` passes (the promise's own outcome is then dropped). */
function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>(
    (resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()))),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const hasLabel = (error: unknown, label: string) => error instanceof mongo.MongoError && error.hasErrorLabel(label);

/** Aborts without waiting: a statement MongoDB still holds keeps the session busy until it ends. */
function abandon(session: ClientSession): void {
  if (session.inTransaction()) session.abortTransaction().catch(() => undefined);
}

async function boundedTransaction<T>(
  session: ClientSession,
  work: (session: ClientSession) => Promise<T>,
  deadline: number,
): Promise<T> {
  for (;;) {
    if (Date.now() >= deadline) throw new DeadlineExceededError();
    session.startTransaction({ maxCommitTimeMS: Math.max(1, deadline - Date.now()) });
    let result: T | typeof TIMED_OUT;
    try {
      result = await beforeDeadline(work(session), deadline);
    } catch (error) {
      // The statement answered (with an error), so the session is free: abort before answering or retrying.
      if (session.inTransaction()) await beforeDeadline(session.abortTransaction(), deadline);
      if (hasLabel(error, 'TransientTransactionError')) continue;
      throw error;
    }
    if (result === TIMED_OUT) {
      abandon(session);
      throw new DeadlineExceededError();
    }
    const committed = await commitBefore(session, deadline);
    if (committed === 'retry-transaction') continue;
    return result;
  }
}

/** Commits, retrying an unknown commit result while time is left; never sends a commit after the deadline. */
async function commitBefore(session: ClientSession, deadline: number): Promise<'committed' | 'retry-transaction'> {
  let sent = false;
  for (;;) {
    if (Date.now() >= deadline) {
      if (!sent) {
        abandon(session);
        throw new DeadlineExceededError();
      }
      throw new OutcomeUnknownError();
    }
    sent = true;
    let outcome: void | typeof TIMED_OUT;
    try {
      outcome = await beforeDeadline(session.commitTransaction(), deadline);
    } catch (error) {
      if (hasLabel(error, 'UnknownTransactionCommitResult')) continue;
      if (hasLabel(error, 'TransientTransactionError')) return 'retry-transaction';
      throw error;
    }
    if (outcome === TIMED_OUT) throw new OutcomeUnknownError();
    return 'committed';
  }
}
