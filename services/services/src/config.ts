import { loadConfig, serviceConfigSchema } from '@gongzhi/platform';
import { z } from 'zod';

export const servicesConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(4002),
});

export type ServicesConfig = z.infer<typeof servicesConfigSchema>;

export const loadServicesConfig = (env: Record<string, string | undefined> = process.env): ServicesConfig =>
  loadConfig(servicesConfigSchema, env);
