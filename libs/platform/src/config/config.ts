import { z } from 'zod';
import { shutdownEnvShape } from '../lifecycle/graceful-shutdown';

/**
 * Thrown when the environment does not describe a runnable service. The message names every
 * offending variable so an operator can fix them all in one go.
 */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

/** A MongoDB database name as MONGODB_DB and ORGANIZATION_MONGODB_DB take it. */
export const databaseNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a plain database name');

/** The database a service uses when MONGODB_DB is not set: gongzhi_<service>. */
export function databaseNameOf(config: { MONGODB_DB?: string }, serviceName: string): string {
  return config.MONGODB_DB ?? `gongzhi_${serviceName}`;
}

/** EVENTS_REPLICAS, shared with the gateway: JetStream allows at most 5 replicas of a stream. */
export const eventsReplicasSchema = z.coerce.number().int().min(1).max(5).default(1);

/** Environment shared by every subgraph. Each service extends it with its own variables. */
export const serviceConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(1).max(65535),
  /** Serves GET /metrics on this port instead of PORT (0 picks a free one), to keep it off the public ingress. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MONGODB_URI: z
    .string({ error: 'is required (for example mongodb://127.0.0.1:27017/?replicaSet=gongzhi)' })
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://'),
  /** Each service owns its database; the default is gongzhi_<service>. */
  MONGODB_DB: databaseNameSchema.optional(),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** NATS user and password (the NATS Helm chart's accounts); both or neither. */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  /** Prefix of NATS subjects and stream names; lets several installations (or test files) share one server. */
  /** The gateway's public keys (a JWKS) this service accepts internal tokens from: the JSON itself, or a file. Set one. */
  INTERNAL_TOKEN_JWKS: z.string().min(1).optional(),
  INTERNAL_TOKEN_JWKS_PATH: z.string().min(1).optional(),
  EVENTS_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,30}$/, 'must be lowercase letters, digits or _')
    .default('gongzhi'),
  /** Copies JetStream keeps of the event streams and KV buckets this service creates: 1 on one server, 3 on a cluster. */
  EVENTS_REPLICAS: eventsReplicasSchema,
  ...shutdownEnvShape,
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/** NATS_USER and NATS_PASSWORD as connection options; a ConfigurationError when only one of them is set. */
export function natsCredentials(config: {
  NATS_USER?: string;
  NATS_PASSWORD?: string;
}): { user: string; pass: string } | undefined {
  if (!config.NATS_USER && !config.NATS_PASSWORD) return undefined;
  if (!config.NATS_USER || !config.NATS_PASSWORD) {
    throw new ConfigurationError([
      `${config.NATS_USER ? 'NATS_PASSWORD' : 'NATS_USER'} is required with ${config.NATS_USER ? 'NATS_USER' : 'NATS_PASSWORD'}`,
    ]);
  }
  return { user: config.NATS_USER, pass: config.NATS_PASSWORD };
}

/**
 * Validates `env` against `schema`, throwing a ConfigurationError that names each bad variable. An empty variable
 * counts as unset, so `PORT=` reads as "PORT is required", not as port 0.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigurationError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}
