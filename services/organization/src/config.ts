import { loadConfig, serviceConfigSchema } from '@gongzhi/platform';
import { z } from 'zod';

export const organizationConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(4001),
  /** Which tier-name scheme a new top-tier unit gets unless it names one: `party` (seed 002) or `territorial` (seed 004). */
  ORG_DEFAULT_TIER_SCHEME: z.string().min(1).default('party'),
});

export type OrganizationConfig = z.infer<typeof organizationConfigSchema>;

export const loadOrganizationConfig = (env: Record<string, string | undefined> = process.env): OrganizationConfig =>
  loadConfig(organizationConfigSchema, env);
