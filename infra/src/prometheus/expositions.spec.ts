import { exposition, GatewayMetrics, SubgraphMetrics } from '@gongzhi/metrics';
import { checkMetrics } from './promtool';

// The end-to-end proof is services/services/test/metrics.e2e-spec.ts (real servers); this one is quick and complete.
describe('expositions', () => {
  it('pass promtool check metrics, for the gateway and for a subgraph with every family moved', async () => {
    const gateway = new GatewayMetrics();
    gateway.knowSubgraph('organization');
    gateway.recordRequest('Residents', 'success', 0.042);
    gateway.subgraphFetchDuration.observe({ subgraph: 'organization' }, 0.01);
    gateway.apiKeyRequests.inc({ outcome: 'allowed' });

    const subgraph = new SubgraphMetrics();
    subgraph.knowConsumer('facilities-motions');
    subgraph.resolverErrors.inc({ code: 'MOTION.VOTING_CLOSED' });
    subgraph.mongoCommandDuration.observe({ command: 'find', outcome: 'success' }, 0.003);
    subgraph.outboxPublished.inc({ type: 'deliberation.motion.passed' });
    subgraph.observe({
      outbox: async () => ({ pending: 2, oldestAgeSeconds: 12.5 }),
      consumersPending: async () => new Map([['facilities-motions', 3]]),
    });

    for (const registry of [gateway.registry, subgraph.registry]) {
      const { body } = await exposition(registry);
      const verdict = await checkMetrics(body);
      expect(verdict).toEqual({ ok: true, output: '' });
    }
    const { body } = await exposition(subgraph.registry);
    expect(body).toMatch(/^gongzhi_outbox_pending 2$/m);
    expect(body).toMatch(/^gongzhi_outbox_oldest_age_seconds 12.5$/m);
    expect(body).toMatch(/^gongzhi_event_consumer_pending\{consumer="facilities-motions"\} 3$/m);
    expect(body).toMatch(/^process_cpu_seconds_total /m);
  });
});
