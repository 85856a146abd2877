import { type GatewayMetrics, requestOutcome } from '@gongzhi/metrics';
import type { RequestHandler } from 'express';
import { requestLogOf } from './request-log';

/**
 * Counts and times every GraphQL request (`gongzhi_graphql_requests_total{operation, outcome}`,
 * `gongzhi_graphql_request_duration_seconds{operation}`), also those refused before Apollo sees them (a bad token,
 * a rate-limited key: client errors). Mount on /graphql after useRequestLog's middleware, whose plugin records the
 * operation name and error codes this reads when the response closes. The development IDE (a GET without a query)
 * is not a request.
 */
export function useMetrics(metrics: GatewayMetrics): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' && req.query.query === undefined) return next();
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const { operationName, errorCodes } = requestLogOf(res) ?? {};
      const codes = (errorCodes ?? []).map((code) => (code === 'undefined' ? undefined : code));
      metrics.recordRequest(
        operationName,
        requestOutcome(res.statusCode, codes),
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}
