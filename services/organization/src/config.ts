import { loadConfig, serviceConfigSchema } from '@gongzhi/platform';
import { z } from 'zod';

export const organizationConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(4001),
  /** Which tier-name scheme a new top-tier unit gets unless it names one: `party` (seed 002) or `territorial` (seed 004). */
  ORG_DEFAULT_TIER_SCHEME: z.string().min(1).default('party'),
  /** How often the gateways' API-key registry is compared with the database: ends rotation overlaps, follows agreements' dates. */
  API_KEY_REGISTRY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
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
});

export type OrganizationConfig = z.infer<typeof organizationConfigSchema>;

export const loadOrganizationConfig = (env: Record<string, string | undefined> = process.env): OrganizationConfig =>
  loadConfig(organizationConfigSchema, env);
