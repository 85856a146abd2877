import type { connect } from '@nats-io/transport-node';

/**
 * Derived rather than imported (as in libs/platform): under `moduleResolution: node` TypeScript cannot follow
 * transport-node's re-export of @nats-io/nats-core, so the named type is missing.
 */
export type NatsConnection = Awaited<ReturnType<typeof connect>>;
