import { metricsHandler, type MetricsServer, startMetricsServer } from '@gongzhi/metrics';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Registry } from 'prom-client';
import type { OidcSettings } from './config';

/** A person the development sign-in offers: a demo user with the role npm start's demo data grants them. */
export interface DevSignInUser {
  subject: string;
  name: string;
  role: string;
  unit: string;
}

/** Development sign-in: pick a demo user, get a token of the development issuer. Never configured in production. */
export interface DevSignIn {
  users: DevSignInUser[];
  sign(user: DevSignInUser): Promise<string>;
}

export interface ConsoleServerOptions {
  /** The built single-page app (vite build). */
  assetsDir: string;
  /** The public gateway's origin, e.g. http://127.0.0.1:4000: /graphql is forwarded there as is. */
  gatewayUrl: string;
  devSignIn?: DevSignIn;
  /** The process's metrics (a fresh registry when left out). */
  registry?: Registry;
  /** GET /metrics is served on a port of its own (METRICS_PORT), not here where the Ingress routes people. */
  metricsElsewhere?: boolean;
  /** Sign-in with the OpenID Connect issuer (authorisation code + PKCE, run by the app); with devSignIn, both. */
  oidc?: OidcSettings;
}

/**
 * What the app asks first: how people sign in here. `oidc`: the issuer's sign-in, and the demo users too when the
 * development issuer is also configured (development only); `development`: the demo users alone; `none`: anonymous.
 */
export type SignInConfig =
  | ({ signIn: 'oidc'; users?: DevSignInUser[] } & OidcSettings)
  | { signIn: 'development'; users: DevSignInUser[] }
  | { signIn: 'none' };

/** The path the issuer redirects back to (register `<console origin>/auth/callback`); the app completes it. */
export const OIDC_CALLBACK_PATH = '/auth/callback';

/**
 * The console's own CSP: scripts, styles and data only from this origin (the build has no inline script and loads
 * nothing from a CDN), no framing. connect-src 'self' holds because /graphql is same-origin, forwarded to the gateway;
 * with OpenID Connect the app also fetches the issuer's metadata and token endpoint, so that one origin is added
 * (the sign-in and sign-out are top-level navigations, which the CSP does not govern; no form leaves this origin).
 */
function consolePolicy(oidc: OidcSettings | undefined) {
  return { ...CONSOLE_POLICY, 'connect-src': ["'self'", ...(oidc ? [new URL(oidc.issuer).origin] : [])] };
}

const CONSOLE_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The console's server: the built app, /graphql forwarded to the public gateway (same origin, so the gateway needs
 * no CORS and keeps its own headers), and in development the demo users' sign-in. It holds no data and no back door:
 * every read goes through the gateway with the signed-in person's token.
 */
export function createConsoleApp(options: ConsoleServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: consolePolicy(options.oidc) },
      // HSTS belongs to whoever terminates TLS (the ingress), as for the gateway.
      strictTransportSecurity: false,
    }),
  );
  // Probes (infra/k8s): live while it answers; ready while it has the app to serve. Readiness does not follow the
  // gateway: a console pod with the gateway away still serves the app, which says so per section.
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/health/ready', (_req, res) => {
    const ready = existsSync(path.join(options.assetsDir, 'index.html'));
    res.status(ready ? 200 : 503).json(ready ? { status: 'ok' } : { status: 'unavailable', reason: 'no built app' });
  });
  // The process's own metrics (memory, CPU, event-loop lag), as every component exposes them for Prometheus; in
  // production on METRICS_PORT instead, which no Service the Ingress routes to exposes.
  if (!options.metricsElsewhere) app.get('/metrics', metricsHandler(options.registry ?? new Registry()));

  // Forwarded byte for byte (the body is not parsed here), with the caller's Authorization header. xfwd appends the
  // address this server saw to X-Forwarded-For (and sets -Proto, -Host, -Port): one a browser wrote itself stays to
  // the left of it, where the gateway, trusting only the hops it is told (TRUSTED_PROXIES), never looks.
  app.use(
    createProxyMiddleware({
      target: options.gatewayUrl,
      pathFilter: (pathname) => pathname === '/graphql',
      changeOrigin: true,
      xfwd: true,
      proxyTimeout: 30_000,
      on: {
        error: (_error, _req, res) => {
          if ('headersSent' in res && !res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({
                errors: [{ message: 'The gateway did not answer', extensions: { code: 'GATEWAY_UNAVAILABLE' } }],
              }),
            );
          }
        },
      },
    }),
  );

  app.get('/auth/config', (_req, res) => {
    const { devSignIn, oidc } = options;
    const config: SignInConfig = oidc
      ? { signIn: 'oidc', ...oidc, ...(devSignIn && { users: devSignIn.users }) }
      : devSignIn
        ? { signIn: 'development', users: devSignIn.users }
        : { signIn: 'none' };
    res.set('cache-control', 'no-store').json(config);
  });
  // The issuer's redirect back: the app (index.html) reads code and state from the URL and finishes the sign-in.
  if (options.oidc)
    app.get(OIDC_CALLBACK_PATH, (_req, res, next) => {
      res.set('cache-control', 'no-store');
      res.sendFile(path.join(options.assetsDir, 'index.html'), (error) => error && next(error));
    });
  if (options.devSignIn) {
    const { users } = options.devSignIn;
    const devSignIn = options.devSignIn;
    app.post('/auth/dev/token', express.json({ limit: '2kb' }), async (req, res) => {
      const subject = (req.body as { subject?: unknown } | undefined)?.subject;
      const user = users.find((candidate) => candidate.subject === subject);
      if (!user) {
        res.status(400).json({ code: 'SIGN_IN.UNKNOWN_USER', message: '没有这位演示用户' });
        return;
      }
      res.set('cache-control', 'no-store').json({ token: await devSignIn.sign(user), user });
    });
  }

  // Hashed file names never change: cache them for a year; index.html always revalidates.
  app.use(
    '/assets',
    express.static(path.join(options.assetsDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(options.assetsDir, { index: 'index.html', maxAge: 0 }));
  // A failure (a missing asset, a signing key that cannot be read) answers with a code, never a stack trace.
  app.use(((error, _req, res, _next) => {
    const status =
      typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    res.status(status).json({ code: status === 404 ? 'NOT_FOUND' : 'INTERNAL_SERVER_ERROR' });
  }) as ErrorRequestHandler);
  return app;
}

export interface RunningConsole {
  /** Where the app, /graphql and /auth are served. */
  port: number;
  /** Where GET /metrics is served when METRICS_PORT moved it (known once listening: 0 picks a free port). */
  metricsPort?: number;
  close(): Promise<void>;
}

/**
 * Serves the console on `port`, and /metrics there or, with `metricsPort`, only on that port (all interfaces, for
 * Prometheus inside the cluster).
 */
export async function serveConsole(
  options: Omit<ConsoleServerOptions, 'registry' | 'metricsElsewhere'> & { port: number; metricsPort?: number },
): Promise<RunningConsole> {
  const { port, metricsPort, ...appOptions } = options;
  const registry = new Registry();
  const app = createConsoleApp({ ...appOptions, registry, metricsElsewhere: metricsPort !== undefined });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  let metrics: MetricsServer | undefined;
  try {
    if (metricsPort !== undefined) metrics = await startMetricsServer(metricsPort, registry);
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    port: (server.address() as AddressInfo).port,
    ...(metrics && { metricsPort: metrics.port }),
    async close() {
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), metrics?.close()]);
    },
  };
}
