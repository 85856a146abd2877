import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER, REQUEST_ID_PATTERN } from '@gongzhi/contracts';
import { annotateRequestSpan } from '@gongzhi/telemetry';
import type { RequestHandler, Response } from 'express';

export { REQUEST_ID_HEADER };

export interface RequestIdOptions {
  /** Adopt the caller's id only when it matches, so it cannot forge log lines. Default: 1–128 of `A-Za-z0-9._:-`. */
  accept?: RegExp;
  /** Makes an id when the caller sent none or an unacceptable one. Default: a random UUID. */
  generate?: () => string;
}

export const REQUEST_ID_DEFAULTS: Required<RequestIdOptions> = {
  accept: REQUEST_ID_PATTERN,
  generate: randomUUID,
};

/**
 * Express middleware: gives every request an id (the client's `x-request-id` when sane) and echoes it as a response
 * header. The subgraph data source forwards it as `x-request-id`, the request log carries it, and so does the request's
 * span (`gongzhi.request_id`), so a trace can be found from the id a client reports.
 */
export function useRequestId(options: RequestIdOptions = {}): RequestHandler {
  const { accept, generate } = { ...REQUEST_ID_DEFAULTS, ...options };
  return (req, res, next) => {
    const offered = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof offered === 'string' && accept.test(offered) ? offered : generate();
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    annotateRequestSpan({ 'gongzhi.request_id': requestId });
    next();
  };
}

export function requestIdOf(res: Response): string {
  return res.locals.requestId as string;
}
