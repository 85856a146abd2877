import os from 'node:os';
import { z } from 'zod';
import { parseEnvironment } from '../environment';
import type { PersonTokenSource } from './person-tokens';

const positiveInt = z.coerce.number().int().positive();

const authEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** The identity provider's JWKS, fetched and cached (refetched when a token names an unknown kid). */
    AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    /** A JWKS file, e.g. the development issuer's `.gongzhi/keys/dev-issuer.jwks.json`. */
    AUTH_JWKS_PATH: z.string().optional(),
    AUTH_ISSUER: z.string().optional(),
    AUTH_AUDIENCE: z.string().default('gongzhi'),
    // Role changes reach a signed-in person within this time; capped so a revoked role cannot linger for long.
    PERSON_ACCESS_TTL_MS: positiveInt.max(300_000).default(30_000),
    API_KEY_RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
    API_KEY_RATE_BURST: positiveInt.default(60),
    API_KEY_USAGE_FLUSH_MS: positiveInt.default(10_000),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    /** Copies of the API-key bucket should this gateway create it: 3 on a three-node NATS cluster. */
    JETSTREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    // The subgraphs' rule (contracts' assertEventsNamespace): the gateway must be able to use any namespace they use.
    EVENTS_NAMESPACE: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,30}$/, 'must be lowercase letters, digits or _, starting with a letter')
      .default('gongzhi'),
    GATEWAY_ID: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 of A-Za-z0-9._:-')
      .default(`${os.hostname()}-${process.pid}`),
  })
  .superRefine((env, ctx) => {
    if (env.AUTH_JWKS_URL && env.AUTH_JWKS_PATH) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_PATH'], message: 'set AUTH_JWKS_URL or AUTH_JWKS_PATH, not both' });
    } else if (!env.AUTH_JWKS_URL && !env.AUTH_JWKS_PATH && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'required in production (or AUTH_JWKS_PATH)' });
    } else if ((env.AUTH_JWKS_URL || env.AUTH_JWKS_PATH) && !env.AUTH_ISSUER) {
      // Without an issuer check, any token signed by a key in the set would do, whoever issued it.
      ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'required with AUTH_JWKS_URL or AUTH_JWKS_PATH' });
    }
  });

export interface AuthConfig {
  /** Where people's tokens are verified; absent (outside production) means person tokens are refused with 401. */
  personTokens?: PersonTokenSource;
  /** How long organization's answer about a person is reused. */
  personAccessTtlMs: number;
  /** The default limit of an API key whose grant names none. */
  apiKeyRateLimit: { perMinute: number; burst: number };
  apiKeyUsageFlushMs: number;
  /** One server, or several separated by commas. */
  natsUrl: string;
  jetStreamReplicas: number;
  eventsNamespace: string;
  /** Names this replica in partner.api-key.used events. */
  gatewayId: string;
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const e = parseEnvironment(authEnvSchema, env);
  const keys = e.AUTH_JWKS_URL ? { jwksUrl: e.AUTH_JWKS_URL } : e.AUTH_JWKS_PATH ? { jwksPath: e.AUTH_JWKS_PATH } : undefined;
  return {
    ...(keys && { personTokens: { ...keys, issuer: e.AUTH_ISSUER as string, audience: e.AUTH_AUDIENCE } }),
    personAccessTtlMs: e.PERSON_ACCESS_TTL_MS,
    apiKeyRateLimit: { perMinute: e.API_KEY_RATE_LIMIT_PER_MINUTE, burst: e.API_KEY_RATE_BURST },
    apiKeyUsageFlushMs: e.API_KEY_USAGE_FLUSH_MS,
    natsUrl: e.NATS_URL,
    jetStreamReplicas: e.JETSTREAM_REPLICAS,
    eventsNamespace: e.EVENTS_NAMESPACE,
    gatewayId: e.GATEWAY_ID,
  };
}
