import { checkMetrics } from '@gongzhi/infra';
import { sampleValue } from '@gongzhi/testing';
import request from 'supertest';
import { type TestGateway, startTestGateway } from './testing/gateway.fixture';
import { type RunningSubgraph, deadSubgraphUrl, startOrganizationSubgraph } from './testing/subgraphs.fixture';

const post = (test: TestGateway, body: object) => request(test.gateway.app).post('/graphql').send(body);
const scrape = async (test: TestGateway) => (await request(test.gateway.app).get('/metrics').expect(200)).text;

describe('gateway metrics', () => {
  let organization: RunningSubgraph;
  let test: TestGateway;

  beforeAll(async () => {
    organization = await startOrganizationSubgraph();
    test = await startTestGateway(
      { organization: organization.url, facilities: await deadSubgraphUrl() },
      {},
      { METRICS_MAX_OPERATIONS: '2' },
    );
  });
  afterAll(async () => {
    await test.gateway.stop();
    await organization.close();
  });

  it('counts a dead subgraph as a fetch error and its request as a server error', async () => {
    const res = await post(test, {
      query: 'query UnitsAndLamps { orgUnits { name } lamps { code } }',
      operationName: 'UnitsAndLamps',
    });
    expect(res.body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    const text = await scrape(test);
    expect(
      sampleValue(text, 'gongzhi_graphql_requests_total', { operation: 'UnitsAndLamps', outcome: 'server_error' }),
    ).toBe(1);
    expect(sampleValue(text, 'gongzhi_subgraph_fetch_errors_total', { subgraph: 'facilities' })).toBe(1);
    expect(sampleValue(text, 'gongzhi_subgraph_fetch_errors_total', { subgraph: 'organization' })).toBe(0);
    expect(sampleValue(text, 'gongzhi_subgraph_fetch_duration_seconds_count', { subgraph: 'organization' })).toBe(1);
    expect(await checkMetrics(text)).toEqual({ ok: true, output: '' });
  });

  it('keeps operation names a client invents from growing the label without end (METRICS_MAX_OPERATIONS)', async () => {
    for (const name of ['StreetUnits', 'CommunityUnits', 'ThirdName', 'FourthName']) {
      expect((await post(test, { query: `query ${name} { orgUnits { name } }` })).status).toBe(200);
    }
    await post(test, { query: '{ orgUnits { name } }' });
    await post(test, { query: '{ orgUnits { nosuchfield } }' });
    const text = await scrape(test);
    // UnitsAndLamps (the test above) and StreetUnits took the two places.
    expect(sampleValue(text, 'gongzhi_graphql_requests_total', { operation: 'StreetUnits' })).toBe(1);
    expect(sampleValue(text, 'gongzhi_graphql_requests_total', { operation: 'CommunityUnits' })).toBe(0);
    expect(sampleValue(text, 'gongzhi_graphql_requests_total', { operation: 'other', outcome: 'success' })).toBe(3);
    expect(sampleValue(text, 'gongzhi_graphql_requests_total', { operation: 'anonymous', outcome: 'success' })).toBe(1);
    expect(
      sampleValue(text, 'gongzhi_graphql_requests_total', { operation: 'anonymous', outcome: 'client_error' }),
    ).toBe(1);
  });

  it('counts requests refused before Apollo as client errors, and API-key refusals', async () => {
    const res = await request(test.gateway.app)
      .post('/graphql')
      .set('x-api-key', 'gz_live_not-a-key')
      .send({ query: '{ orgUnits { name } }' });
    expect(res.status).toBe(401);
    const text = await scrape(test);
    expect(sampleValue(text, 'gongzhi_api_key_requests_total', { outcome: 'refused' })).toBe(1);
    expect(sampleValue(text, 'gongzhi_api_key_requests_total', { outcome: 'allowed' })).toBe(0);
    expect(
      sampleValue(text, 'gongzhi_graphql_requests_total', { operation: 'anonymous', outcome: 'client_error' }),
    ).toBe(2);
  });
});

describe('gateway metrics on METRICS_PORT', () => {
  let test: TestGateway;
  beforeAll(async () => {
    test = await startTestGateway(
      { organization: await deadSubgraphUrl(), facilities: await deadSubgraphUrl() },
      {},
      { METRICS_PORT: '0' },
    );
  });
  afterAll(() => test.gateway.stop());

  it('serves /metrics only on the separate port', async () => {
    await request(test.gateway.app).get('/metrics').expect(404);
    const port = test.gateway.metricsPort;
    expect(port).toEqual(expect.any(Number));
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^gongzhi_api_key_requests_total\{outcome="refused"\} 0$/m);
  });
});
