import { exposedMetricNames } from '@gongzhi/metrics';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '../process/repo-root';
import { metricNamesIn } from './promql-names';

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(
  readFileSync(path.join(findRepoRoot(__dirname), 'infra', 'grafana', 'gongzhi-dashboard.json'), 'utf8'),
) as { panels: Panel[] };

describe('the Grafana dashboard (infra/grafana/gongzhi-dashboard.json)', () => {
  const queries = dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
  );

  it('has rows for the gateway, the subgraphs, events and webhooks', () => {
    expect(dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title)).toEqual([
      'Gateway',
      'Subgraphs',
      'Events',
      'Webhooks',
    ]);
    expect(queries.length).toBeGreaterThan(15);
  });

  it('queries only metrics the components expose', async () => {
    const exposed = await exposedMetricNames();
    for (const { panel, expr } of queries) {
      const used = metricNamesIn(expr);
      expect({ panel, used: used.length > 0 }).toEqual({ panel, used: true });
      expect({ panel, unknown: used.filter((name) => !exposed.has(name)) }).toEqual({ panel, unknown: [] });
    }
  });

  it('shows every gongzhi_ family somewhere', async () => {
    const used = new Set(
      queries.flatMap(({ expr }) => metricNamesIn(expr)).map((name) => name.replace(/_(bucket|sum|count)$/, '')),
    );
    const families = [...(await exposedMetricNames())]
      .filter((name) => name.startsWith('gongzhi_'))
      .map((name) => name.replace(/_(bucket|sum|count)$/, ''));
    expect([...new Set(families)].filter((family) => !used.has(family))).toEqual([]);
  });
});
