import { type Actor, ANONYMOUS, type ApiKeyGrant } from '@gongzhi/contracts';
import express, { type Response } from 'express';
import request from 'supertest';
import { useRequestId } from '../plugins/request-id';
import { memoryLogger } from '../testing/auth.fixture';
import { AuthenticationError, AuthenticationUnavailableError } from './auth-errors';
import { actorOf, type AuthenticationOptions, partnerMeterOf, useAuthentication } from './authenticate';
import type { PointsDecision } from './cost-limiter';

const SONGYUAN = { communityIds: ['c-淞源社区'], compoundIds: [], buildingIds: [] };
const LI_NA: Actor = {
  kind: 'person',
  id: 'idp|li-na',
  name: '李娜',
  roles: [{ role: 'COMMUNITY_SECRETARY', orgUnitId: 'u-淞源社区党委', jurisdiction: SONGYUAN }],
  scopes: [],
};
const PROPERTY_KEY = `gz_live_${'P'.repeat(43)}`;
const PROPERTY_GRANT: ApiKeyGrant = {
  keyId: 'k-property-2025',
  partnerUnitId: 'pu-苏州园区物业',
  partnerName: '苏州园区物业服务有限公司',
  scopes: ['facilities:lamps:read', 'facilities:lamps:write'],
  communityIds: ['c-淞源社区', 'c-梅淞社区'],
  expiresAt: null,
  rateLimitPerMinute: null,
};
const ELDER_CARE_KEY = `gz_live_${'E'.repeat(43)}`;
const ELDER_CARE_GRANT: ApiKeyGrant = {
  ...PROPERTY_GRANT,
  keyId: 'k-elder-care',
  partnerUnitId: 'pu-淞源养老驿站',
  partnerName: '淞源社区养老驿站',
  rateLimitPerMinute: 30,
};

/** The collaborators, faked: this is routing logic; each real one has its own tests. */
function collaborators() {
  const { logger, logs } = memoryLogger();
  let decision: PointsDecision = {
    allowed: true,
    maximum: 600,
    remaining: 590,
    resetAt: new Date(),
    retryAfterSeconds: 60,
  };
  let trusted = true;
  const options = {
    personTokens: jest.fn(async (token: string) => {
      if (token === 'token-li-na') return { subject: 'idp|li-na', name: '李娜' };
      if (token === 'token-new-resident') return { subject: 'idp|zhao-lei', name: '赵磊' };
      if (token === 'token-organization-down') return { subject: 'idp|during-outage' };
      if (token === 'token-idp-down')
        throw new AuthenticationUnavailableError('The identity provider keys could not be loaded');
      throw new AuthenticationError('The token has expired');
    }),
    personDirectory: {
      resolve: jest.fn(async (subject: string): Promise<Actor> => {
        if (subject === 'idp|li-na') return LI_NA;
        if (subject === 'idp|during-outage')
          throw new AuthenticationUnavailableError('The person directory answered 500');
        return { kind: 'person', id: subject, roles: [], scopes: [] };
      }),
    },
    apiKeys: {
      lookup: (secret: string) => ({ [PROPERTY_KEY]: PROPERTY_GRANT, [ELDER_CARE_KEY]: ELDER_CARE_GRANT })[secret],
      isTrusted: () => trusted,
    },
    costLimiter: { spend: jest.fn(async () => decision) },
    pointsPerMinute: 600,
    usage: { count: jest.fn() },
    logger,
  } satisfies AuthenticationOptions;
  const app = express();
  // Stands in for useCostLimit: spends the points a request's `x-test-cost` header names, as a query of that cost would.
  app.post('/graphql', useRequestId(), useAuthentication(options), async (req, res) => {
    const meter = partnerMeterOf(res);
    const spent =
      meter && req.headers['x-test-cost'] ? await meter.spend(Number(req.headers['x-test-cost'])) : undefined;
    res.json({ actor: actorOf(res), ...(spent && { spent }) });
  });
  return {
    app,
    options,
    logs,
    limitTo: (next: PointsDecision) => (decision = next),
    distrustRegistry: () => (trusted = false),
  };
}

