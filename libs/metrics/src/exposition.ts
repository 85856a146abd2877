import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * Node.js process metrics (CPU, memory, event-loop lag, GC, handles), collected once per process: a test that runs a
 * gateway and a subgraph in one process exposes them from both without registering the collectors twice.
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
    // prom-client names three gauges `…_total`, which `promtool check metrics` refuses (only counters may end so).
    // They are the sums of nodejs_active_handles / _requests / _resources, which stay: sum() over those gives them.
    for (const name of [
      'nodejs_active_handles_total',
      'nodejs_active_requests_total',
      'nodejs_active_resources_total',
    ]) {
      processRegistry.removeSingleMetric(name);
    }
  }
  return processRegistry;
}

/** The text a scrape of a component gets: its own families plus the process's. */
export async function exposition(registry: Registry): Promise<{ contentType: string; body: string }> {
  const merged = Registry.merge([processMetrics(), registry]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}

/** A handler for GET /metrics, usable as express middleware or as a plain node:http listener. */
export function metricsHandler(registry: Registry): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method Not Allowed\n');
      return;
    }
    exposition(registry).then(
      ({ contentType, body }) =>
        res.writeHead(200, { 'content-type': contentType }).end(req.method === 'HEAD' ? undefined : body),
      (error: unknown) =>
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`metrics collection failed: ${(error as Error).message}\n`),
    );
  };
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `METRICS_PORT`: /metrics on a port of its own (and nothing else there), so production can keep it off the public
 * ingress. Port 0 picks a free one.
 */
export async function startMetricsServer(port: number, registry: Registry, host = '0.0.0.0'): Promise<MetricsServer> {
  const handle = metricsHandler(registry);
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === '/metrics') return handle(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found: metrics are at /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
