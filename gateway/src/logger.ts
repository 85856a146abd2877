import { traceLogFields } from '@gongzhi/telemetry';
import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout, one object per line; while tracing, with the `trace_id` and `span_id` of the active span. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'gateway' }, timestamp: pino.stdTimeFunctions.isoTime, mixin: traceLogFields });
}
