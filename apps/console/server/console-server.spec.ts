import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConsoleConfig } from './config';
import { createConsoleApp, type DevSignInUser, serveConsole } from './console-server';

const secretary: DevSignInUser = {
  subject: 'demo:community-secretary',
  name: '沈秀英',
  role: 'COMMUNITY_SECRETARY',
  unit: '淞源社区党委',
};

describe('the console’s server', () => {
  let gateway: http.Server;
  let gatewayUrl: string;
  const seen: { method?: string; url?: string; authorization?: string; forwardedFor?: string; body: string }[] = [];
  const assetsDir = mkdtempSync(path.join(tmpdir(), 'console-assets-'));

  beforeAll(async () => {
    mkdirSync(path.join(assetsDir, 'assets'));
    writeFileSync(path.join(assetsDir, 'index.html'), '<!doctype html><title>共治</title>');
    writeFileSync(path.join(assetsDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    // A stand-in for the gateway that records what reaches it.
    gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          forwardedFor: req.headers['x-forwarded-for'] as string | undefined,
          body,
        });
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
        res.end(JSON.stringify({ data: { communities: { totalCount: 3 } } }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

  const app = (devSignIn = true) =>
    createConsoleApp({
      assetsDir,
      gatewayUrl,
      ...(devSignIn && { devSignIn: { users: [secretary], sign: async (user) => `token-of-${user.subject}` } }),
    });

  it('forwards /graphql to the gateway as it came, the person’s token included, and the answer back', async () => {
    const res = await request(app())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', 'Bearer tok')
      .send({ query: '{ communities { totalCount } }' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { communities: { totalCount: 3 } } });
    expect(res.headers['x-request-id']).toBe('r-1');
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/graphql',
      authorization: 'Bearer tok',
      // The address the console saw its caller at (here: this test, on loopback), for the gateway's request log.
      forwardedFor: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/),
      body: JSON.stringify({ query: '{ communities { totalCount } }' }),
    });
  });

  it('appends the address it saw to X-Forwarded-For: one the browser sent itself never comes last', async () => {
    const res = await request(app())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', '203.0.113.7')
      .send({ query: '{ communities { totalCount } }' });
    expect(res.status).toBe(200);
    const hops = seen
      .at(-1)!
      .forwardedFor!.split(',')
      .map((hop) => hop.trim());
    expect(hops).toEqual(['203.0.113.7', expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/)]);
  });

  it('answers 502 with a code when the gateway is not there', async () => {
    const res = await request(createConsoleApp({ assetsDir, gatewayUrl: 'http://127.0.0.1:1' }))
      .post('/graphql')
      .send({ query: '{ __typename }' });
    expect(res.status).toBe(502);
    expect(res.body.errors[0].extensions.code).toBe('GATEWAY_UNAVAILABLE');
  });

  it('serves the app under a CSP that allows only this origin and no framing', async () => {
    const res = await request(app()).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>共治</title>');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const asset = await request(app()).get('/assets/index-abc123.js');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await request(app()).get('/assets/missing.js')).status).toBe(404);
  });

  it('answers the probes: live always, ready while it has the built app, and its process metrics', async () => {
    expect((await request(app()).get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await request(app()).get('/health/ready')).status).toBe(200);
    const empty = mkdtempSync(path.join(tmpdir(), 'console-unbuilt-'));
    const unbuilt = await request(createConsoleApp({ assetsDir: empty, gatewayUrl })).get('/health/ready');
    expect(unbuilt.status).toBe(503);
    expect(unbuilt.body).toEqual({ status: 'unavailable', reason: 'no built app' });
    // Readiness does not follow the gateway: the app is served, and says per section that the gateway is away.
    expect(
      (await request(createConsoleApp({ assetsDir, gatewayUrl: 'http://127.0.0.1:1' })).get('/health/ready')).status,
    ).toBe(200);
    const metrics = await request(app()).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^process_resident_memory_bytes \d+/m);
    const before = seen.length;
    await request(app()).get('/health/ready');
    expect(seen).toHaveLength(before);
  });

  it('serves /metrics only on METRICS_PORT when it is set, never where the app and /graphql are', async () => {
    const running = await serveConsole({ assetsDir, gatewayUrl, port: 0, metricsPort: 0 });
    try {
      const metrics = await fetch(`http://127.0.0.1:${running.metricsPort}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^process_resident_memory_bytes \d+/m);
      // Only metrics there: not the app, not the forward to the gateway.
      expect((await fetch(`http://127.0.0.1:${running.metricsPort}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${running.metricsPort}/graphql`, { method: 'POST' })).status).toBe(404);
      // The app's port (where the Ingress routes people) has the app, and no metrics.
      expect((await fetch(`http://127.0.0.1:${running.port}/`)).status).toBe(200);
      const offTheApp = await fetch(`http://127.0.0.1:${running.port}/metrics`);
      expect(offTheApp.status).toBe(404);
      expect(await offTheApp.text()).not.toContain('process_resident_memory_bytes');
    } finally {
      await running.close();
    }
    // Without METRICS_PORT (npm start), /metrics stays on the app's port.
    const together = await serveConsole({ assetsDir, gatewayUrl, port: 0 });
    try {
      expect(together.metricsPort).toBeUndefined();
      expect((await fetch(`http://127.0.0.1:${together.port}/metrics`)).status).toBe(200);
    } finally {
      await together.close();
    }
  });

  it('signs a demo user in during development, and no one else', async () => {
    expect((await request(app()).get('/auth/config')).body).toEqual({ signIn: 'development', users: [secretary] });
    const signedIn = await request(app()).post('/auth/dev/token').send({ subject: 'demo:community-secretary' });
    expect(signedIn.body).toEqual({ token: 'token-of-demo:community-secretary', user: secretary });
    const stranger = await request(app()).post('/auth/dev/token').send({ subject: 'oidc|someone' });
    expect(stranger.status).toBe(400);
    expect(stranger.body.code).toBe('SIGN_IN.UNKNOWN_USER');
  });

  it('offers the OpenID Connect issuer’s sign-in, allows requests to that origin only, and serves the callback', async () => {
    const oidc = {
      issuer: 'https://auth.gongzhi.example/realms/suzhou',
      clientId: 'gongzhi-console',
      scopes: 'openid profile',
      resource: 'https://gongzhi.example/graphql',
    };
    const withOidc = createConsoleApp({ assetsDir, gatewayUrl, oidc });
    const config = await request(withOidc).get('/auth/config');
    expect(config.headers['cache-control']).toBe('no-store');
    expect(config.body).toEqual({ signIn: 'oidc', ...oidc });
    const csp = (await request(withOidc).get('/')).headers['content-security-policy'];
    expect(csp).toContain("connect-src 'self' https://auth.gongzhi.example;");
    expect(csp).toContain("form-action 'self';");
    expect(csp).toContain("default-src 'self';");
    const callback = await request(withOidc).get('/auth/callback?code=c&state=s');
    expect(callback.status).toBe(200);
    expect(callback.text).toContain('<title>共治</title>');
    expect(callback.headers['cache-control']).toBe('no-store');
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
    // Without OpenID Connect there is no callback, and requests go to this origin alone.
    expect((await request(app()).get('/auth/callback')).status).toBe(404);
    expect((await request(app()).get('/')).headers['content-security-policy']).toContain("connect-src 'self';");
    // In development both: the issuer's sign-in and the demo users.
    const both = createConsoleApp({
      assetsDir,
      gatewayUrl,
      oidc,
      devSignIn: { users: [secretary], sign: async () => 'tok' },
    });
    expect((await request(both).get('/auth/config')).body).toEqual({ signIn: 'oidc', ...oidc, users: [secretary] });
  });

  it('offers no sign-in of its own without the development issuer', async () => {
    expect((await request(app(false)).get('/auth/config')).body).toEqual({ signIn: 'none' });
    expect((await request(app(false)).post('/auth/dev/token').send({ subject: secretary.subject })).status).toBe(404);
  });
});

