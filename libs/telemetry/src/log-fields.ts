import { context, isSpanContextValid, trace } from '@opentelemetry/api';

export interface TraceLogFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * The active span's ids, for a log line (a pino `mixin`): `trace_id` and `span_id` as W3C hex, the names the
 * OpenTelemetry log data model and the usual log-to-trace links use. Empty when tracing is off or no span is active.
 */
export function traceLogFields(): TraceLogFields {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
