import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { CostLimiterUnavailableError, type PointsDecision } from '../auth/cost-limiter';
import type { GatewayContext } from '../context';
import { actualQueryCost, requestedQueryCost } from './query-cost';

export interface CostLimitOptions {
  /** The most nodes one operation may be able to return. Default 10,000. */
  maxCost?: number;
}

export const DEFAULT_MAX_COST = 10_000;

/** What every response reports in `extensions.cost`. */
export interface CostReport {
  requestedQueryCost: number;
  actualQueryCost?: number;
  maximumQueryCost: number;
  /** Partner keys only: their minute of points after this request. */
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number; resetAt: string };
}

const throttleStatusOf = (decision: PointsDecision): NonNullable<CostReport['throttleStatus']> => ({
  maximumAvailable: decision.maximum,
  currentlyAvailable: decision.remaining,
  // Points a second over the minute; the window gives them all back at resetAt.
  restoreRate: Math.round((decision.maximum / 60) * 100) / 100,
  resetAt: decision.resetAt.toISOString(),
});

const refusal = (
  message: string,
  code: string,
  status: number,
  extensions: Record<string, unknown> = {},
  retryAfterSeconds?: number,
) =>
  new GraphQLError(message, {
    extensions: {
      code,
      ...extensions,
      // Apollo reads a HeaderMap here; graphql-yoga's typings (pulled in by the GraphiQL page) declare a plain record.
      http: {
        status,
        headers: new HeaderMap(
          retryAfterSeconds ? [['retry-after', String(retryAfterSeconds)]] : [],
        ) as unknown as Record<string, string>,
      },
    },
  });

/**
 * The cost model (issue 13): an operation costs the nodes it can return (requestedQueryCost, at least 1); above
 * maxCost it is refused with QUERY_TOO_COSTLY before anything runs. A partner key's request spends that many points
 * of the key's minute (429 RATE_LIMITED when they are gone, 503 RATE_LIMIT_UNAVAILABLE when the shared count cannot
 * be reached). Every response says what it cost in `extensions.cost`.
 */
export function useCostLimit(options: CostLimitOptions = {}): ApolloServerPlugin<GatewayContext> {
  const maxCost = options.maxCost ?? DEFAULT_MAX_COST;
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ request, document, operationName, schema, contextValue }) {
          const requested = Math.max(1, requestedQueryCost(schema, document, operationName, request.variables ?? {}));
          report = { requestedQueryCost: requested, maximumQueryCost: maxCost };
          if (requested > maxCost) {
            throw refusal(
              `This query could return up to ${requested} nodes, more than the maximum of ${maxCost}: ask for smaller pages (first/last) or fewer levels`,
              'QUERY_TOO_COSTLY',
              400,
              { cost: requested, maxCost },
            );
          }
          if (!contextValue.partnerMeter) return;
          let decision: PointsDecision;
          try {
            decision = await contextValue.partnerMeter.spend(requested);
          } catch (error) {
            if (!(error instanceof CostLimiterUnavailableError)) throw error;
            throw refusal(
              'Rate limits cannot be checked right now; try again shortly',
              'RATE_LIMIT_UNAVAILABLE',
              503,
              {},
              5,
            );
          }
          report.throttleStatus = throttleStatusOf(decision);
          if (decision.allowed) return;
          const message =
            requested > decision.maximum
              ? `This query costs ${requested} points, more than this API key's ${decision.maximum} a minute`
              : `This query costs ${requested} points and this API key has ${decision.remaining} left this minute; retry in ${decision.retryAfterSeconds} s`;
          throw refusal(message, 'RATE_LIMITED', 429, { cost: requested }, decision.retryAfterSeconds);
        },
        async willSendResponse({ response, document, operationName, schema }) {
          if (!report || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data && document)
            report.actualQueryCost = Math.max(1, actualQueryCost(schema, document, operationName, result.data));
          result.extensions = { ...result.extensions, cost: report };
        },
      };
    },
  };
}
