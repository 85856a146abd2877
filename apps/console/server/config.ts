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
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

export interface ConsoleConfig {
  port: number;
  /** GET /metrics on a port of its own instead of `port`. */
  metricsPort?: number;
  gatewayUrl: string;
  assetsDir: string;
  devSignInKeysDir?: string;
}

/** The console server's configuration; a bad variable stops it with one line naming it. */
export function loadConsoleConfig(env: NodeJS.ProcessEnv, builtDir: string): ConsoleConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`console configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.CONSOLE_DEV_SIGN_IN_KEYS_DIR && e.NODE_ENV === 'production')
    throw new Error(
      'console configuration: CONSOLE_DEV_SIGN_IN_KEYS_DIR: the development sign-in is refused in production',
    );
  return {
    port: e.PORT,
    ...(e.METRICS_PORT !== undefined && { metricsPort: e.METRICS_PORT }),
    gatewayUrl: e.GATEWAY_URL.replace(/\/+$/, ''),
    assetsDir: e.CONSOLE_ASSETS_DIR ?? path.resolve(builtDir, '..', 'dist-web'),
    ...(e.CONSOLE_DEV_SIGN_IN_KEYS_DIR && { devSignInKeysDir: e.CONSOLE_DEV_SIGN_IN_KEYS_DIR }),
  };
}
