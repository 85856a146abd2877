import pino, { type Logger } from 'pino';

/** The events plumbing logs through pino, like the rest of the platform; `child` adds event and request ids. */
export type EventsLogger = Logger;

export function defaultEventsLogger(serviceName: string, level = 'info'): EventsLogger {
  return pino({ level, base: { service: serviceName, component: 'events' } });
}
