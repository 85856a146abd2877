/**
 * Where events live on NATS. The namespace prefixes every subject and stream so several installations — or
 * several test files — can share one nats-server without seeing each other's events.
 */
export const DEFAULT_EVENTS_NAMESPACE = 'gongzhi';

const NAMESPACE_PATTERN = /^[a-z][a-z0-9_]{0,30}$/;
/** Durable consumer names become subject tokens and NATS names: no dots, wildcards or spaces. */
const CONSUMER_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function assertEventsNamespace(namespace: string): string {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(`Events namespace "${namespace}" must be lowercase letters, digits or _ (starting with a letter)`);
  }
  return namespace;
}

export function assertConsumerName(name: string): string {
  if (!CONSUMER_NAME_PATTERN.test(name))
    throw new Error(`Consumer name "${name}" must be letters, digits, _ or - (at most 64)`);
  return name;
}

/** `gongzhi.events.org.unit.created` */
export function eventSubject(namespace: string, type: string): string {
  return `${assertEventsNamespace(namespace)}.events.${type}`;
}

/** `gongzhi.events.>`: everything the events stream captures. */
export function eventsSubjectFilter(namespace: string): string {
  return `${assertEventsNamespace(namespace)}.events.>`;
}

/** `GONGZHI_EVENTS` */
export function eventsStreamName(namespace: string): string {
  return `${assertEventsNamespace(namespace).toUpperCase()}_EVENTS`;
}

/** `gongzhi.dlq.organization-search-index`: where a consumer's undeliverable events end up. */
export function deadLetterSubject(namespace: string, consumer: string): string {
  return `${assertEventsNamespace(namespace)}.dlq.${assertConsumerName(consumer)}`;
}

/** `gongzhi.dlq.>` */
export function deadLetterSubjectFilter(namespace: string): string {
  return `${assertEventsNamespace(namespace)}.dlq.>`;
}

/** `GONGZHI_DLQ` */
export function deadLetterStreamName(namespace: string): string {
  return `${assertEventsNamespace(namespace).toUpperCase()}_DLQ`;
}
