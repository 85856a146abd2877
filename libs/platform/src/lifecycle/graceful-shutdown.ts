import type http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

/**
 * Whether the process is shutting down. /health/ready answers 503 from the moment it is set, so load balancers
 * (haproxy's health check, a Kubernetes Service) stop sending new requests while in-flight ones finish.
 */
export class ShutdownState {
  private drainingSince: Date | undefined;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  beginDraining(): void {
    this.drainingSince ??= new Date();
  }
}

export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

export interface GracefulShutdownOptions {
  state: ShutdownState;
  /** Stops taking requests and lets in-flight ones finish (see closeHttpServer). */
  server: http.Server;
  /** Between readiness turning false and the listener closing: time for a load balancer to notice. SHUTDOWN_DELAY_MS. */
  delayMs: number;
  /** Bound on in-flight requests; connections still busy after it are cut. SHUTDOWN_TIMEOUT_MS. */
  timeoutMs: number;
  /** Run in order once the HTTP server has closed: event consumers, outbox relay, connections. */
  steps: ShutdownStep[];
  log: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Stops listening, lets requests in flight finish, and closes keep-alive connections as they fall idle; after
 * `timeoutMs` cuts whatever is still open. Resolves with the number of connections that had to be cut.
 */
export function closeHttpServer(server: http.Server, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve(0);
    let cut = 0;
    // A connection that finishes its last request is idle: closed on the next sweep instead of waiting for keep-alive.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      server.getConnections((_error, count) => {
        cut = count;
        server.closeAllConnections();
      });
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve(cut);
    });
    server.closeIdleConnections();
  });
}

/**
 * The one shutdown path of every Gongzhi process (each subgraph and the gateway): readiness false at once, a delay
 * for load balancers to notice, the HTTP server drained within a bound, then the steps in order. A failing step is
 * logged and the next one still runs. Resolves true when everything stopped cleanly.
 */
export async function gracefulShutdown(options: GracefulShutdownOptions): Promise<boolean> {
  const { state, server, delayMs, timeoutMs, steps, log } = options;
  state.beginDraining();
  log('shutting down: readiness is false; draining requests', { delayMs, timeoutMs });
  if (delayMs > 0) await sleep(delayMs);
  let clean = true;
  const cut = await closeHttpServer(server, timeoutMs);
  if (cut > 0) {
    clean = false;
    log(`cut ${cut} connection(s) still busy after ${timeoutMs} ms`);
  }
  for (const step of steps) {
    try {
      await step.run();
      log(`stopped ${step.name}`);
    } catch (error) {
      clean = false;
      log(`could not stop ${step.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return clean;
}

/**
 * Runs `shutdown` on the first SIGTERM or SIGINT and exits 0 when it stopped cleanly, 1 otherwise; a second signal,
 * or `forceAfterMs` without an end, exits at once with 1.
 */
export function exitOnSignals(
  shutdown: () => Promise<boolean>,
  options: { forceAfterMs: number; log: (message: string) => void },
): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      options.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    started = true;
    setTimeout(() => {
      options.log(`shutdown did not finish within ${options.forceAfterMs} ms: exiting`);
      process.exit(1);
    }, options.forceAfterMs).unref();
    shutdown().then(
      (clean) => process.exit(clean ? 0 : 1),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

const millis = z.coerce.number().int().min(0).max(300_000);

/**
 * SHUTDOWN_DELAY_MS (default 0: in Kubernetes a preStop sleep does that job; `npm start -- --cluster` sets it for
 * haproxy) and SHUTDOWN_TIMEOUT_MS (default 10 s), in every subgraph's and the gateway's configuration schema.
 */
export const shutdownEnvShape = {
  SHUTDOWN_DELAY_MS: millis.default(0),
  SHUTDOWN_TIMEOUT_MS: millis.default(10_000),
};
