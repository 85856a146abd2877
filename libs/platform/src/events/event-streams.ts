import {
  deadLetterStreamName,
  deadLetterSubjectFilter,
  eventsStreamName,
  eventsSubjectFilter,
} from '@gongzhi/contracts';
import {
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from './nats-connection';

/** Re-publishing an event id within this window is dropped by JetStream: the relay's second line of defence. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

export interface EventStreamsOptions {
  namespace: string;
  /** At least 2 minutes: longer than any relay retry that may re-publish an event it could not mark as sent. */
  duplicateWindowMs?: number;
  /** Copies of each stream on a JetStream cluster (EVENTS_REPLICAS); 1 by default, at most the cluster's size. */
  replicas?: number;
}

/**
 * Makes sure the events stream (`<NS>_EVENTS` over `<ns>.events.>`) and the dead-letter stream (`<NS>_DLQ` over
 * `<ns>.dlq.>`) exist with our subjects and duplicate window. Safe to call from every replica at every start.
 */
export async function ensureEventStreams(nc: NatsConnection, options: EventStreamsOptions): Promise<void> {
  const duplicateWindowMs = Math.max(
    options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
    DEFAULT_DUPLICATE_WINDOW_MS,
  );
  const jsm = await jetstreamManager(nc);
  const common = {
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(duplicateWindowMs),
    num_replicas: options.replicas ?? 1,
  };
  await ensureStream(jsm, {
    ...common,
    name: eventsStreamName(options.namespace),
    subjects: [eventsSubjectFilter(options.namespace)],
  });
  await ensureStream(jsm, {
    ...common,
    name: deadLetterStreamName(options.namespace),
    subjects: [deadLetterSubjectFilter(options.namespace)],
  });
}

type ManagedStreamConfig = Pick<
  StreamConfig,
  'name' | 'subjects' | 'retention' | 'storage' | 'duplicate_window' | 'num_replicas'
>;

async function ensureStream(jsm: JetStreamManager, wanted: ManagedStreamConfig): Promise<void> {
  const existing = await jsm.streams.info(wanted.name).catch((error: unknown) => {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw error;
  });
  if (!existing) {
    try {
      await jsm.streams.add(wanted);
    } catch (error) {
      // Another replica created it a moment ago; its config is ours, so that is fine.
      if (!(await jsm.streams.info(wanted.name).catch(() => undefined))) throw error;
    }
    return;
  }
  const { config } = existing;
  const sameSubjects = JSON.stringify([...config.subjects].sort()) === JSON.stringify([...wanted.subjects].sort());
  // Replicas only ever go up here: a stream made on one server is raised to EVENTS_REPLICAS once NATS is a cluster,
  // and one an operator raised further stays as it is.
  const fewerReplicas = config.num_replicas < wanted.num_replicas;
  if (!sameSubjects || config.duplicate_window < wanted.duplicate_window || fewerReplicas) {
    // Operators may have tuned limits (max_age…); only our own fields are put back.
    await jsm.streams.update(wanted.name, {
      subjects: wanted.subjects,
      duplicate_window: wanted.duplicate_window,
      num_replicas: Math.max(config.num_replicas, wanted.num_replicas),
    });
  }
}
