import { exposedMetricNames } from '@gongzhi/metrics';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from '../process/repo-root';
import { clusterScrapeTargets, localScrapeTargets, renderPrometheusConfig } from './prometheus-config';
import { promtool } from './promtool';
import { metricNamesIn } from './promql-names';

const repoRoot = findRepoRoot(__dirname);
const prometheusDir = path.join(repoRoot, 'infra', 'prometheus');
const read = (file: string) => readFileSync(path.join(prometheusDir, file), 'utf8');

interface Rule {
  alert: string;
  expr: string;
}
const rules = (parse(read('alerts.yml')) as { groups: { rules: Rule[] }[] }).groups.flatMap((group) => group.rules);

describe('Prometheus configuration and alert rules (infra/prometheus)', () => {
  it('pass promtool check rules', async () => {
    const verdict = await promtool(['check', 'rules', 'alerts.yml'], undefined, { cwd: prometheusDir });
    expect(verdict.output).toContain('SUCCESS: 10 rules found');
    expect(verdict.ok).toBe(true);
  });

  it('pass their unit tests (promtool test rules)', async () => {
    const verdict = await promtool(['test', 'rules', 'alerts.test.yml'], undefined, { cwd: prometheusDir });
    expect(verdict.output).toContain('SUCCESS');
    expect(verdict.ok).toBe(true);
  });

  it('cover what issue 11 asks for, and failing webhooks, each alert with unit tests of its own and a runbook entry', () => {
    const names = rules.map((rule) => rule.alert);
    expect(names).toEqual(
      expect.arrayContaining([
        'GongzhiSubgraphDown',
        'GongzhiGatewayErrorRateHigh',
        'GongzhiGatewayLatencyHigh',
        'GongzhiOutboxStuck',
        'GongzhiDeadLetters',
        'GongzhiConsumerFallingBehind',
        'GongzhiApiKeyRefusalsSpike',
        'GongzhiWebhookEndpointFailing',
        'GongzhiWebhookSubscriptionDisabled',
      ]),
    );
    const tests = parse(read('alerts.test.yml')) as {
      tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
    };
    const firing = new Set(
      tests.tests.flatMap((test) =>
        test.alert_rule_test.filter((t) => t.exp_alerts.length > 0).map((t) => t.alertname),
      ),
    );
    const runbook = readFileSync(path.join(repoRoot, 'docs', 'operations.md'), 'utf8');
    for (const name of names) {
      expect({ name, firesInATest: firing.has(name) }).toEqual({ name, firesInATest: true });
      expect({ name, runbook: new RegExp(`^#+ ${name}$`, 'm').test(runbook) }).toEqual({ name, runbook: true });
    }
  });

  it('select only metrics the components expose', async () => {
    const exposed = await exposedMetricNames();
    for (const rule of rules) {
      const used = metricNamesIn(rule.expr);
      expect(used.length).toBeGreaterThan(0);
      expect({ alert: rule.alert, unknown: used.filter((name) => !exposed.has(name)) }).toEqual({
        alert: rule.alert,
        unknown: [],
      });
    }
  });

  it('scrape every component: prometheus.yml is the generated one for the default ports and passes promtool check config', async () => {
    expect(read('prometheus.yml')).toBe(
      renderPrometheusConfig({ targets: localScrapeTargets({}), ruleFiles: ['alerts.yml'] }),
    );
    expect(localScrapeTargets({}).map((target) => target.job)).toEqual([
      'gateway',
      'organization',
      'services',
      'facilities',
      'deliberation',
      'console',
    ]);
    const verdict = await promtool(['check', 'config', 'prometheus.yml'], undefined, { cwd: prometheusDir });
    expect(verdict.output).toContain('is valid prometheus config file syntax');
    expect(verdict.ok).toBe(true);
  });

  it('scrape every replica of a --cluster run, one job per component, and pass promtool check config', async () => {
    const table = [
      { component: 'mongodb-1', listens: 'mongodb://127.0.0.1:27017' },
      { component: 'organization-1', listens: 'http://127.0.0.1:4100/graphql' },
      { component: 'organization-2', listens: 'http://127.0.0.1:4101/graphql' },
      { component: 'services-1', listens: 'http://127.0.0.1:4200/graphql' },
      { component: 'gateway-1', listens: 'http://127.0.0.1:4010/graphql' },
      { component: 'gateway-2', listens: 'http://127.0.0.1:4011/graphql' },
      { component: 'lb gateway', listens: 'http://127.0.0.1:4000/graphql' },
    ];
    const targets = clusterScrapeTargets(table);
    expect(targets).toEqual([
      { job: 'organization', target: '127.0.0.1:4100' },
      { job: 'organization', target: '127.0.0.1:4101' },
      { job: 'services', target: '127.0.0.1:4200' },
      { job: 'gateway', target: '127.0.0.1:4010' },
      { job: 'gateway', target: '127.0.0.1:4011' },
    ]);
    const config = renderPrometheusConfig({ targets, ruleFiles: [path.join(prometheusDir, 'alerts.yml')] });
    expect(config).toContain('targets: ["127.0.0.1:4100", "127.0.0.1:4101"]');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-prometheus-'));
    writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const verdict = await promtool(['check', 'config', 'prometheus.yml'], undefined, { cwd: dir });
    expect(verdict.output).toContain('is valid prometheus config file syntax');
    expect(verdict.ok).toBe(true);
  });
});

describe('metricNamesIn', () => {
  it('finds metric names, not functions, labels, keywords or durations', () => {
    expect(
      metricNamesIn(
        'sum by (job, le) (rate(gongzhi_x_bucket{job=~"a|b", le="+Inf"}[5m])) / on (job) group_left up offset 5m > 0.05 and $var',
      ),
    ).toEqual(['gongzhi_x_bucket', 'up']);
  });
});
