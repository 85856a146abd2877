import { readFileSync } from 'node:fs';
import {
  AUDITED_READ_HEADER,
  InternalTokenError,
  type JSONWebKeySet,
  type VerifiedInternalToken,
} from '@gongzhi/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ConfigurationError, type ServiceConfig } from '../config/config';
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestContext } from '../request-context/request-context';

export type InternalTokenVerifier = (token: string) => Promise<VerifiedInternalToken>;

/** The gateway's public keys, from INTERNAL_TOKEN_JWKS (the JSON itself) or INTERNAL_TOKEN_JWKS_PATH (a file). */
export function loadInternalTokenJwks(
  config: Pick<ServiceConfig, 'INTERNAL_TOKEN_JWKS' | 'INTERNAL_TOKEN_JWKS_PATH'>,
): JSONWebKeySet {
  const { INTERNAL_TOKEN_JWKS: inline, INTERNAL_TOKEN_JWKS_PATH: path } = config;
  if (inline && path)
    throw new ConfigurationError(['INTERNAL_TOKEN_JWKS and INTERNAL_TOKEN_JWKS_PATH: set one, not both']);
  const variable = inline ? 'INTERNAL_TOKEN_JWKS' : 'INTERNAL_TOKEN_JWKS_PATH';
  let text = inline;
  if (!text && path) {
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ConfigurationError([`INTERNAL_TOKEN_JWKS_PATH cannot read ${path}`]);
    }
  }
  if (!text) {
    throw new ConfigurationError([
      'INTERNAL_TOKEN_JWKS_PATH is required: the gateway public keys this service accepts (npm start writes .gongzhi/keys/internal-token.jwks.json)',
    ]);
  }
  try {
    const jwks = JSON.parse(text) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error('no keys');
    return jwks;
  } catch {
    throw new ConfigurationError([`${variable} must be a JSON Web Key Set with at least one key`]);
  }
}

const PUBLIC_PATH = /^\/health\//;

function refuse(res: Response, message: string): void {
  res.status(401).setHeader('www-authenticate', 'Bearer realm="gongzhi-internal"');
  res.json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/**
 * Every route but the health checks accepts only a request the gateway signed for this service. A direct call
 * without the token, with an expired one or with one meant for another subgraph gets 401. The verified actor and
 * purpose, and the request id, then travel with the request through resolvers, logs and events.
 */
export function internalAuthMiddleware(verify: InternalTokenVerifier): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (PUBLIC_PATH.test(req.path)) return next();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) return refuse(res, 'This service accepts only requests signed by the gateway');
    verify(token).then(
      ({ actor, requestId: signedRequestId, purpose, budgetMs }) => {
        // The gateway reuses a token for a few seconds, so the request's own id comes beside it in x-request-id (the
        // token's id when absent); only a plain one is echoed: a header value must not break the response.
        const offered = req.headers[REQUEST_ID_HEADER];
        const requestId = requestIdFrom(typeof offered === 'string' ? offered : signedRequestId);
        req.headers[REQUEST_ID_HEADER] = requestId;
        res.setHeader(REQUEST_ID_HEADER, requestId);
        // The deadline counts from receipt: the gateway gives up `budgetMs` plus a margin after it sent the request.
        const deadline = budgetMs === undefined ? undefined : Date.now() + budgetMs;
        // A read that leaves an audit entry is never shared with another request by the gateway's deduplication.
        const markAuditedRead = () => void (res.headersSent || res.setHeader(AUDITED_READ_HEADER, '1'));
        runWithRequestContext({ requestId, actor, purpose, deadline, markAuditedRead }, next);
      },
      (error: unknown) =>
        refuse(res, error instanceof InternalTokenError ? error.message : 'The internal token is invalid'),
    );
  };
}
