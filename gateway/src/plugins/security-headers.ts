import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Everything the gateway answers is JSON: nothing may load, frame or submit anything from it. */
const API_POLICY = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/**
 * The development IDE (useGraphiQL) is one self-contained page: inline scripts and styles, Monaco's workers from
 * blob:/data: URLs, icons and fonts as data: URLs, and calls to this gateway only. Nothing from another origin.
 */
const IDE_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-inline'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  workerSrc: ["'self'", 'blob:', 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

export interface SecurityHeadersOptions {
  /**
   * The gateway sits behind a TLS-terminating proxy whose `X-Forwarded-Proto` it believes (TRUST_PROXY): requests
   * that came over https get HSTS. Default false: no HSTS, whatever a client claims.
   */
  trustProxy?: boolean;
}

/**
 * helmet's headers on every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * `X-Frame-Options: DENY` and a CSP that allows nothing (the IDE page replaces it with IDE_POLICY); HSTS only for
 * requests a trusted proxy says came over https. Mount first, so errors and 404s carry them too.
 */
export function useSecurityHeaders({ trustProxy = false }: SecurityHeadersOptions = {}): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: true });
  return (req, res, next) =>
    headers(req, res, (error?: unknown) => {
      if (error) return next(error);
      // req.secure believes X-Forwarded-Proto only when express trusts the proxy (app.set('trust proxy')).
      if (trustProxy && req.secure) return hsts(req, res, next);
      next();
    });
}

/** The CSP of the IDE page, set by useGraphiQL on the page alone. */
export const ideContentSecurityPolicy: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: IDE_POLICY,
});
