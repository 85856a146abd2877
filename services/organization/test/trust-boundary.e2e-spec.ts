import { createInternalTokenSigner, generateSigningKeyPair, importSigningKey } from '@gongzhi/contracts';
import { internalAuthorization } from '@gongzhi/testing';
import request from 'supertest';
import { OrganizationUnderTest, TEST_SERVICE_ACTOR, startOrganizationBehindGateway } from './organization.harness';

/** The subgraph answers only what the gateway signed for it; the gateway signs every request it forwards. */
describe('the gateway → organization trust boundary', () => {
  let org: OrganizationUnderTest;
  const query = { query: '{ orgUnits(first: 1) { totalCount } }' };

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
  });
  afterAll(() => org.stop());

  const direct = () => request(org.app.getHttpServer()).post('/graphql').send(query);

  it('refuses a direct call without the internal token with 401', async () => {
    const res = await direct();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      errors: [
        {
          message: 'This service accepts only requests signed by the gateway',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it('refuses a token signed for another subgraph, by another key, or expired', async () => {
    const forServices = await internalAuthorization(TEST_SERVICE_ACTOR, 'services');
    expect((await direct().set(forServices)).status).toBe(401);

    const stranger = createInternalTokenSigner(
      await importSigningKey((await generateSigningKeyPair('test-gateway')).privateJwk),
    );
    const forged = await stranger.sign({ actor: TEST_SERVICE_ACTOR, audience: 'organization', requestId: 'r' });
    expect((await direct().set('authorization', `Bearer ${forged}`)).status).toBe(401);

    jest.useFakeTimers({
      now: Date.now() - 120_000,
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'],
    });
    const old = await internalAuthorization(TEST_SERVICE_ACTOR, 'organization');
    jest.useRealTimers();
    const expired = await direct().set(old);
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].message).toBe('The internal token has expired');
  });

  it('answers a correctly signed direct call and every call through the gateway', async () => {
    expect((await direct().set(await internalAuthorization(TEST_SERVICE_ACTOR, 'organization'))).body).toEqual({
      data: { orgUnits: { totalCount: 0 } },
    });
    expect(await org.graphql(query.query)).toEqual({
      data: { orgUnits: { totalCount: 0 } },
      extensions: { cost: expect.objectContaining({ requestedQueryCost: 1 }) },
    });
  });

  it('answers a signed request whose request id could not be a header, under an id of its own', async () => {
    const res = await direct().set(await internalAuthorization(TEST_SERVICE_ACTOR, 'organization', '走访\r\n记录'));
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the health checks open for probes', async () => {
    expect((await request(org.app.getHttpServer()).get('/health/live')).status).toBe(200);
  });
});

/** Issue 12, "input and protocol": what every answer of a subgraph carries, whoever asks. */
describe('organization answers in the protocol', () => {
  let org: OrganizationUnderTest;
  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
  });
  afterAll(() => org.stop());

  const answers = async () => [
    await request(org.app.getHttpServer()).post('/graphql').send({ query: '{ orgUnits(first: 1) { totalCount } }' }),
    await request(org.app.getHttpServer())
      .post('/graphql')
      .set(await internalAuthorization(TEST_SERVICE_ACTOR, 'organization'))
      .send({ query: '{ orgUnits(first: 1) { totalCount } }' }),
    await request(org.app.getHttpServer()).get('/health/live'),
    await request(org.app.getHttpServer())
      .get('/no/such/path')
      .set(await internalAuthorization(TEST_SERVICE_ACTOR, 'organization')),
  ];

  it('never says what it runs on, and carries the security headers on every answer', async () => {
    for (const res of await answers()) {
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await request(org.app.getHttpServer())
      .get('/no/such/path')
      .set(await internalAuthorization(TEST_SERVICE_ACTOR, 'organization'));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      errors: [{ message: 'Not found: GET /no/such/path', extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
