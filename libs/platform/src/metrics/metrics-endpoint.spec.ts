import { SubgraphMetrics } from '@gongzhi/metrics';
import type { INestApplication } from '@nestjs/common';
import { MetricsEndpoint } from './metrics-endpoint';

describe('MetricsEndpoint', () => {
  const appRecordingUse = () => {
    const mounted: string[] = [];
    return { mounted, app: { use: (path: string) => void mounted.push(path) } as unknown as INestApplication };
  };

  it('serves /metrics on the subgraph port when METRICS_PORT is not set', async () => {
    const endpoint = new MetricsEndpoint(new SubgraphMetrics(), undefined);
    const { app, mounted } = appRecordingUse();
    endpoint.mount(app);
    await endpoint.onApplicationBootstrap();
    expect(mounted).toEqual(['/metrics']);
    expect(endpoint.port).toBeUndefined();
  });

  it('moves /metrics to METRICS_PORT, off the subgraph port', async () => {
    const metrics = new SubgraphMetrics();
    metrics.resolverErrors.inc({ code: 'FORBIDDEN' });
    const endpoint = new MetricsEndpoint(metrics, 0);
    const { app, mounted } = appRecordingUse();
    endpoint.mount(app);
    await endpoint.onApplicationBootstrap();
    try {
      expect(mounted).toEqual([]);
      const response = await fetch(`http://127.0.0.1:${endpoint.port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
      expect(await response.text()).toMatch(/^gongzhi_graphql_resolver_errors_total\{code="FORBIDDEN"\} 1$/m);
      expect((await fetch(`http://127.0.0.1:${endpoint.port}/graphql`)).status).toBe(404);
    } finally {
      await endpoint.beforeApplicationShutdown();
    }
  });
});
