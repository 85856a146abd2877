import type { EventEnvelope } from './event-envelope';

/**
 * What a consumer publishes to `<ns>.dlq.<consumer>` when it gives up on an event (platform's EventConsumer), and what
 * `npm run events -- dead-letters` lists and replays.
 */
export interface DeadLetter {
  /** The durable consumer that gave up: `<service>-<name>`. */
  consumer: string;
  failedAt: string;
  deliveryCount: number;
  error: { name: string; message: string };
  /** Where the event was: the events stream, its sequence there, and its subject (where a replay publishes it again). */
  stream: string;
  streamSequence: number;
  subject: string;
  /** The parsed envelope, or the raw text when it could not be parsed. */
  event: EventEnvelope | string;
}

/**
 * NATS header of a replayed event: it is published to its own subject again, so every consumer of its type receives
 * it; only the consumer named here handles it, the others acknowledge it untouched.
 */
export const REPLAY_FOR_HEADER = 'Gongzhi-Replay-For';
