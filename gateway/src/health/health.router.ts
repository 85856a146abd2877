import { Router } from 'express';

export interface HealthOptions {
  /** True once the gateway has loaded its supergraph and can plan queries. */
  isSupergraphLoaded: () => boolean;
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
    return { status: 'down', reason: (error as { name?: unknown } | null)?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable' };
  }
}

/**
 * GET /health/live: the process is up. GET /health/ready: the supergraph is loaded and every subgraph's liveness
 * answers; 200 or 503 with one named check each, e.g. `{ status: 'ok', checks: { supergraph: { status: 'up' }, organization: { status: 'up' } } }`.
 */
export function healthRouter({ isSupergraphLoaded, subgraphUrls, timeoutMs }: HealthOptions): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/health/ready', async (_req, res) => {
    const names = Object.keys(subgraphUrls);
    const probes = await Promise.all(names.map((name) => probe(subgraphUrls[name], timeoutMs)));
    const checks: Record<string, Check> = {
      supergraph: isSupergraphLoaded() ? { status: 'up' } : { status: 'down', reason: 'not loaded' },
      ...Object.fromEntries(names.map((name, i) => [name, probes[i]])),
    };
    const ready = Object.values(checks).every((check) => check.status === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  });
  return router;
}
