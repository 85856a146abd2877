import { type ArgumentsHost, Catch, type ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers on every answer of a subgraph, and no `X-Powered-By`. Only the gateway calls a subgraph and
 * nothing of it is a page, so the CSP allows nothing at all; HSTS is the edge's business, not an internal hop's.
 */
export function subgraphSecurityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
}

/** An unknown path gets the same JSON shape as every other error, not Nest's `{ statusCode, error }`. */
@Catch(NotFoundException)
export class JsonNotFoundFilter implements ExceptionFilter {
  catch(exception: NotFoundException, host: ArgumentsHost): unknown {
    // Outside HTTP routing (a resolver, say) the exception goes on as it is.
    if (host.getType() !== 'http') return exception;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    res.status(404).json({
      errors: [{ message: `Not found: ${req.method} ${req.path.slice(0, 200)}`, extensions: { code: 'NOT_FOUND' } }],
    });
    return undefined;
  }
}
