import { traceLogFields } from '@gongzhi/telemetry';
import pino, { type Logger } from 'pino';

/**
 * The events plumbing logs through pino, like the rest of the platform; `child` adds event and request ids, and each
 * line written while handling an event carries the `trace_id` and `span_id` of its `process` span.
 */
export type EventsLogger = Logger;

export function defaultEventsLogger(serviceName: string, level = 'info'): EventsLogger {
  return pino({ level, base: { service: serviceName, component: 'events' }, mixin: traceLogFields });
}
