import type { EventEnvelope } from '@gongzhi/contracts';
import { contextFromCarrier, type TraceCarrier, traceCarrierOf } from '@gongzhi/telemetry';
import { type Attributes, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * Spans of the events plumbing, after OpenTelemetry's messaging conventions: `create <subject>` (PRODUCER) when a
 * write records an event in its outbox, `send <subject>` (PRODUCER) when the relay publishes it to JetStream, and
 * `process <subject>` (CONSUMER) when a consumer handles it. The envelope carries the `create` span's W3C context,
 * stored with the outbox record, so `send` and `process` are its children whenever they happen — after a NATS or a
 * consumer outage too. With tracing off these are the API's no-op spans and the envelope carries nothing.
 */
const tracer = trace.getTracer('@gongzhi/platform/events');

const MESSAGING_SYSTEM = 'nats';

function messagingAttributes(operation: 'create' | 'send' | 'process', subject: string, extra: Attributes): Attributes {
  return {
    'messaging.system': MESSAGING_SYSTEM,
    'messaging.operation.type': operation,
    'messaging.operation.name': operation === 'send' ? 'publish' : operation,
    'messaging.destination.name': subject,
    ...extra,
  };
}

/** Runs `fn` with `span` active (under `parent`), records a failure on it, and ends it. */
async function inSpan<T>(span: Span, fn: (span: Span) => Promise<T>, parent = context.active()): Promise<T> {
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs `write` (the outbox insert of `count` events of one type) in a `create` span, a child of whatever is active
 * (the resolver's or the consumer's span); `write` gets the trace context to put in the envelopes.
 */
export function traceEventCreation<T>(
  subject: string,
  eventType: string,
  eventIds: string[],
  write: (trace: TraceCarrier) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(`create ${subject}`, {
    kind: SpanKind.PRODUCER,
    attributes: messagingAttributes('create', subject, {
      'gongzhi.event.type': eventType,
      ...(eventIds.length === 1
        ? { 'messaging.message.id': eventIds[0] }
        : { 'messaging.batch.message_count': eventIds.length }),
    }),
  });
  return inSpan(span, () => write(traceCarrierOf(span)));
}

/** Runs the publication of one outbox record in a `send` span, a child of the write that recorded it. */
export function traceEventSend<T>(subject: string, envelope: EventEnvelope, publish: () => Promise<T>): Promise<T> {
  const parent = contextFromCarrier(envelope);
  const span = tracer.startSpan(
    `send ${subject}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: messagingAttributes('send', subject, {
        'messaging.message.id': envelope.id,
        'gongzhi.event.type': envelope.type,
      }),
    },
    parent,
  );
  return inSpan(span, publish, parent);
}

export interface ProcessSpanFields {
  subject: string;
  consumer: string;
  deliveryCount: number;
  /** The envelope as received, before validation: only its id, type, request id and trace context are read. */
  envelope: Partial<Pick<EventEnvelope, 'id' | 'type' | 'requestId' | 'traceparent' | 'tracestate'>> | undefined;
}

/**
 * Runs the handling of one delivery in a `process` span, a child of the `create` span of the write that recorded the
 * event (from the envelope) — or a trace of its own for an envelope without trace context. `handle` returns the
 * outcome (handled, skipped, retried, dead-lettered…), kept as `gongzhi.event.outcome`; retried and dead-lettered
 * deliveries are marked as errors.
 */
export function traceEventProcessing(fields: ProcessSpanFields, handle: () => Promise<string>): Promise<string> {
  const { subject, consumer, deliveryCount, envelope } = fields;
  const parent = contextFromCarrier(envelope && { traceparent: envelope.traceparent, tracestate: envelope.tracestate });
  const span = tracer.startSpan(
    `process ${subject}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: messagingAttributes('process', subject, {
        'messaging.consumer.group.name': consumer,
        'messaging.message.delivery_count': deliveryCount,
        ...(typeof envelope?.id === 'string' && { 'messaging.message.id': envelope.id }),
        ...(typeof envelope?.type === 'string' && { 'gongzhi.event.type': envelope.type }),
        ...(typeof envelope?.requestId === 'string' && { 'gongzhi.request_id': envelope.requestId }),
      }),
    },
    parent,
  );
  return inSpan(
    span,
    async (active) => {
      const outcome = await handle();
      active.setAttribute('gongzhi.event.outcome', outcome);
      if (outcome === 'retried' || outcome === 'dead-lettered')
        active.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      return outcome;
    },
    parent,
  );
}
