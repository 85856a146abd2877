import { ANONYMOUS, createInternalTokenVerifier, InternalTokenError } from '@gongzhi/contracts';
import { testInternalKeyPair } from '@gongzhi/testing';
import request from 'supertest';
import { type TestGateway, startTestGateway } from './testing/gateway.fixture';
import {
  type RunningSubgraph,
  deadSubgraphUrl,
  startFacilitiesSubgraph,
  startHangingSubgraph,
  startOrganizationSubgraph,
} from './testing/subgraphs.fixture';

/** POSTs an operation as a frontend does (JSON body, so no CSRF preflight header is needed). */
const post = (test: TestGateway, body: object, headers: Record<string, string> = {}) =>
  request(test.gateway.app).post('/graphql').set(headers).send(body);

/** A successful answer: the data, and its cost in extensions (the figures are the cost model's own tests' business). */
const answered = (data: unknown) => ({
  data,
  extensions: { cost: expect.objectContaining({ requestedQueryCost: expect.any(Number), maximumQueryCost: 10_000 }) },
});

describe('gateway over two healthy subgraphs', () => {
  let organization: RunningSubgraph;
  let facilities: RunningSubgraph;
  let test: TestGateway;

  beforeAll(async () => {
    [organization, facilities] = await Promise.all([startOrganizationSubgraph(), startFacilitiesSubgraph()]);
    test = await startTestGateway({ organization: organization.url, facilities: facilities.url });
  });
  afterAll(async () => {
    await test.gateway.stop();
    await Promise.all([organization.close(), facilities.close()]);
  });

  it('joins data across subgraphs', async () => {
    const res = await post(test, { query: '{ lamps { code status orgUnit { name tier parent { name } } } }' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        lamps: [
          {
            code: 'XT-0001',
            status: 'ON',
            orgUnit: { name: '星华社区', tier: 'COMMUNITY', parent: { name: '斜塘街道大工委' } },
          },
          {
            code: 'XT-0002',
            status: 'FAULTY',
            orgUnit: { name: '星华社区', tier: 'COMMUNITY', parent: { name: '斜塘街道大工委' } },
          },
        ],
      },
      // An unpaged list counts as a page of 20 lamps, each with its unit and the unit's parent; 6 came back.
      extensions: { cost: { requestedQueryCost: 60, actualQueryCost: 6, maximumQueryCost: 10_000 } },
    });
  });

  describe('limits', () => {
    it('refuses a 20-deep query with a clear error', async () => {
      const query = `{ orgUnit(id: "ou-3") { ${'parent { '.repeat(19)}id${' }'.repeat(19)} } }`;
      const res = await post(test, { query });
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      // So deep a query is also too costly; each limit reports itself.
      expect(res.body.errors).toContainEqual({
        message: 'Query depth limit of 10 exceeded, found 21.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth', max: 10 },
      });
    });

    it('accepts a query within the depth limit', async () => {
      const res = await post(test, { query: '{ orgUnit(id: "ou-3") { parent { parent { name } } } }' });
      expect(res.body).toEqual(answered({ orgUnit: { parent: { parent: { name: '苏州工业园区' } } } }));
    });

    it('refuses a 100-alias query', async () => {
      const query = `{ ${Array.from({ length: 100 }, (_, i) => `u${i}: orgUnits { id }`).join(' ')} }`;
      const res = await post(test, { query });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: 'Aliases limit of 15 exceeded, found 100.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxAliases', max: 15 },
        }),
      ]);
    });

    it('refuses a document of more than 1000 tokens', async () => {
      const query = `{ ${'orgUnits { id } '.repeat(300)}}`;
      const res = await post(test, { query });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          message: 'Token limit of 1000 exceeded.',
          locations: [expect.any(Object)],
          extensions: { code: 'GRAPHQL_PARSE_FAILED', limit: 'maxTokens', max: 1000 },
        },
      ]);
    });

    it('hides field suggestions', async () => {
      const res = await post(test, { query: '{ orgUnits { nam } }' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/^Cannot query field "nam" on type "OrgUnit"\./);
      expect(res.body.errors[0].message).not.toMatch(/Did you mean|"name"/);
    });
  });

  describe('errors', () => {
    it('passes a domain error code through', async () => {
      const res = await post(test, { query: 'mutation { moveOrgUnit(id: "ou-1", parentId: "ou-3") { id } }' });
      expect(res.body.data).toEqual({ moveOrgUnit: null });
      expect(res.body.errors).toEqual([
        {
          message: 'A DISTRICT unit cannot sit under a COMMUNITY unit',
          path: ['moveOrgUnit'],
          extensions: { code: 'ORG_UNIT.TIER_MISMATCH', serviceName: 'organization' },
        },
      ]);
    });

    it('masks an unexpected error, without a stack trace, and logs it with the request id', async () => {
      const res = await post(
        test,
        { query: '{ brokenOrgUnit { id } orgUnits { name } }' },
        { 'x-request-id': 'web-broken-1' },
      );
      expect(res.status).toBe(200);
      expect(res.body.data.orgUnits).toHaveLength(3);
      expect(res.body.errors).toEqual([
        { message: 'Internal server error', path: ['brokenOrgUnit'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(res.text).not.toMatch(/ECONNREFUSED|s3cret|stacktrace|at .*\.ts/);
      expect(test.logs).toContainEqual(
        expect.objectContaining({
          msg: 'masked an unexpected error',
          requestId: 'web-broken-1',
          err: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }),
        }),
      );
    });
  });

  describe('HTTP protections', () => {
    it('refuses a GET without the CSRF preflight header', async () => {
      const res = await request(test.gateway.app).get('/graphql').query({ query: '{ orgUnits { name } }' });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/Cross-Site Request Forgery/);
    });

    it('refuses a simple (text/plain) POST', async () => {
      const res = await request(test.gateway.app)
        .post('/graphql')
        .set('content-type', 'text/plain')
        .send(JSON.stringify({ query: '{ orgUnits { name } }' }));
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/Cross-Site Request Forgery/);
    });

    it('accepts a GET with the preflight header', async () => {
      const res = await request(test.gateway.app)
        .get('/graphql')
        .set('apollo-require-preflight', 'true')
        .query({ query: '{ orgUnit(id: "ou-2") { name } }' });
      expect(res.body).toEqual(answered({ orgUnit: { name: '斜塘街道大工委' } }));
    });

    it('refuses batched requests', async () => {
      const res = await post(test, [{ query: '{ orgUnits { id } }' }, { query: '{ lamps { id } }' }]);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/batching/i);
    });

    it('answers a malformed body with a JSON error, not a stack trace', async () => {
      const res = await request(test.gateway.app)
        .post('/graphql')
        .set('content-type', 'application/json')
        .send('{"query": ');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(res.text).not.toMatch(/at .*\.js/);
    });

    it('allows introspection outside production', async () => {
      const res = await post(test, { query: '{ __schema { queryType { name } } }' });
      expect(res.body).toEqual(answered({ __schema: { queryType: { name: 'Query' } } }));
    });

    it('does not serve an IDE outside development', async () => {
      const res = await request(test.gateway.app).get('/graphql').set('accept', 'text/html');
      expect(res.type).not.toBe('text/html');
    });
  });

  describe('request id', () => {
    it('echoes a sane x-request-id, forwards it to subgraphs and logs one line per request', async () => {
      const res = await post(
        test,
        {
          query: 'query LampsOfUnit($id: ID!) { orgUnit(id: $id) { name } lamps { code } }',
          variables: { id: 'ou-2' },
        },
        { 'x-request-id': 'web-7f3a2c' },
      );
      expect(res.headers['x-request-id']).toBe('web-7f3a2c');
      expect(organization.received.at(-1)?.['x-request-id']).toBe('web-7f3a2c');
      expect(facilities.received.at(-1)?.['x-request-id']).toBe('web-7f3a2c');
      const lines = test.logs.filter((line) => line.requestId === 'web-7f3a2c');
      expect(lines).toEqual([
        expect.objectContaining({
          msg: 'request',
          method: 'POST',
          path: '/graphql',
          status: 200,
          operationName: 'LampsOfUnit',
          operationType: 'query',
          durationMs: expect.any(Number),
        }),
      ]);
      expect(JSON.stringify(lines)).not.toContain('ou-2');
    });

    it('replaces an insane x-request-id with a UUID', async () => {
      const res = await post(test, { query: '{ orgUnits { id } }' }, { 'x-request-id': 'x'.repeat(200) });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(organization.received.at(-1)?.['x-request-id']).toBe(res.headers['x-request-id']);
    });

    it('asks subgraphs for no inline traces', () => {
      expect(
        [...organization.received, ...facilities.received].some((h) => 'apollo-federation-include-trace' in h),
      ).toBe(false);
    });
  });

  describe('internal token', () => {
    const verifiedAs = async (headers: Record<string, unknown> | undefined, audience: string) => {
      const [scheme, token] = String(headers?.authorization).split(' ');
      expect(scheme).toBe('Bearer');
      return createInternalTokenVerifier((await testInternalKeyPair()).jwks, audience)(token);
    };

    it('signs each subgraph request for that subgraph alone, with the caller; the request id travels beside it', async () => {
      await post(
        test,
        { query: '{ lamps { code orgUnit { name } } }' },
        { 'x-request-id': 'web-楼道-1'.replace('楼道', 'ld'), 'x-purpose': encodeURIComponent('路灯巡查') },
      );
      const toOrganization = await verifiedAs(organization.received.at(-1), 'organization');
      // budgetMs: the subgraph's deadline, the 5 s timeout less a fifth for the answer's way back. The token is reused
      // for a few seconds per caller, so its signed id is the token's own and the request's id is x-request-id.
      expect(toOrganization).toEqual({
        actor: ANONYMOUS,
        requestId: expect.stringMatching(/^tok-/),
        purpose: '路灯巡查',
        budgetMs: 4000,
      });
      expect(organization.received.at(-1)?.['x-request-id']).toBe('web-ld-1');
      await verifiedAs(facilities.received.at(-1), 'facilities');
      await expect(verifiedAs(organization.received.at(-1), 'facilities')).rejects.toThrow(InternalTokenError);
    });

    it("reuses a caller's token for the same subgraph and purpose, never across purposes", async () => {
      const lamps = (requestId: string, purpose: string) =>
        post(
          test,
          { query: '{ lamps { code orgUnit { name } } }' },
          { 'x-request-id': requestId, 'x-purpose': encodeURIComponent(purpose) },
        );
      await lamps('web-reuse-1', '路灯巡查');
      const first = organization.received.at(-1);
      await lamps('web-reuse-2', '路灯巡查');
      const second = organization.received.at(-1);
      await lamps('web-reuse-3', '入户走访');
      const third = organization.received.at(-1);
      expect(second?.authorization).toBe(first?.authorization);
      expect(second?.['x-request-id']).toBe('web-reuse-2');
      expect(third?.authorization).not.toBe(first?.authorization);
      expect(await verifiedAs(third, 'organization')).toMatchObject({ purpose: '入户走访' });
    });
  });

  describe('health', () => {
    it('GET /health/live answers while the process is up', async () => {
      const res = await request(test.gateway.app).get('/health/live');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('GET /health/ready names each check', async () => {
      const res = await request(test.gateway.app).get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        checks: { supergraph: { status: 'up' }, signingKey: { status: 'up' } },
        subgraphs: { organization: { status: 'up' }, facilities: { status: 'up' } },
      });
    });
  });
});

