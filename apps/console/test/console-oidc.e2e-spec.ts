import { generateKeyPairSync } from 'node:crypto';
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { findRepoRoot, resolveChromium } from '@gongzhi/infra';
import {
  type GatewaysInFront,
  type OrganizationProcess,
  startGatewaysInFront,
  startOrganizationProcess,
} from '@gongzhi/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createConsoleApp } from '../server/console-server';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a native import() kept out of swc's reach (see the file)
const importEsm = require('./import-esm.cjs') as (specifier: string) => Promise<unknown>;

/** As much of oidc-provider (ES modules only, no types of its own) as the spec uses. */
interface OidcProviderModule {
  default: new (issuer: string, configuration: Record<string, unknown>) => { callback(): RequestListener };
}

const repoRoot = findRepoRoot(__dirname);
const CLIENT_ID = 'gongzhi-console';
/** The gateway as a resource server (RFC 8707): tokens for it carry the gateway's AUTH_AUDIENCE. */
const RESOURCE = 'https://gongzhi.test/graphql';
const AUDIENCE = 'gongzhi';
/** The issuer's people: a subject the demo data grants a role to (organization's demo users), with her name. */
const PEOPLE: Record<string, string> = { 'demo:community-secretary': '沈秀英' };

async function listening(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * oidc-provider (panva's certified OpenID Provider) in this process: the console as a public client that must use
 * PKCE, JWT access tokens for the gateway's resource, its development login and consent pages, RP-initiated logout.
 */
async function identityProvider(issuer: string, consoleUrl: string): Promise<RequestListener> {
  const { default: Provider } = (await importEsm('oidc-provider')) as OidcProviderModule;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: [`${consoleUrl}/auth/callback`],
        post_logout_redirect_uris: [`${consoleUrl}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...key, kid: 'console-oidc-e2e', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['console-oidc-e2e-cookie-key'] },
    claims: { openid: ['sub'], profile: ['name'] },
    // The name in the ID token (the access token is the gateway's, not userinfo's).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, sub: string) =>
      PEOPLE[sub] ? { accountId: sub, claims: () => ({ sub, name: PEOPLE[sub] }) } : undefined,
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== RESOURCE) throw new Error(`unknown resource ${resource}`);
          return {
            audience: AUDIENCE,
            scope: 'openid profile',
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  });
  return provider.callback();
}

/**
 * The console signing people in with OpenID Connect against a real provider, in a real browser: organization with
 * its demo data behind the gateway, which verifies the provider's tokens (its JWKS URL, issuer and audience).
 */
describe('signing in to the console with OpenID Connect', () => {
  const servers: http.Server[] = [];
  let organization: OrganizationProcess;
  let gateways: GatewaysInFront;
  let browser: Browser;
  let consoleUrl: string;
  let issuer: string;
  let communityId: string;
  /** CSP violations on the console's pages: there should be none (its connect-src names the issuer). */
  const violations: string[] = [];

  beforeAll(async () => {
    // oidc-provider's notices about its development defaults (login pages, lifetimes) are not this test's business.
    for (const level of ['info', 'warn'] as const) {
      const original = console[level];
      jest
        .spyOn(console, level)
        .mockImplementation((...args: unknown[]) =>
          /^oidc-provider (NOTICE|WARNING)/.test(String(args[0])) ? undefined : original(...args),
        );
    }
    const issuerServer = http.createServer();
    const consoleServer = http.createServer();
    servers.push(issuerServer, consoleServer);
    [issuer, consoleUrl] = await Promise.all([listening(issuerServer), listening(consoleServer)]);
    issuerServer.on('request', await identityProvider(issuer, consoleUrl));
    const { binary } = resolveChromium();
    [organization, browser] = await Promise.all([
      startOrganizationProcess({ demoData: true }),
      chromium.launch({ executablePath: binary, args: ['--disable-gpu', '--disable-dev-shm-usage'] }),
    ]);
    gateways = await startGatewaysInFront({ sdl: organization.sdl, subgraphUrl: organization.subgraphUrl }, [], {
      AUTH_JWKS_PATH: undefined,
      AUTH_JWKS_URL: `${issuer}/jwks`,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: AUDIENCE,
    });
    consoleServer.on(
      'request',
      createConsoleApp({
        assetsDir: path.join(repoRoot, 'apps', 'console', 'dist-web'),
        gatewayUrl: new URL(gateways.urls[0]).origin,
        oidc: { issuer, clientId: CLIENT_ID, scopes: 'openid profile', resource: RESOURCE },
      }),
    );
    const community = await organization.connection.collection('communities').findOne({ name: '淞源社区' });
    communityId = String(community!._id);
  }, 300_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await browser?.close();
    await gateways?.stop();
    await organization?.stop();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function openConsole(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (page.url().startsWith(consoleUrl) && /Content Security Policy/.test(message.text()))
        violations.push(message.text());
    });
    await page.goto(consoleUrl);
    await page.getByRole('heading', { name: '登录社区工作台' }).waitFor();
    return page;
  }

  it('signs the secretary in at the provider, shows her view, expires, signs out there, and refuses a forged callback', async () => {
    const page = await openConsole();
    // No demo users here: the provider's sign-in only.
    expect(await page.locator('button[data-subject]').count()).toBe(0);
    await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
    // The provider's own login and consent pages.
    await page.locator('input[name="login"]').fill('demo:community-secretary');
    await page.locator('input[name="password"]').fill('任意密码');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('沈秀英');
    expect(new URL(page.url()).pathname).toBe('/');
    const session = JSON.parse((await page.evaluate(() => sessionStorage.getItem('gongzhi.console.session')))!);
    // A JWT of the provider for the gateway: its audience, her subject.
    const claims = JSON.parse(Buffer.from(session.token.split('.')[1], 'base64url').toString());
    expect(claims).toEqual(expect.objectContaining({ iss: issuer, aud: AUDIENCE, sub: 'demo:community-secretary' }));
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

    // Her view, as the gateway gives it to the community secretary the demo data makes her: every household of a
    // building, the numbers masked.
    await page.goto(`${consoleUrl}/#/community/${communityId}`);
    await page
      .getByRole('list', { name: '淞泽家园七区 的楼栋' })
      .getByRole('button', { name: /^3幢( |$)/ })
      .click();
    const residents = page.getByTestId('residents');
    await residents.locator('tbody tr').first().waitFor();
    const names = await residents.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(names).toContain('罗淑芬');
    expect(names.length).toBeGreaterThan(2);
    const phones = await residents.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(phones.every((phone) => phone === '—' || /\*{4}/.test(phone))).toBe(true);

    // Her token expires (no refresh token granted): back to the sign-in page, saying why.
    await page.evaluate(() => {
      const kept = JSON.parse(sessionStorage.getItem('gongzhi.console.session')!);
      kept.oidc.expiresAt = Date.now();
      sessionStorage.setItem('gongzhi.console.session', JSON.stringify(kept));
    });
    await page.reload();
    await page.getByRole('alert').filter({ hasText: '登录已过期，请重新登录' }).waitFor();
    // Signing in again while her session at the provider lasts asks for nothing.
    await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
    await page.getByTestId('signed-in-as').waitFor();

    // Signing out ends her session at the provider too (it asks to confirm), and comes back to the sign-in page.
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { name: '登录社区工作台' }).waitFor();
    expect(new URL(page.url()).origin).toBe(consoleUrl);
    expect(await page.evaluate(() => sessionStorage.getItem('gongzhi.console.session'))).toBeNull();

    // The provider asks her to sign in again; a callback with a state this tab did not send is refused.
    await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
    await page.locator('input[name="login"]').waitFor();
    const forged = new URL('/auth/callback', consoleUrl);
    forged.search = new URLSearchParams({ code: 'forged', state: 'forged', iss: issuer }).toString();
    await page.goto(forged.href);
    await page
      .getByRole('alert')
      .filter({ hasText: '登录回调无效（state 不符），可能已过期或被篡改，请重新登录' })
      .waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(violations).toEqual([]);
  });
});
