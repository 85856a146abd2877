import { createHash } from 'node:crypto';
import request from 'supertest';
import { startTestGateway, type TestGateway } from './testing/gateway.fixture';
import { type RunningSubgraph, startFacilitiesSubgraph, startOrganizationSubgraph } from './testing/subgraphs.fixture';

/**
 * Issue 12, "input and protocol": the headers on every answer, JSON for unknown paths, and the client's protocol
 * mistakes answered with 400 and a code of their own, logged as what they are (a client's mistake, not a fault).
 */
describe('the gateway speaks HTTP carefully', () => {
  let organization: RunningSubgraph;
  let facilities: RunningSubgraph;
  let test: TestGateway;
  let development: TestGateway;
  let behindTls: TestGateway;
  /** Told to trust forwarded headers, but only from hops in a range this test's requests (loopback) do not come from. */
  let behindOtherHops: TestGateway;

  beforeAll(async () => {
    [organization, facilities] = await Promise.all([startOrganizationSubgraph(), startFacilitiesSubgraph()]);
    const urls = { organization: organization.url, facilities: facilities.url };
    test = await startTestGateway(urls);
    development = await startTestGateway(urls, { nodeEnv: 'development' });
    behindTls = await startTestGateway(urls, {}, { TRUST_PROXY: 'true' });
    behindOtherHops = await startTestGateway(urls, {}, { TRUST_PROXY: 'true', TRUSTED_PROXIES: '10.0.0.0/8' });
  });
  afterAll(async () => {
    for (const gateway of [test, development, behindTls, behindOtherHops]) await gateway?.gateway.stop();
    await Promise.all([organization?.close(), facilities?.close()]);
  });

  const post = (gateway: TestGateway, body: object, headers: Record<string, string> = {}) =>
    request(gateway.gateway.app).post('/graphql').set(headers).send(body);

  describe('security headers', () => {
    it('are on every answer: GraphQL, health, an unknown path, a malformed body', async () => {
      const answers = [
        await post(test, { query: '{ orgUnits { name } }' }),
        await request(test.gateway.app).get('/health/live'),
        await request(test.gateway.app).get('/wp-admin'),
        await request(test.gateway.app).post('/graphql').set('content-type', 'application/json').send('{"query": '),
      ];
      for (const res of answers) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(String(res.headers['content-security-policy']).split(/;\s*/)).toEqual([
          "default-src 'none'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "form-action 'none'",
        ]);
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('let the IDE page run (its inline scripts, styles and workers, and calls to /graphql) and nothing from elsewhere', async () => {
      const res = await request(development.gateway.app).get('/graphql').set('accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<script>');
      const csp = Object.fromEntries(
        String(res.headers['content-security-policy'])
          .split(/;\s*/)
          .map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]),
      );
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['worker-src']).toEqual(["'self'", 'blob:', 'data:']);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
    });

    it('add HSTS only behind TLS: a trusted proxy that says the request came over https', async () => {
      expect(
        (await post(test, { query: '{ orgUnits { name } }' }, { 'x-forwarded-proto': 'https' })).headers[
          'strict-transport-security'
        ],
      ).toBeUndefined();
      expect(
        (await post(behindTls, { query: '{ orgUnits { name } }' })).headers['strict-transport-security'],
      ).toBeUndefined();
      const secure = await post(behindTls, { query: '{ orgUnits { name } }' }, { 'x-forwarded-proto': 'https' });
      expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    });
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await request(test.gateway.app).get('/wp-admin/setup.php?x=1');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      errors: [{ message: 'Not found: GET /wp-admin/setup.php', extensions: { code: 'NOT_FOUND' } }],
    });
  });

  it('answers an unknown operationName with 400', async () => {
    const res = await post(test, { query: 'query Units { orgUnits { name } }', operationName: 'Lamps' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { message: 'Unknown operation named "Lamps".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
    ]);
  });

  it('answers a persisted-query hash that does not match its query with a code of its own', async () => {
    const query = '{ orgUnits { name } }';
    const wrong = createHash('sha256').update('{ lamps { code } }').digest('hex');
    const res = await post(test, { query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { message: 'provided sha does not match query', extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } },
    ]);
    const right = createHash('sha256').update(query).digest('hex');
    expect(
      (await post(test, { query, extensions: { persistedQuery: { version: 1, sha256Hash: right } } })).body.data
        .orgUnits,
    ).toHaveLength(3);
  });

  it('counts __typename aliases toward the alias limit', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ');
    const res = await post(test, { query: `{ ${aliases} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ message: 'Aliases limit of 15 exceeded, found 16.' })]);
  });

  it("logs a client's mistakes at info, without a stack trace", async () => {
    const mistakes = [
      await post(test, { query: 'query Units { orgUnits { name } }', operationName: 'Lamps' }),
      await post(test, {
        query: '{ orgUnits { name } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
      }),
      await post(test, { query: '{ orgUnits { nope } }' }),
      await request(test.gateway.app).post('/graphql').set('content-type', 'application/json').send('{"query": '),
    ];
    for (const res of mistakes) {
      const lines = test.logs.filter((line) => line.requestId === res.headers['x-request-id']);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.level).toBeLessThanOrEqual(30);
        expect(JSON.stringify(line)).not.toMatch(/"stack"| {4}at /);
      }
    }
  });

  describe('the caller’s address (X-Forwarded-For)', () => {
    /** The address the request log gives one request (written when the answer closes: waited for). */
    const addressLogged = async (gateway: TestGateway, headers: Record<string, string>) => {
      const requestId = `addr-${Math.random().toString(36).slice(2, 10)}`;
      const res = await post(gateway, { query: '{ orgUnits { name } }' }, { 'x-request-id': requestId, ...headers });
      expect(res.status).toBe(200);
      for (let waited = 0; waited < 5000; waited += 20) {
        const line = gateway.logs.find((candidate) => candidate.requestId === requestId);
        if (line) return { address: line.clientAddress as string, hsts: res.headers['strict-transport-security'] };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no request line for ${requestId}`);
    };
    const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$/;

    it('is the socket’s when no proxy is trusted, whatever the header says', async () => {
      expect((await addressLogged(test, { 'x-forwarded-for': '203.0.113.7' })).address).toMatch(LOOPBACK);
    });

    it('is the nearest address a trusted hop forwarded, never one the browser wrote into the header itself', async () => {
      expect((await addressLogged(behindTls, { 'x-forwarded-for': '198.51.100.23' })).address).toBe('198.51.100.23');
      // A browser sent X-Forwarded-For: 203.0.113.7 itself; the console (xfwd) appended the address it saw.
      expect((await addressLogged(behindTls, { 'x-forwarded-for': '203.0.113.7, 198.51.100.23' })).address).toBe(
        '198.51.100.23',
      );
      // Through two declared hops (the ingress, then the console's server): both are passed over.
      expect(
        (await addressLogged(behindTls, { 'x-forwarded-for': '203.0.113.7, 198.51.100.23, 127.0.0.1' })).address,
      ).toBe('198.51.100.23');
    });

    it('ignores forwarded headers from a hop the configuration does not name', async () => {
      const answer = await addressLogged(behindOtherHops, {
        'x-forwarded-for': '198.51.100.23',
        'x-forwarded-proto': 'https',
      });
      expect(answer.address).toMatch(LOOPBACK);
      expect(answer.hsts).toBeUndefined();
      expect(
        (await addressLogged(behindTls, { 'x-forwarded-for': '198.51.100.23', 'x-forwarded-proto': 'https' })).hsts,
      ).toBeDefined();
    });
  });
});
