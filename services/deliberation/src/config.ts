import { loadConfig, serviceConfigSchema } from '@gongzhi/platform';
import { z } from 'zod';

export const deliberationConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(4004),
  /** How many residents besides the one who raises it must co-sign a motion before it goes forward (联名). */
  MOTION_MIN_CO_SIGNERS: z.coerce.number().int().min(0).max(50).default(3),
  /**
   * The shortest public notice (公示期) a steward may post, in days (decimals allowed): the field reports post for 5 to
   * 7 days. Shorter only as a recorded override by street staff.
   */
  PUBLIC_NOTICE_MIN_DAYS: z.coerce.number().positive().max(60).default(5),
  /** How often voting periods and objection windows that have ended are closed, in seconds. */
  DEADLINE_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

export type DeliberationConfig = z.infer<typeof deliberationConfigSchema>;

export const loadDeliberationConfig = (env: Record<string, string | undefined> = process.env): DeliberationConfig =>
  loadConfig(deliberationConfigSchema, env);
