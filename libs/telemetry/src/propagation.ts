import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  trace,
  type SpanContext,
  isSpanContextValid,
} from '@opentelemetry/api';
import type * as OpenTelemetryCore from '@opentelemetry/core';

/** W3C trace context as a message or envelope carries it. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The W3C `traceparent` (and `tracestate`) of `span` within `parent`, through the configured propagator; empty when
 * tracing is off (no propagator) or the span is not a real one.
 */
export function traceCarrierOf(span: Span, parent: Context = context.active()): TraceCarrier {
  if (!isSpanContextValid(span.spanContext())) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  return {
    ...(carrier.traceparent && { traceparent: carrier.traceparent }),
    ...(carrier.tracestate && { tracestate: carrier.tracestate }),
  };
}

/** The context a carrier holds (its span as remote parent), or the root context when it holds none. */
export function contextFromCarrier(carrier: TraceCarrier | undefined): Context {
  if (!carrier?.traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The span context a carrier names, if valid: what a span links to. */
export function spanContextFromCarrier(carrier: TraceCarrier | undefined): SpanContext | undefined {
  const spanContext = trace.getSpanContext(contextFromCarrier(carrier));
  return spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** @opentelemetry/core, loaded at the first span annotateRequestSpan sees. */
let core: typeof OpenTelemetryCore | undefined;

/**
 * Puts attributes on the HTTP server span of the request being handled (not on whichever middleware span is active),
 * e.g. `gongzhi.request_id`, so a trace can be found by the id a client or a log line shows. No-op when tracing is off.
 */
export function annotateRequestSpan(attributes: Record<string, string>): void {
  const active = context.active();
  // The root context holds no span. It is all there is while tracing is off (no context manager), and then
  // @opentelemetry/core is never loaded: the gateway does not carry it (docs/benchmark.md, the gateway's baseline).
  if (active === ROOT_CONTEXT) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('@opentelemetry/core') as typeof OpenTelemetryCore;
  const span = core.getRPCMetadata(active)?.span ?? trace.getSpan(active);
  span?.setAttributes(attributes);
}
