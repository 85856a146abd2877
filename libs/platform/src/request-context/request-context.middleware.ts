import { annotateRequestSpan } from '@gongzhi/telemetry';
import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestContext } from './request-context';

/** Express middleware: adopts the gateway's x-request-id (or makes one), echoes it back and puts it on the request's span. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  annotateRequestSpan({ 'gongzhi.request_id': requestId });
  runWithRequestContext({ requestId }, next);
}