const graphqlError = (code: string, message: string | RegExp = /./) => ({
  errors: [{ message: typeof message === 'string' ? message : expect.stringMatching(message), extensions: { code } }],
});

describe('useAuthentication', () => {
  it('lets a caller without credentials in as anonymous', async () => {
    const res = await request(collaborators().app).post('/graphql');
    expect(res.status).toBe(200);
    expect(res.body.actor).toEqual(ANONYMOUS);
  });

  describe('people (Authorization: Bearer)', () => {
    it('resolves a valid token to the person organization knows, with the request id', async () => {
      const { app, options } = collaborators();
      const res = await request(app)
        .post('/graphql')
        .set('Authorization', 'Bearer token-li-na')
        .set('x-request-id', 'req-songyuan-1');
      expect(res.status).toBe(200);
      expect(res.body.actor).toEqual(LI_NA);
      expect(options.personTokens).toHaveBeenCalledWith('token-li-na');
      expect(options.personDirectory.resolve).toHaveBeenCalledWith('idp|li-na', 'req-songyuan-1');
    });

    it("names someone organization grants nothing by their identity provider's name", async () => {
      const res = await request(collaborators().app).post('/graphql').set('Authorization', 'bearer token-new-resident');
      expect(res.body.actor).toEqual({ kind: 'person', id: 'idp|zhao-lei', name: '赵磊', roles: [], scopes: [] });
    });

    it.each(['Basic bGluYTpzZWNyZXQ=', 'Bearer', 'Bearer two tokens', 'token-li-na', ''])(
      'refuses the header %j with 401',
      async (header) => {
        const { app, options } = collaborators();
        const res = await request(app).post('/graphql').set('Authorization', header);
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
        expect(res.body).toEqual(graphqlError('UNAUTHENTICATED', 'Send the token as Authorization: Bearer <token>'));
        expect(options.personTokens).not.toHaveBeenCalled();
      },
    );

    it("refuses an invalid token with the verifier's reason", async () => {
      const { app, options } = collaborators();
      const res = await request(app).post('/graphql').set('Authorization', 'Bearer token-expired');
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(res.body).toEqual(graphqlError('UNAUTHENTICATED', 'The token has expired'));
      expect(options.personDirectory.resolve).not.toHaveBeenCalled();
    });

    it('refuses every person token when no identity provider is configured', async () => {
      const { options } = collaborators();
      const app = express().post(
        '/graphql',
        useRequestId(),
        useAuthentication({ ...options, personTokens: undefined }),
        (_req, res) => void res.json({}),
      );
      const res = await request(app).post('/graphql').set('Authorization', 'Bearer token-li-na');
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(res.body).toEqual(graphqlError('UNAUTHENTICATED', /not configured/));
    });

    it.each(['token-organization-down', 'token-idp-down'])(
      'answers 503 when it cannot tell who it is (%s)',
      async (token) => {
        const res = await request(collaborators().app).post('/graphql').set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(503);
        expect(res.body).toEqual(graphqlError('UNAVAILABLE'));
      },
    );
  });

  describe('partners (X-Api-Key)', () => {
    it("makes a usable key its partner's actor whose request spends from the default points, and counts it", async () => {
      const { app, options } = collaborators();
      const res = await request(app).post('/graphql').set('X-Api-Key', PROPERTY_KEY).set('x-test-cost', '42');
      expect(res.status).toBe(200);
      expect(res.body.actor).toEqual({
        kind: 'partner',
        id: 'pu-苏州园区物业',
        name: '苏州园区物业服务有限公司',
        roles: [
          {
            role: 'PARTNER',
            jurisdiction: { communityIds: ['c-淞源社区', 'c-梅淞社区'], compoundIds: [], buildingIds: [] },
          },
        ],
        scopes: ['facilities:lamps:read', 'facilities:lamps:write'],
        partnerUnitId: 'pu-苏州园区物业',
        apiKeyId: 'k-property-2025',
      });
      expect(options.costLimiter.spend).toHaveBeenCalledWith('k-property-2025', 42, 600);
      expect(options.usage.count).toHaveBeenCalledWith(PROPERTY_GRANT, 'allowed');
    });

    it("applies the key's own points a minute", async () => {
      const { app, options } = collaborators();
      await request(app).post('/graphql').set('X-Api-Key', ELDER_CARE_KEY).set('x-test-cost', '3').expect(200);
      expect(options.costLimiter.spend).toHaveBeenCalledWith('k-elder-care', 3, 30);
    });

    it('gives no meter to people or anonymous callers: only partner keys spend points', async () => {
      const { app, options } = collaborators();
      expect((await request(app).post('/graphql').set('x-test-cost', '3')).body.spent).toBeUndefined();
      expect(
        (await request(app).post('/graphql').set('Authorization', 'Bearer token-li-na').set('x-test-cost', '3')).body
          .spent,
      ).toBeUndefined();
      expect(options.costLimiter.spend).not.toHaveBeenCalled();
    });

    it('refuses every well-formed key with 503 and Retry-After while the registry cannot be vouched for, and a malformed one with 401', async () => {
      const { app, options, distrustRegistry } = collaborators();
      distrustRegistry();
      for (const key of [PROPERTY_KEY, `gz_live_${'U'.repeat(43)}`]) {
        const res = await request(app).post('/graphql').set('X-Api-Key', key);
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toEqual(graphqlError('API_KEYS_UNAVAILABLE', /cannot be checked/));
      }
      expect((await request(app).post('/graphql').set('X-Api-Key', 'gz_live_short')).status).toBe(401);
      expect((await request(app).post('/graphql').set('Authorization', 'Bearer token-li-na')).status).toBe(200);
      expect(options.usage.count).not.toHaveBeenCalled();
    });

    it.each([
      ['a malformed', 'gz_live_short'],
      ['an unknown, revoked or expired', `gz_live_${'U'.repeat(43)}`],
    ])('refuses %s key with the same 401', async (_, key) => {
      const { app, options } = collaborators();
      const res = await request(app).post('/graphql').set('X-Api-Key', key);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(graphqlError('UNAUTHENTICATED', 'The API key is not valid'));
      expect(options.usage.count).not.toHaveBeenCalled();
    });

    it('counts a refused spend as rate-limited (useCostLimit answers it with 429)', async () => {
      const { app, options, limitTo } = collaborators();
      limitTo({ allowed: false, maximum: 600, remaining: 5, resetAt: new Date(), retryAfterSeconds: 7 });
      const res = await request(app).post('/graphql').set('X-Api-Key', PROPERTY_KEY).set('x-test-cost', '50');
      expect(res.body.spent).toMatchObject({ allowed: false, retryAfterSeconds: 7 });
      expect(options.usage.count).toHaveBeenCalledWith(PROPERTY_GRANT, 'rate-limited');
    });
  });

  it('refuses a request carrying both credentials', async () => {
    const { app, options } = collaborators();
    const res = await request(app)
      .post('/graphql')
      .set('Authorization', 'Bearer token-li-na')
      .set('X-Api-Key', PROPERTY_KEY);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(graphqlError('BAD_REQUEST', /one credential/));
    expect(options.personTokens).not.toHaveBeenCalled();
    expect(options.usage.count).not.toHaveBeenCalled();
  });

  it('never logs a token or a key', async () => {
    const { app, logs } = collaborators();
    await request(app).post('/graphql').set('Authorization', 'Bearer token-expired');
    await request(app).post('/graphql').set('Authorization', 'Bearer token-organization-down');
    await request(app)
      .post('/graphql')
      .set('X-Api-Key', `gz_live_${'U'.repeat(43)}`);
    expect(logs.length).toBeGreaterThanOrEqual(2);
    const logged = JSON.stringify(logs);
    for (const secret of ['token-expired', 'token-organization-down', 'U'.repeat(43)])
      expect(logged).not.toContain(secret);
  });

  it('makes actorOf fail closed where useAuthentication did not run', () => {
    expect(() => actorOf({ locals: {} } as Response)).toThrow(/useAuthentication/);
  });
});
