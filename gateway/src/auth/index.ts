// The gateway's authentication: who is calling, as an Actor. See useAuthentication for the order things happen in.
export { AuthenticationError, AuthenticationUnavailableError } from './auth-errors';
export { loadAuthConfig, type AuthConfig } from './auth.config';
export {
  createPersonTokenVerifier,
  type PersonTokenSource,
  type PersonTokenVerifier,
  type VerifiedPerson,
} from './person-tokens';
export { createPersonDirectory, type PersonDirectory, type PersonDirectoryOptions } from './person-directory';
export { openApiKeyRegistry, type ApiKeyRegistry, type ApiKeyRegistryOptions } from './api-key-registry';
export {
  createCostLimiter,
  CostLimiterUnavailableError,
  type CostLimiter,
  type CostLimiterOptions,
  type PointsDecision,
} from './cost-limiter';
export {
  createUsageReporter,
  type UsageOutcome,
  type UsageReporter,
  type UsageReporterOptions,
} from './usage-reporter';
export {
  actorOf,
  partnerMeterOf,
  useAuthentication,
  type AuthenticationOptions,
  type PartnerMeter,
} from './authenticate';
export type { NatsConnection } from './nats-connection';
