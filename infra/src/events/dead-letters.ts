import { type DeadLetter, deadLetterStreamName, deadLetterSubject, REPLAY_FOR_HEADER } from '@gongzhi/contracts';
import {
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';

/** A dead letter as it sits in the `<NS>_DLQ` stream: its sequence there is what `replay --seq` takes. */
export interface StoredDeadLetter extends DeadLetter {
  /** Sequence in the dead-letter stream. */
  seq: number;
  /** The event's type and id, when its envelope could be parsed. */
  type?: string;
  eventId?: string;
}

export interface DeadLetterFilter {
  /** Only this durable consumer's (`services-organization-directory`). */
  consumer?: string;
  /** Only these dead-letter sequences. */
  seqs?: number[];
}

/** Every dead letter still in the stream (replayed ones are deleted from it), oldest first. */
export async function listDeadLetters(
  nc: NatsConnection,
  namespace: string,
  filter: DeadLetterFilter = {},
): Promise<StoredDeadLetter[]> {
  const jsm = await jetstreamManager(nc);
  const stream = deadLetterStreamName(namespace);
  const info = await jsm.streams.info(stream).catch((error: unknown) => {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw error;
  });
  if (!info || info.state.messages === 0) return [];
  const seqs = filter.seqs ?? range(info.state.first_seq, info.state.last_seq);
  const subject = filter.consumer ? deadLetterSubject(namespace, filter.consumer) : undefined;
  const found: StoredDeadLetter[] = [];
  for (const seq of seqs) {
    const stored = await storedMessage(jsm, stream, seq);
    if (!stored || (subject && stored.subject !== subject)) continue;
    const letter = stored.json<DeadLetter>();
    const envelope = typeof letter.event === 'object' && letter.event !== null ? letter.event : undefined;
    found.push({ ...letter, seq, type: envelope?.type, eventId: envelope?.id });
  }
  return found;
}

export interface ReplayResult {
  seq: number;
  consumer: string;
  eventId?: string;
}

/**
 * Publishes each dead letter's event to its original subject again, marked for its consumer only (the other
 * consumers of that type acknowledge it untouched), then deletes the dead letter. Safe to run twice: the consumer
 * records every event it handles under a unique (consumer, event id), so an event already handled is skipped, and a
 * second publish within the stream's two-minute duplicate window is dropped by its message id.
 */
export async function replayDeadLetters(
  nc: NatsConnection,
  namespace: string,
  letters: StoredDeadLetter[],
): Promise<ReplayResult[]> {
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const stream = deadLetterStreamName(namespace);
  const replayed: ReplayResult[] = [];
  for (const letter of letters) {
    const marked = headers();
    marked.set(REPLAY_FOR_HEADER, letter.consumer);
    const body = typeof letter.event === 'string' ? letter.event : JSON.stringify(letter.event);
    await js.publish(letter.subject, body, { headers: marked, msgID: `replay:${stream}:${letter.seq}` });
    // Only once the event is safely back in the events stream.
    await jsm.streams.deleteMessage(stream, letter.seq, false).catch((error: unknown) => {
      if (!(error instanceof JetStreamApiError)) throw error; // already deleted by a concurrent replay
    });
    replayed.push({ seq: letter.seq, consumer: letter.consumer, eventId: letter.eventId });
  }
  return replayed;
}

/** null for a sequence whose dead letter was replayed (deleted). */
function storedMessage(jsm: JetStreamManager, stream: string, seq: number) {
  return jsm.streams.getMessage(stream, { seq });
}

function range(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
}
