import type { NodeSDK, NodeSDKConfiguration } from '@opentelemetry/sdk-node';

type Instrumentations = NonNullable<NodeSDKConfiguration['instrumentations']>;

/** Which instrumentations a process needs: the gateway serves HTTP and calls subgraphs; a subgraph adds GraphQL and MongoDB. */
export type TracedComponent = 'gateway' | 'subgraph';

export interface StartTracingOptions {
  /** `service.name` unless OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) says otherwise. */
  serviceName: string;
  component: TracedComponent;
}

/** Probes, scrapes and the IDE's page: no trace worth keeping, and many of them. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

let sdk: NodeSDK | undefined;

/**
 * Whether the environment asks for traces: an OTLP endpoint (all signals or traces only) or an explicit
 * OTEL_TRACES_EXPORTER other than `none`, and OTEL_SDK_DISABLED not `true`. Nothing configured means off.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (exporters.length > 0) return !exporters.every((name) => name === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

export function tracingStarted(): boolean {
  return sdk !== undefined;
}

/**
 * Starts the OpenTelemetry SDK when the environment asks for it (see tracingRequested); otherwise loads nothing and
 * patches nothing. Must run before the modules it instruments are first required (http, express, mongodb, graphql):
 * each entry point imports its `tracing.ts` first. Everything else — exporter, protocol (`http/protobuf` by default,
 * `http/json`, `grpc`), sampler, propagators, resource — comes from the standard OTEL_* variables, read by the SDK.
 * Only traces are exported: metrics are Prometheus' (GET /metrics), logs are JSON lines on stdout.
 */
export function startTracing(options: StartTracingOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk || !tracingRequested(env)) return tracingStarted();
  // Required here, not imported at the top: when tracing is off none of this is loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NodeSDK: SDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const named =
    Boolean(env.OTEL_SERVICE_NAME?.trim()) || /(^|,)\s*service\.name\s*=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  sdk = new SDK({
    ...(!named && { serviceName: options.serviceName }),
    instrumentations: instrumentationsFor(options.component),
    // Traces only, even though the SDK would also start OTLP metrics and logs exporters by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return true;
}

/** Sends the spans still buffered and stops the SDK; resolves at once when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}

function instrumentationsFor(component: TracedComponent): Instrumentations {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation, ExpressLayerType } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''),
    // Outgoing plain-HTTP calls (the gateway's subgraph fetches use fetch, traced by Apollo's own spans) only within a trace.
    requireParentforOutgoingSpans: true,
    // A GET /graphql carries the operation and its variables in the query string: personal data stays out of spans.
    redactedQueryParamsServer: [
      'query',
      'variables',
      'extensions',
      'sig',
      'Signature',
      'AWSAccessKeyId',
      'X-Goog-Signature',
    ],
  });
  // Express' request handlers only (they name the route): its routers and mostly anonymous middleware are noise.
  const express = new ExpressInstrumentation({
    ignoreLayersType: [ExpressLayerType.ROUTER, ExpressLayerType.MIDDLEWARE],
  });
  if (component === 'gateway') return [http, express];
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { MongoDBInstrumentation } =
    require('@opentelemetry/instrumentation-mongodb') as typeof import('@opentelemetry/instrumentation-mongodb');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return [
    http,
    express,
    // One span per non-trivial resolver (not per field that only reads a property), list items merged. Literal
    // arguments in the recorded document show as `*` (allowValues off).
    new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    // Statements are recorded with their values replaced by `?` (enhancedDatabaseReporting off): no personal data in traces.
    // Only inside a trace: the outbox relay's polls and the consumers' bookkeeping would otherwise each be a trace.
    new MongoDBInstrumentation({ requireParentSpan: true }),
  ];
}
