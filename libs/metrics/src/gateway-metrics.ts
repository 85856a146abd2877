import { Counter, Histogram, Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label';

/** How a GraphQL request ended, for `gongzhi_graphql_requests_total{outcome}`. */
export type RequestOutcome = 'success' | 'client_error' | 'server_error';
/** What the gateway did with a partner's API key. */
export type ApiKeyOutcome = 'allowed' | 'rate-limited' | 'refused';

export interface GatewayMetricsOptions {
  /** Distinct operation names kept as label values; later ones are counted as `other`. Default 100. */
  maxOperations?: number;
}

/** Seconds: GraphQL requests through the gateway, from a few milliseconds to the 5 s subgraph timeout and beyond. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The gateway's metric families, in a registry of their own (a test may run several gateways in one process). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly operations: BoundedLabel;

  readonly requests = new Counter({
    name: 'gongzhi_graphql_requests_total',
    help: 'GraphQL requests the gateway answered, by operation name (bounded) and outcome (success, client_error, server_error)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'gongzhi_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to the end of its response, by operation name (bounded)',
    labelNames: ['operation'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });

  readonly subgraphFetchDuration = new Histogram({
    name: 'gongzhi_subgraph_fetch_duration_seconds',
    help: 'Time of one gateway request to a subgraph, answered or not',
    labelNames: ['subgraph'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });

  readonly subgraphFetchErrors = new Counter({
    name: 'gongzhi_subgraph_fetch_errors_total',
    help: 'Gateway requests to a subgraph that failed: unreachable, timed out, or answered with an HTTP error status',
    labelNames: ['subgraph'] as const,
    registers: [this.registry],
  });

  readonly subgraphFetchesDeduplicated = new Counter({
    name: 'gongzhi_gateway_subgraph_fetches_deduplicated_total',
    help: 'Subgraph queries answered by an identical one of the same caller already in flight, instead of a request of their own',
    labelNames: ['subgraph'] as const,
    registers: [this.registry],
  });

  readonly apiKeyRequests = new Counter({
    name: 'gongzhi_api_key_requests_total',
    help: "Requests carrying a partner's API key, by what the gateway did: allowed, rate-limited or refused",
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly rateLimitStoreCalls = new Counter({
    name: 'gongzhi_gateway_rate_limit_store_calls_total',
    help: "Calls to the shared store of partner keys' points: leases taken ahead for busy keys, requests that waited, points given back",
    registers: [this.registry],
  });

  readonly responseCache = new Counter({
    name: 'gongzhi_gateway_response_cache_total',
    help: "Queries the gateway's response cache looked up: hit (answered from the cache) or miss (asked the subgraphs)",
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly responseCacheInvalidations = new Counter({
    name: 'gongzhi_gateway_response_cache_invalidations_total',
    help: "Events that dropped a subgraph's cached answers from this replica's response cache, by subgraph",
    labelNames: ['subgraph'] as const,
    registers: [this.registry],
  });

  constructor(options: GatewayMetricsOptions = {}) {
    this.operations = new BoundedLabel(options.maxOperations ?? 100);
    // Zero series from the start: rate() and alerts see a 0, not an absent series, before the first event.
    for (const outcome of ['allowed', 'rate-limited', 'refused'] satisfies ApiKeyOutcome[])
      this.apiKeyRequests.inc({ outcome }, 0);
    for (const result of ['hit', 'miss']) this.responseCache.inc({ result }, 0);
  }

  /** Starts a subgraph's series at zero, so an error rate is 0, not absent, until the first failure. */
  knowSubgraph(subgraph: string): void {
    this.subgraphFetchErrors.inc({ subgraph }, 0);
    this.subgraphFetchesDeduplicated.inc({ subgraph }, 0);
  }

  recordRequest(operationName: string | null | undefined, outcome: RequestOutcome, seconds: number): void {
    const operation = this.operations.valueOf(operationName);
    this.requests.inc({ operation, outcome });
    this.requestDuration.observe({ operation }, seconds);
  }
}

/**
 * Errors that say the platform failed rather than the caller: these make `server_error` (what the error-rate alert
 * counts); every other code — bad input, not signed in, forbidden, a domain rule such as MOTION.VOTING_CLOSED — is
 * the caller's `client_error`.
 */
export const SERVER_ERROR_CODES: ReadonlySet<string> = new Set([
  'INTERNAL_SERVER_ERROR',
  'DOWNSTREAM_SERVICE_ERROR',
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_UNAVAILABLE',
  'UNAVAILABLE',
  'API_KEYS_UNAVAILABLE',
  'RATE_LIMIT_UNAVAILABLE',
]);

/** The outcome of a request from its HTTP status and the codes of the GraphQL errors it answered with. */
export function requestOutcome(status: number, errorCodes: readonly (string | undefined)[] = []): RequestOutcome {
  if (status >= 500 || errorCodes.some((code) => code === undefined || SERVER_ERROR_CODES.has(code)))
    return 'server_error';
  if (status >= 400 || errorCodes.length > 0) return 'client_error';
  return 'success';
}
