import { BoundedLabel, requestOutcome, SubgraphMetrics, WebhookMetrics } from './index';

describe('BoundedLabel', () => {
  it('keeps the first names it sees and folds the rest into other', () => {
    const label = new BoundedLabel(2);
    expect(label.valueOf('Residents')).toBe('Residents');
    expect(label.valueOf('CastBallot')).toBe('CastBallot');
    expect(label.valueOf('ReportLampFault')).toBe('other');
    expect(label.valueOf('Residents')).toBe('Residents');
    expect(label.valueOf(undefined)).toBe('anonymous');
    expect(label.valueOf('not a graphql name')).toBe('other');
  });
});

describe('requestOutcome', () => {
  it('tells the platform failing from the caller failing', () => {
    expect(requestOutcome(200)).toBe('success');
    expect(requestOutcome(200, ['MOTION.VOTING_CLOSED'])).toBe('client_error');
    expect(requestOutcome(401)).toBe('client_error');
    expect(requestOutcome(429)).toBe('client_error');
    expect(requestOutcome(200, ['FORBIDDEN', 'SUBGRAPH_UNAVAILABLE'])).toBe('server_error');
    expect(requestOutcome(200, [undefined])).toBe('server_error');
    expect(requestOutcome(503)).toBe('server_error');
  });
});

describe('SubgraphMetrics gauges', () => {
  it('keep their last value when MongoDB or NATS cannot answer during a scrape, without holding it up', async () => {
    const metrics = new SubgraphMetrics();
    let answer: () => Promise<{ pending: number; oldestAgeSeconds: number }> = async () => ({
      pending: 4,
      oldestAgeSeconds: 75,
    });
    metrics.observe({ outbox: () => answer(), consumersPending: () => new Promise(() => undefined) });
    expect(await metrics.registry.metrics()).toMatch(/^gongzhi_outbox_pending 4$/m);

    answer = () => new Promise(() => undefined); // MongoDB gone
    const started = Date.now();
    const text = await metrics.registry.metrics();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(text).toMatch(/^gongzhi_outbox_pending 4$/m);
    expect(text).toMatch(/^gongzhi_outbox_oldest_age_seconds 75$/m);
    expect(text).not.toMatch(/^gongzhi_event_consumer_pending\{/m);
  });
});

describe('WebhookMetrics', () => {
  it('reads the backlog once per scrape for its three gauges, into the registry it is given', async () => {
    const subgraph = new SubgraphMetrics();
    const webhooks = new WebhookMetrics(subgraph.registry);
    let reads = 0;
    webhooks.observe({
      backlog: async () => {
        reads += 1;
        return { pending: 3, held: 2, failingSubscriptions: 1, longestFailingSeconds: 5400 };
      },
    });
    webhooks.attempted('http_error', false, 0.2);
    webhooks.attempted('succeeded', true, 0.05);
    webhooks.delivered('LAMP_WORK_ORDER_REASSIGNED', 42);
    webhooks.givenUp('CARE_ORDER_PLACED');
    webhooks.subscriptionsDisabled.inc();
    const text = await subgraph.registry.metrics();
    expect(reads).toBe(1);
    expect(text).toMatch(/^gongzhi_webhook_deliveries_waiting\{status="pending"\} 3$/m);
    expect(text).toMatch(/^gongzhi_webhook_deliveries_waiting\{status="held"\} 2$/m);
    expect(text).toMatch(/^gongzhi_webhook_subscriptions_failing 1$/m);
    expect(text).toMatch(/^gongzhi_webhook_longest_failing_seconds 5400$/m);
    expect(text).toMatch(/^gongzhi_webhook_delivery_attempts_total\{attempt="first",outcome="http_error"\} 1$/m);
    expect(text).toMatch(/^gongzhi_webhook_delivery_attempts_total\{attempt="retry",outcome="succeeded"\} 1$/m);
    expect(text).toMatch(
      /^gongzhi_webhook_deliveries_total\{event_type="LAMP_WORK_ORDER_REASSIGNED",outcome="succeeded"\} 1$/m,
    );
    expect(text).toMatch(/^gongzhi_webhook_deliveries_total\{event_type="CARE_ORDER_PLACED",outcome="failed"\} 1$/m);
    expect(text).toMatch(
      /^gongzhi_webhook_delivery_latency_seconds_bucket\{le="60",event_type="LAMP_WORK_ORDER_REASSIGNED"\} 1$/m,
    );
    expect(text).toMatch(/^gongzhi_webhook_subscriptions_disabled_total 1$/m);
  });
});