describe('gateway with a subgraph down', () => {
  let organization: RunningSubgraph;
  let test: TestGateway;

  beforeAll(async () => {
    organization = await startOrganizationSubgraph();
    test = await startTestGateway({ organization: organization.url, facilities: await deadSubgraphUrl() });
  });
  afterAll(async () => {
    await test.gateway.stop();
    await organization.close();
  });

  it("returns the other subgraph's data plus an error", async () => {
    const res = await post(test, { query: '{ orgUnits { name } lamps { code } }' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      orgUnits: [{ name: '苏州工业园区' }, { name: '斜塘街道大工委' }, { name: '星华社区' }],
      lamps: null,
    });
    expect(res.body.errors).toEqual([
      {
        message: 'The facilities service is unavailable',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'facilities' },
      },
    ]);
    expect(res.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it('stays ready, since it still answers with partial data, and names the subgraph that is down', async () => {
    const res = await request(test.gateway.app).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: { supergraph: { status: 'up' }, signingKey: { status: 'up' } },
      subgraphs: { organization: { status: 'up' }, facilities: { status: 'down', reason: 'unreachable' } },
    });
  });
});

describe('gateway with a subgraph that hangs', () => {
  let organization: RunningSubgraph;
  let facilities: RunningSubgraph;
  let test: TestGateway;

  beforeAll(async () => {
    [organization, facilities] = await Promise.all([startOrganizationSubgraph(), startHangingSubgraph()]);
    test = await startTestGateway(
      { organization: organization.url, facilities: facilities.url },
      { subgraphTimeoutMs: 300, healthTimeoutMs: 200 },
    );
  });
  afterAll(async () => {
    await test.gateway.stop();
    await Promise.all([organization.close(), facilities.close()]);
  });

  it('answers after the timeout with partial data and an error, not a hang', async () => {
    const started = Date.now();
    const res = await post(test, { query: '{ orgUnits { name } lamps { code } }' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
    expect(res.body.data).toEqual({ orgUnits: expect.any(Array), lamps: null });
    expect(res.body.errors).toEqual([
      {
        message: 'The facilities service did not answer within 300 ms',
        extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'facilities' },
      },
    ]);
  });

  it('says OUTCOME_UNKNOWN, not a failure, for a mutation it stopped waiting for: the subgraph may still be committing', async () => {
    const res = await post(test, { query: 'mutation { reportLampFault(lampId: "lamp-2") { status } }' });
    expect(res.body.data).toEqual({ reportLampFault: null });
    expect(res.body.errors).toEqual([
      {
        message:
          'The facilities service did not answer within 300 ms: the change may or may not have been applied. Check before retrying, or retry with the same Idempotency-Key',
        extensions: { code: 'OUTCOME_UNKNOWN', serviceName: 'facilities' },
      },
    ]);
  });

  it('gives the subgraph a signed deadline shorter than its own timeout', async () => {
    await post(test, { query: '{ lamps { code } }' });
    const token = String(facilities.received.at(-1)!.authorization).replace(/^Bearer /, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims.bud).toBe(200);
  });

  it('stays ready, reporting the hanging subgraph within the health timeout', async () => {
    const started = Date.now();
    const res = await request(test.gateway.app).get('/health/ready');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.status).toBe(200);
    expect(res.body.subgraphs.facilities).toEqual({ status: 'down', reason: 'no answer within 200 ms' });
  });
});