describe('loadConsoleConfig', () => {
  it('defaults to port 4010 and the gateway on 4000, and names a bad variable', () => {
    expect(loadConsoleConfig({}, '/srv/console/dist-server')).toEqual({
      port: 4010,
      gatewayUrl: 'http://127.0.0.1:4000',
      assetsDir: '/srv/console/dist-web',
    });
    expect(() => loadConsoleConfig({ GATEWAY_URL: 'ftp://x' }, '/x')).toThrow('console configuration: GATEWAY_URL');
    expect(() => loadConsoleConfig({ PORT: 'eighty' }, '/x')).toThrow('console configuration: PORT');
    expect(loadConsoleConfig({ METRICS_PORT: '9464' }, '/x').metricsPort).toBe(9464);
    expect(() => loadConsoleConfig({ METRICS_PORT: '70000' }, '/x')).toThrow('console configuration: METRICS_PORT');
  });

  it('reads the OpenID Connect client, refusing half of it, http in production, and scopes without openid', () => {
    const oidc = { CONSOLE_OIDC_ISSUER: 'https://auth.gongzhi.example/', CONSOLE_OIDC_CLIENT_ID: 'gongzhi-console' };
    expect(loadConsoleConfig({ ...oidc, NODE_ENV: 'production' }, '/x').oidc).toEqual({
      issuer: 'https://auth.gongzhi.example/',
      clientId: 'gongzhi-console',
      scopes: 'openid profile',
    });
    expect(
      loadConsoleConfig(
        { ...oidc, CONSOLE_OIDC_SCOPES: 'openid profile offline_access', CONSOLE_OIDC_RESOURCE: 'urn:gongzhi:api' },
        '/x',
      ).oidc,
    ).toEqual(expect.objectContaining({ scopes: 'openid profile offline_access', resource: 'urn:gongzhi:api' }));
    expect(() => loadConsoleConfig({ CONSOLE_OIDC_ISSUER: oidc.CONSOLE_OIDC_ISSUER }, '/x')).toThrow(
      'console configuration: CONSOLE_OIDC_CLIENT_ID: CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID go together',
    );
    expect(() =>
      loadConsoleConfig({ ...oidc, CONSOLE_OIDC_ISSUER: 'http://auth.gongzhi.example/', NODE_ENV: 'production' }, '/x'),
    ).toThrow('console configuration: CONSOLE_OIDC_ISSUER: must be https in production');
    expect(() => loadConsoleConfig({ ...oidc, CONSOLE_OIDC_SCOPES: 'profile' }, '/x')).toThrow(
      'console configuration: CONSOLE_OIDC_SCOPES: must include openid',
    );
    expect(() => loadConsoleConfig({ ...oidc, CONSOLE_OIDC_SCOPES: 'openid  profile' }, '/x')).toThrow(
      'console configuration: CONSOLE_OIDC_SCOPES',
    );
  });

  it('refuses the development sign-in in production', () => {
    expect(() => loadConsoleConfig({ NODE_ENV: 'production', CONSOLE_DEV_SIGN_IN_KEYS_DIR: '/keys' }, '/x')).toThrow(
      'the development sign-in is refused in production',
    );
  });
});
