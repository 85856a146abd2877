import type { Registry } from 'prom-client';
import { processMetrics } from './exposition';
import { GatewayMetrics } from './gateway-metrics';
import { SubgraphMetrics } from './subgraph-metrics';
import { WebhookMetrics } from './webhook-metrics';

/** Series Prometheus itself records for every target it scrapes. */
const SCRAPE_SERIES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_series_added',
  'scrape_samples_post_metric_relabeling',
];

/**
 * Every sample name a Gongzhi component can expose (histograms as their _bucket, _sum and _count), plus Prometheus'
 * per-target series: what alert rules and dashboards may refer to. Read from the real registries, so a renamed
 * family breaks the tests of the rules and dashboards that use the old name.
 */
export async function exposedMetricNames(): Promise<Set<string>> {
  const names = new Set(SCRAPE_SERIES);
  const registries: Registry[] = [
    processMetrics(),
    new GatewayMetrics().registry,
    new SubgraphMetrics().registry,
    new WebhookMetrics().registry,
  ];
  for (const registry of registries) {
    for (const metric of await registry.getMetricsAsJSON()) {
      const type = String(metric.type);
      if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
      else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(metric.name + suffix);
      else names.add(metric.name);
    }
  }
  return names;
}
