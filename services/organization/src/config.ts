import { loadConfig, serviceConfigSchema } from '@gongzhi/platform';
import { z } from 'zod';

export const organizationConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(4001),
  /** Which tier-name scheme a new top-tier unit gets unless it names one: `party` (seed 002) or `territorial` (seed 004). */
  ORG_DEFAULT_TIER_SCHEME: z.string().min(1).default('party'),
  /** How often the gateways' API-key registry is compared with the database: ends rotation overlaps, follows agreements' dates. */
  API_KEY_REGISTRY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * The most query-cost points a minute a partner key may be granted (issueApiKey's `rateLimitPerMinute`); more is
   * API_KEY.INVALID_RATE_LIMIT. Lowering it leaves the keys already issued (and their rotations) as they were granted.
   * At most GraphQL's largest Int; the bench's stack sets 1,000,000,000 so that its key's limit never refuses.
   */
  API_KEY_MAX_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(2_147_483_647).default(100_000),
  /** How often residents whose birthday crossed into another age band are moved on to it (age-band-sweep.service.ts), in seconds. */
  AGE_BAND_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86400).default(3600),
  /** The key ring sealing residents' phone and ID numbers at rest (personal-data/personal-data-keys.ts): the JSON, or a file. Set one. */
  PERSONAL_DATA_KEYS: z.string().min(1).optional(),
  PERSONAL_DATA_KEYS_PATH: z.string().min(1).optional(),
  /**
   * How often the registry's heartbeat is written while the bucket matches the database. Gateways refuse partner keys
   * once it is older than their API_KEY_REGISTRY_STALE_MS (1500 by default), so keep it well below that.
   */
  API_KEY_REGISTRY_HEARTBEAT_MS: z.coerce.number().int().min(100).max(5000).default(500),
  /**
   * Development only: lets webhook subscriptions use http:// and loopback endpoints (a receiver on this machine, for
   * tests and `npm start`). Refused when NODE_ENV is production: there every address is checked (webhooks/endpoint-guard.ts).
   */
  WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: z.stringbool().default(false),
  /** How long one delivery attempt may take, connecting and answering, before it counts as failed. */
  WEBHOOK_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The first retry's delay; each later one doubles (with jitter) up to WEBHOOK_RETRY_MAX_SECONDS. */
  WEBHOOK_RETRY_INITIAL_SECONDS: z.coerce.number().min(0.05).max(3600).default(30),
  WEBHOOK_RETRY_MAX_SECONDS: z.coerce
    .number()
    .min(0.05)
    .max(86_400)
    .default(3 * 3600),
  /**
   * How long a delivery is retried after its first attempt failed; then it is given up and its subscription disabled
   * with the reason. Three days by default (the issue asks for at least 24 h); tests shorten it.
   */
  WEBHOOK_RETRY_WINDOW_SECONDS: z.coerce
    .number()
    .min(1)
    .max(30 * 86_400)
    .default(3 * 86_400),
  /**
   * The most webhook subscriptions one owner (a partner unit, or a staff org unit) may hold at once, deleted ones not
   * counted: each costs a delivery per event, and a runaway integration registering in a loop must stop somewhere.
   */
  WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER: z.coerce.number().int().min(1).max(1000).default(20),
  /** How often the sender looks for due deliveries. */
  WEBHOOK_SEND_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
});

export type OrganizationConfig = z.infer<typeof organizationConfigSchema>;

export const loadOrganizationConfig = (env: Record<string, string | undefined> = process.env): OrganizationConfig =>
  loadConfig(
    organizationConfigSchema.refine(
      (config) => !(config.NODE_ENV === 'production' && config.WEBHOOKS_ALLOW_LOCAL_ENDPOINTS),
      {
        path: ['WEBHOOKS_ALLOW_LOCAL_ENDPOINTS'],
        message: 'must not be true in production: webhooks would reach loopback and private addresses',
      },
    ),
    env,
  );
