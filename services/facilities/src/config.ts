import { loadConfig, serviceConfigSchema } from '@gongzhi/platform';
import { z } from 'zod';

export const facilitiesConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(4003),
  /** How often the sweeps run: lamp faults past their SLA escalate, garden claims lapse, overstays are announced. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** Hours after the community's call (社区呼叫) that a fault still open makes the street blow the whistle (街道吹哨). */
  LAMP_WHISTLE_AFTER_HOURS: z.coerce.number().int().min(1).max(720).default(24),
});

export type FacilitiesConfig = z.infer<typeof facilitiesConfigSchema>;

export const loadFacilitiesConfig = (env: Record<string, string | undefined> = process.env): FacilitiesConfig =>
  loadConfig(facilitiesConfigSchema, env);
