import os from 'node:os';
import { z } from 'zod';
import { loadConfig as parseEnvironment } from '@gongzhi/platform/config';
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
    /** Query-cost points a minute for a key whose grant names no limit (a query costs the nodes it can return, >= 1). */
    API_KEY_POINTS_PER_MINUTE: positiveInt.default(20_000),
    /** Replaced by API_KEY_POINTS_PER_MINUTE: refused, so an old setting is not silently ignored. */
    API_KEY_RATE_LIMIT_PER_MINUTE: z
      .never({
        error: 'replaced by API_KEY_POINTS_PER_MINUTE (keys are limited by query cost points, see gateway/README.md)',
      })
      .optional(),
    API_KEY_RATE_BURST: z
      .never({ error: 'no longer used: keys spend query cost points from a minute of API_KEY_POINTS_PER_MINUTE' })
      .optional(),
    /**
     * How long after organization's last registry heartbeat a replica still serves partner keys from its copy; past
     * it (or at once when NATS disconnects) partner keys get 503 API_KEYS_UNAVAILABLE. A revocation reaches every
     * replica within this bound (plus one heartbeat interval) whether NATS is up or not.
     */
    API_KEY_REGISTRY_STALE_MS: positiveInt.min(500).max(10_000).default(1_500),
    /** The gateway's MongoDB, shared by every replica for partner keys' points. Required in production. */
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URI')
      .optional(),
    MONGODB_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 of A-Za-z0-9_-')
      .default('gongzhi_gateway'),
    /** How long a request waits for the shared points store before the partner gets 503 RATE_LIMIT_UNAVAILABLE. */
    RATE_LIMIT_STORE_TIMEOUT_MS: positiveInt.max(10_000).default(1_000),
    API_KEY_USAGE_FLUSH_MS: positiveInt.default(10_000),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    /** NATS user and password (the NATS Helm chart's accounts), as the subgraphs take them; both or neither. */
    NATS_USER: z.string().min(1).optional(),
    NATS_PASSWORD: z.string().min(1).optional(),
    // The subgraphs' rule (contracts' assertEventsNamespace): the gateway must be able to use any namespace they use.
    EVENTS_NAMESPACE: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,30}$/, 'must be lowercase letters, digits or _, starting with a letter')
      .default('gongzhi'),
    /** Copies JetStream keeps of the API-key bucket if this gateway creates it: as the subgraphs' EVENTS_REPLICAS. */
    EVENTS_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    GATEWAY_ID: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 of A-Za-z0-9._:-')
      .default(`${os.hostname()}-${process.pid}`),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.NATS_USER) !== Boolean(env.NATS_PASSWORD)) {
      const missing = env.NATS_USER ? 'NATS_PASSWORD' : 'NATS_USER';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: `required with ${missing === 'NATS_USER' ? 'NATS_PASSWORD' : 'NATS_USER'}`,
      });
    }
    if (env.AUTH_JWKS_URL && env.AUTH_JWKS_PATH) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWKS_PATH'],
        message: 'set AUTH_JWKS_URL or AUTH_JWKS_PATH, not both',
      });
    } else if (!env.AUTH_JWKS_URL && !env.AUTH_JWKS_PATH && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'required in production (or AUTH_JWKS_PATH)' });
    }
    if (!env.MONGODB_URI && env.NODE_ENV === 'production') {
      // Without a shared store each replica would count alone: N replicas, N times every key's limit.
      ctx.addIssue({
        code: 'custom',
        path: ['MONGODB_URI'],
        message: "required in production: partner keys' points are counted there by every replica",
      });
    }
    if ((env.AUTH_JWKS_URL || env.AUTH_JWKS_PATH) && !env.AUTH_ISSUER && !(env.AUTH_JWKS_URL && env.AUTH_JWKS_PATH)) {
      // Without an issuer check, any token signed by a key in the set would do, whoever issued it.
      ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'required with AUTH_JWKS_URL or AUTH_JWKS_PATH' });
    }
  });

export interface AuthConfig {
  /** Where people's tokens are verified; absent (outside production) means person tokens are refused with 401. */
  personTokens?: PersonTokenSource;
  /** How long organization's answer about a person is reused. */
  personAccessTtlMs: number;
  /** The query-cost points a minute of an API key whose grant names none. */
  apiKeyPointsPerMinute: number;
  /** How long after organization's last heartbeat the key registry is trusted. */
  apiKeyRegistryStaleMs: number;
  /** Where partner keys' points are counted by every replica; absent (outside production): per replica, in memory. */
  rateLimitStore?: { uri: string; dbName: string; timeoutMs: number };
  apiKeyUsageFlushMs: number;
  natsUrl: string;
  /** NATS_USER and NATS_PASSWORD, when NATS requires them. */
  natsCredentials?: { user: string; pass: string };
  eventsNamespace: string;
  eventsReplicas: number;
  /** Names this replica in partner.api-key.used events. */
  gatewayId: string;
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const e = parseEnvironment(authEnvSchema, env);
  const keys = e.AUTH_JWKS_URL
    ? { jwksUrl: e.AUTH_JWKS_URL }
    : e.AUTH_JWKS_PATH
      ? { jwksPath: e.AUTH_JWKS_PATH }
      : undefined;
  return {
    ...(keys && { personTokens: { ...keys, issuer: e.AUTH_ISSUER as string, audience: e.AUTH_AUDIENCE } }),
    personAccessTtlMs: e.PERSON_ACCESS_TTL_MS,
    apiKeyPointsPerMinute: e.API_KEY_POINTS_PER_MINUTE,
    apiKeyRegistryStaleMs: e.API_KEY_REGISTRY_STALE_MS,
    ...(e.MONGODB_URI && {
      rateLimitStore: { uri: e.MONGODB_URI, dbName: e.MONGODB_DB, timeoutMs: e.RATE_LIMIT_STORE_TIMEOUT_MS },
    }),
    apiKeyUsageFlushMs: e.API_KEY_USAGE_FLUSH_MS,
    natsUrl: e.NATS_URL,
    ...(e.NATS_USER && e.NATS_PASSWORD && { natsCredentials: { user: e.NATS_USER, pass: e.NATS_PASSWORD } }),
    eventsNamespace: e.EVENTS_NAMESPACE,
    eventsReplicas: e.EVENTS_REPLICAS,
    gatewayId: e.GATEWAY_ID,
  };
}
