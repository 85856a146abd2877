import { Router } from 'express';

export interface HealthOptions {
  /** True once the gateway has loaded its supergraph and can plan queries. */
  isSupergraphLoaded: () => boolean;
  /** True once the key that signs internal tokens is imported: without it no subgraph accepts a request. */
  isSigningKeyLoaded: () => boolean;
  /** True from the moment shutdown begins. */
  isDraining: () => boolean;
  /** Subgraph name → GraphQL URL; each subgraph answers GET /health/live on the same origin. */
  subgraphUrls: Record<string, string>;
  /** Bound on each subgraph probe. */
  timeoutMs: number;
}

type Check = { status: 'up' } | { status: 'down'; reason: string };

async function probe(url: string, timeoutMs: number): Promise<Check> {
  try {
    const response = await fetch(new URL('/health/live', url), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok ? { status: 'up' } : { status: 'down', reason: `HTTP ${response.status}` };
  } catch (error) {
    return {
      status: 'down',
      reason:
        (error as { name?: unknown } | null)?.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : 'unreachable',
    };
  }
}

/**
 * GET /health/live: the process is up. GET /health/ready: 200 when the gateway can serve — supergraph loaded, signing
 * key imported, not shutting down — else 503. Subgraphs are probed and reported under `subgraphs`, but a subgraph
 * that is down does not make the gateway unready: its fields get errors and the rest of each answer still comes
 * (taking every gateway out of the load balancer for it would turn partial data into no data).
 * `{ status: 'ok', checks: { supergraph: { status: 'up' }, signingKey: { status: 'up' } }, subgraphs: { organization: { status: 'up' } } }`.
 */
export function healthRouter({
  isSupergraphLoaded,
  isSigningKeyLoaded,
  isDraining,
  subgraphUrls,
  timeoutMs,
}: HealthOptions): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/health/ready', async (_req, res) => {
    const names = Object.keys(subgraphUrls);
    const probes = await Promise.all(names.map((name) => probe(subgraphUrls[name], timeoutMs)));
    const checks: Record<string, Check> = {
      supergraph: isSupergraphLoaded() ? { status: 'up' } : { status: 'down', reason: 'not loaded' },
      signingKey: isSigningKeyLoaded() ? { status: 'up' } : { status: 'down', reason: 'not loaded' },
    };
    const subgraphs = Object.fromEntries(names.map((name, i) => [name, probes[i]]));
    const serving = Object.values(checks).every((check) => check.status === 'up');
    const status = isDraining() ? 'draining' : serving ? 'ok' : 'unavailable';
    res.status(status === 'ok' ? 200 : 503).json({ status, checks, subgraphs });
  });
  return router;
}
