/** A dependency the service cannot serve without; /health/ready reports each one. */
export interface ReadinessCheck {
  name: string;
  isReady(): Promise<boolean> | boolean;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