describe('gateway in production', () => {
  let organization: RunningSubgraph;
  let facilities: RunningSubgraph;
  let test: TestGateway;

  beforeAll(async () => {
    [organization, facilities] = await Promise.all([startOrganizationSubgraph(), startFacilitiesSubgraph()]);
    test = await startTestGateway(
      { organization: organization.url, facilities: facilities.url },
      { nodeEnv: 'production' },
    );
  });
  afterAll(async () => {
    await test.gateway.stop();
    await Promise.all([organization.close(), facilities.close()]);
  });

  it('refuses introspection', async () => {
    const res = await post(test, { query: '{ __schema { types { name } } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/introspection is not allowed/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('still serves operations', async () => {
    const res = await post(test, { query: '{ orgUnit(id: "ou-2") { name tier } }' });
    expect(res.body).toEqual(answered({ orgUnit: { name: '斜塘街道大工委', tier: 'STREET' } }));
  });
});

describe('gateway in development', () => {
  let test: TestGateway;

  beforeAll(async () => {
    test = await startTestGateway(
      { organization: await deadSubgraphUrl(), facilities: await deadSubgraphUrl() },
      { nodeEnv: 'development' },
    );
  });
  afterAll(() => test.gateway.stop());

  it('serves a self-contained GraphQL IDE to browsers, loading nothing from a CDN', async () => {
    const res = await request(test.gateway.app)
      .get('/graphql')
      .set('accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('renderYogaGraphiQL');
    expect(res.text).not.toMatch(
      /<script[^>]+src=|<link[^>]+href="(?!data:)|unpkg\.com|jsdelivr|esm\.sh|cdnjs|fonts\.googleapis/,
    );
  });

  it('answers a client that accepts anything with JSON, not the IDE', async () => {
    const res = await request(test.gateway.app)
      .get('/graphql')
      .set('accept', '*/*')
      .set('apollo-require-preflight', 'true')
      .query({ query: '{ __typename }' });
    expect(res.body).toEqual(answered({ __typename: 'Query' }));
  });
});

describe('gateway shutting down', () => {
  let organization: RunningSubgraph;
  let facilities: RunningSubgraph;
  let test: TestGateway;

  beforeAll(async () => {
    // Lamps answer 1.5 s late: a request for them is in flight when SIGTERM's shutdown begins.
    [organization, facilities] = await Promise.all([
      startOrganizationSubgraph(),
      startFacilitiesSubgraph({ answerAfterMs: 1_500 }),
    ]);
    test = await startTestGateway(
      { organization: organization.url, facilities: facilities.url },
      { shutdown: { delayMs: 400, timeoutMs: 5_000 } },
    );
  });
  afterAll(async () => {
    await Promise.all([organization.close(), facilities.close()]);
  });

  it('turns unready at once, finishes the request in flight, then refuses connections', async () => {
    const base = new URL(test.url).origin;
    const graphql = (query: string) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    const inFlight = graphql('{ lamps { code orgUnit { name } } }');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the request has reached the gateway
    const stopped = test.gateway.shutdown();

    // During the load balancer's delay the listener still answers, and says it is going away.
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).status).toBe('draining');

    const res = await inFlight;
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      lamps: [
        { code: 'XT-0001', orgUnit: { name: '星华社区' } },
        { code: 'XT-0002', orgUnit: { name: '星华社区' } },
      ],
    });
    expect(await stopped).toBe(true);
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    expect(test.logs.map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        'shutting down: readiness is false; draining requests',
        'stopped apollo',
        'stopped authentication',
      ]),
    );
  });
});
