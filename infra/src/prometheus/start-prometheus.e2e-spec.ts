import { GatewayMetrics, type MetricsServer, startMetricsServer, SubgraphMetrics } from '@gongzhi/metrics';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findRepoRoot } from '../process/repo-root';
import { freePort } from '../process/ports';
import { waitFor } from '../process/wait-for';
import { type RunningPrometheus, startPrometheus } from './start-prometheus';

/**
 * What `npm start -- --with-prometheus` runs: Debian's Prometheus with our scrape configuration and alert rules,
 * here scraping a gateway's and a subgraph's metrics endpoints (the same handler the components use).
 */
describe('Prometheus for npm start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-prometheus-'));
  const servers: MetricsServer[] = [];
  let prometheus: RunningPrometheus;

  afterAll(async () => {
    await prometheus?.stop();
    for (const server of servers) await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('scrapes every target and loads the alert rules', async () => {
    const gateway = new GatewayMetrics();
    gateway.recordRequest('CommunityCatalogue', 'success', 0.05);
    const organization = new SubgraphMetrics();
    servers.push(
      await startMetricsServer(0, gateway.registry, '127.0.0.1'),
      await startMetricsServer(0, organization.registry, '127.0.0.1'),
    );
    prometheus = await startPrometheus({
      targets: [
        { job: 'gateway', target: `127.0.0.1:${servers[0].port}` },
        { job: 'organization', target: `127.0.0.1:${servers[1].port}` },
      ],
      ruleFiles: [path.join(findRepoRoot(__dirname), 'infra', 'prometheus', 'alerts.yml')],
      dataDir,
      port: await freePort(),
      logPath: path.join(dataDir, 'prometheus.log'),
      scrapeIntervalSeconds: 1,
    });
    const query = async (promql: string) => {
      const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      return (
        (await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }
      ).data.result;
    };
    const up = await waitFor(
      'both targets to be scraped',
      async () => {
        const result = await query('up');
        return result.length === 2 && result.every((series) => series.value[1] === '1') ? result : undefined;
      },
      { timeoutMs: 30_000, process: prometheus.process },
    );
    expect(up.map((series) => series.metric.job).sort()).toEqual(['gateway', 'organization']);
    const requests = await query('gongzhi_graphql_requests_total{operation="CommunityCatalogue"}');
    expect(requests).toEqual([expect.objectContaining({ value: [expect.any(Number), '1'] })]);

    const rules = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string }[] }[] };
    };
    expect(rules.data.groups.flatMap((group) => group.rules.map((rule) => rule.name))).toContain('GongzhiOutboxStuck');
  });
});
