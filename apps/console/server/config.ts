import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(4010),
  /** Serves GET /metrics on this port instead of PORT (0 picks a free one), to keep it off the public Ingress. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** The public gateway's origin (no path): /graphql is forwarded there. */
  GATEWAY_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4000'),
  CONSOLE_ASSETS_DIR: z.string().min(1).optional(),
  /** Development only: the development issuer's key folder; offers the demo users' sign-in. */
  CONSOLE_DEV_SIGN_IN_KEYS_DIR: z.string().min(1).optional(),
  /** The OpenID Connect issuer people sign in with (the gateway's AUTH_ISSUER); the app discovers the rest. */
  CONSOLE_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** The console's client id at that issuer: a public client (no secret; PKCE instead). */
  CONSOLE_OIDC_CLIENT_ID: z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 printable ASCII characters')
    .optional(),
  CONSOLE_OIDC_SCOPES: z
    .string()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'scopes separated by single spaces')
    .default('openid profile'),
  /** The gateway as a resource (RFC 8707): sent as `resource` so the access token's aud is the gateway's AUTH_AUDIENCE. */
  CONSOLE_OIDC_RESOURCE: z.url({ error: 'expected an absolute URI' }).optional(),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

/** What the app needs to run the authorisation-code flow with PKCE against the issuer (nothing secret). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
  resource?: string;
}

export interface ConsoleConfig {
  port: number;
  /** GET /metrics on a port of its own instead of `port`. */
  metricsPort?: number;
  gatewayUrl: string;
  assetsDir: string;
  devSignInKeysDir?: string;
  oidc?: OidcSettings;
}

/** The console server's configuration; a bad variable stops it with one line naming it. */
export function loadConsoleConfig(env: NodeJS.ProcessEnv, builtDir: string): ConsoleConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`console configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const refuse = (variable: string, why: string) => {
    throw new Error(`console configuration: ${variable}: ${why}`);
  };
  if (e.CONSOLE_DEV_SIGN_IN_KEYS_DIR && e.NODE_ENV === 'production')
    refuse('CONSOLE_DEV_SIGN_IN_KEYS_DIR', 'the development sign-in is refused in production');
  if (Boolean(e.CONSOLE_OIDC_ISSUER) !== Boolean(e.CONSOLE_OIDC_CLIENT_ID))
    refuse(
      e.CONSOLE_OIDC_ISSUER ? 'CONSOLE_OIDC_CLIENT_ID' : 'CONSOLE_OIDC_ISSUER',
      'CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID go together',
    );
  if (e.CONSOLE_OIDC_ISSUER && e.NODE_ENV === 'production' && !e.CONSOLE_OIDC_ISSUER.startsWith('https://'))
    refuse('CONSOLE_OIDC_ISSUER', 'must be https in production');
  if (e.CONSOLE_OIDC_ISSUER && !e.CONSOLE_OIDC_SCOPES.split(' ').includes('openid'))
    refuse('CONSOLE_OIDC_SCOPES', 'must include openid');
  return {
    port: e.PORT,
    ...(e.METRICS_PORT !== undefined && { metricsPort: e.METRICS_PORT }),
    gatewayUrl: e.GATEWAY_URL.replace(/\/+$/, ''),
    assetsDir: e.CONSOLE_ASSETS_DIR ?? path.resolve(builtDir, '..', 'dist-web'),
    ...(e.CONSOLE_DEV_SIGN_IN_KEYS_DIR && { devSignInKeysDir: e.CONSOLE_DEV_SIGN_IN_KEYS_DIR }),
    ...(e.CONSOLE_OIDC_ISSUER &&
      e.CONSOLE_OIDC_CLIENT_ID && {
        oidc: {
          issuer: e.CONSOLE_OIDC_ISSUER,
          clientId: e.CONSOLE_OIDC_CLIENT_ID,
          scopes: e.CONSOLE_OIDC_SCOPES,
          ...(e.CONSOLE_OIDC_RESOURCE && { resource: e.CONSOLE_OIDC_RESOURCE }),
        },
      }),
  };
}
