import type { ReadinessCheck } from '../health/readiness';
import type { NatsConnectionProvider } from './nats-connection';

/** For HealthModule: the service is not ready while NATS is unreachable (writes still succeed; events wait). */
export function natsReadinessCheck(nats: NatsConnectionProvider): ReadinessCheck {
  return { name: 'nats', isReady: () => nats.isConnected() };
}
