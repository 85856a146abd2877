/** A dependency /health/ready reports. */
export interface ReadinessCheck {
  name: string;
  isReady(): Promise<boolean> | boolean;
  /**
   * Informational checks are reported but do not make the service unready: it still serves without them (NATS:
   * writes succeed and their events wait in the outbox). Default: the service cannot serve without it.
   */
  informational?: boolean;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
