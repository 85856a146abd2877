import type { ReadinessCheck } from '../health/readiness';
import type { NatsConnectionProvider } from './nats-connection';

/**
 * For HealthModule: reported, but informational. Without NATS a service still serves reads and writes (their events
 * wait in the outbox), and a NATS cluster node's restart must not take every replica it served out of the load balancer.
 */
export function natsReadinessCheck(nats: NatsConnectionProvider): ReadinessCheck {
  return { name: 'nats', isReady: () => nats.isConnected(), informational: true };
}
