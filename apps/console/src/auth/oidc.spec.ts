import { createHash } from 'node:crypto';
import { memoryStorage } from './memory-storage';
import {
  beginSignIn,
  completeSignIn,
  RENEW_MARGIN_MS,
  renewalDelay,
  renewSession,
  signInProblem,
  signOutUrl,
} from './oidc';
import type { Session } from './session';

const issuer = 'https://auth.gongzhi.example/realms/suzhou';
const settings = {
  issuer,
  clientId: 'gongzhi-console',
  scopes: 'openid profile',
  resource: 'https://gongzhi.example/graphql',
};
const origin = 'https://console.gongzhi.example';
const metadata = {
  issuer,
  authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
  token_endpoint: `${issuer}/protocol/openid-connect/token`,
  end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
  id_token_signing_alg_values_supported: ['RS256'],
};

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An ID token as the issuer would send it (oauth4webapi checks its claims; the TLS channel vouches for it). */
function idToken(claims: Record<string, unknown>) {
  const now = Math.floor(Date.now() / 1000);
  return `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({ iss: issuer, aud: settings.clientId, iat: now, exp: now + 300, ...claims })}.c2lnbmF0dXJl`;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The issuer, as far as the console talks to it: its metadata and its token endpoint (recording each request). */
function fakeIssuer(token: (form: URLSearchParams) => Response) {
  const requests: { url: string; form?: URLSearchParams }[] = [];
  const fetch = (async (url: string, init?: { body?: unknown }) => {
    const form = init?.body instanceof URLSearchParams ? init.body : undefined;
    requests.push({ url, ...(form && { form }) });
    if (url === `${issuer}/.well-known/openid-configuration`) return json(metadata);
    if (url === metadata.token_endpoint) return token(form!);
    return json({ error: 'not_found' }, 404);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('the OpenID Connect sign-in (authorisation code with PKCE)', () => {
  it('sends the browser to the issuer with an S256 challenge of a fresh verifier, state, nonce and the resource', async () => {
    const storage = memoryStorage();
    const { fetch } = fakeIssuer(() => json({}));
    const url = await beginSignIn(settings, origin, '#/communities', storage, { fetch });
    expect(`${url.origin}${url.pathname}`).toBe(metadata.authorization_endpoint);
    const pending = JSON.parse(storage.items.get('gongzhi.console.oidc-pending')!);
    expect(pending.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'gongzhi-console',
      redirect_uri: 'https://console.gongzhi.example/auth/callback',
      response_type: 'code',
      scope: 'openid profile',
      code_challenge: createHash('sha256').update(pending.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      resource: 'https://gongzhi.example/graphql',
    });
    expect(pending.returnTo).toBe('#/communities');
    // Each sign-in its own secrets.
    const again = await beginSignIn(settings, origin, '', memoryStorage(), { fetch });
    expect(again.searchParams.get('state')).not.toBe(pending.state);
    expect(again.searchParams.get('code_challenge')).not.toBe(url.searchParams.get('code_challenge'));
  });

  async function begun(token: (form: URLSearchParams) => Response) {
    const storage = memoryStorage();
    const issuerFake = fakeIssuer(token);
    await beginSignIn(settings, origin, '#/tree', storage, { fetch: issuerFake.fetch });
    const pending = JSON.parse(storage.items.get('gongzhi.console.oidc-pending')!);
    return { storage, pending, ...issuerFake };
  }

  it('exchanges the code with the verifier, checks the nonce, and keeps the token, the person and when it expires', async () => {
    const { storage, pending, fetch, requests } = await begun((form) =>
      json({
        access_token: 'at-1',
        token_type: 'Bearer',
        expires_in: 300,
        refresh_token: 'rt-1',
        id_token: idToken({ sub: 'demo:community-secretary', name: '沈秀英', nonce: pending.nonce }),
        ...(form.get('code') === 'the-code' ? {} : { error: 'invalid_grant' }),
      }),
    );
    const callback = new URL(`${origin}/auth/callback?code=the-code&state=${pending.state}`);
    const { session, returnTo } = await completeSignIn(callback, storage, { fetch }, () => 1_000_000);
    expect(returnTo).toBe('#/tree');
    expect(session).toEqual({
      token: 'at-1',
      user: { subject: 'demo:community-secretary', name: '沈秀英' },
      oidc: { ...settings, expiresAt: 1_300_000, refreshToken: 'rt-1', idToken: expect.any(String) },
    });
    const exchange = requests.find(({ url }) => url === metadata.token_endpoint)!.form!;
    expect(Object.fromEntries(exchange)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://console.gongzhi.example/auth/callback',
      code_verifier: pending.codeVerifier,
      client_id: 'gongzhi-console',
      resource: 'https://gongzhi.example/graphql',
    });
    // Used once: the same callback again is refused.
    await expect(completeSignIn(callback, storage, { fetch })).rejects.toThrow('登录请求已失效');
  });

  it('refuses a callback whose state is not this tab’s, before any code is exchanged', async () => {
    const { storage, fetch, requests } = await begun(() => json({ access_token: 'never' }));
    const error = await completeSignIn(new URL(`${origin}/auth/callback?code=c&state=forged`), storage, {
      fetch,
    }).catch((failure: unknown) => failure);
    expect(signInProblem(error)).toBe('登录回调无效（state 不符），可能已过期或被篡改，请重新登录');
    expect(requests.some(({ url }) => url === metadata.token_endpoint)).toBe(false);
  });

  it('refuses an ID token with another nonce', async () => {
    const { storage, pending, fetch } = await begun(() =>
      json({ access_token: 'at', token_type: 'Bearer', id_token: idToken({ sub: 's', nonce: 'replayed' }) }),
    );
    const error = await completeSignIn(new URL(`${origin}/auth/callback?code=c&state=${pending.state}`), storage, {
      fetch,
    }).catch((failure: unknown) => failure);
    expect(signInProblem(error)).toBe('身份令牌校验失败（nonce 不符），已拒绝，请重新登录');
  });

  it('words the issuer’s errors in Chinese: a refusal at its pages, a code it no longer accepts', async () => {
    /** What the person reads when the issuer answers the callback with `query`, or the token request with `token`. */
    const problemOf = async (query: string, token: () => Response) => {
      const { storage, pending, fetch } = await begun(token);
      const callback = new URL(`${origin}/auth/callback?${query}&state=${pending.state}`);
      return signInProblem(await completeSignIn(callback, storage, { fetch }).catch((failure: unknown) => failure));
    };
    expect(await problemOf('error=access_denied', () => json({}))).toBe('您没有同意授权社区工作台，未能登录');
    expect(await problemOf('code=old', () => json({ error: 'invalid_grant' }, 400))).toBe(
      '登录凭证已失效或已被使用，请重新登录',
    );
    expect(await problemOf('code=c', () => json({ error: 'invalid_client' }, 401))).toBe(
      '身份认证服务拒绝了登录（invalid_client），社区工作台的登记可能有误，请联系管理员',
    );
  });
});

describe('an OpenID Connect session', () => {
  const session: Session = {
    token: 'at-1',
    user: { subject: 'demo:community-secretary', name: '沈秀英' },
    oidc: { ...settings, expiresAt: 1_300_000, refreshToken: 'rt-1', idToken: 'id-1' },
  };

  it('is renewed shortly before its token expires; a development session never is', () => {
    expect(renewalDelay(session, 1_000_000)).toBe(300_000 - RENEW_MARGIN_MS);
    expect(renewalDelay(session, 1_290_000)).toBe(0);
    expect(renewalDelay({ token: 't', user: { subject: 'demo:resident', name: '罗淑芬' } }, 0)).toBeUndefined();
  });

  it('renews with the refresh token, keeping the person; without one the person signs in again', async () => {
    const { fetch, requests } = fakeIssuer(() => json({ access_token: 'at-2', token_type: 'Bearer', expires_in: 300 }));
    const renewed = await renewSession(session, { fetch }, () => 2_000_000);
    expect(renewed).toEqual({
      token: 'at-2',
      user: session.user,
      oidc: { ...session.oidc, expiresAt: 2_300_000 },
    });
    expect(Object.fromEntries(requests.at(-1)!.form!)).toEqual(
      expect.objectContaining({ grant_type: 'refresh_token', refresh_token: 'rt-1', resource: settings.resource }),
    );
    const { refreshToken: _none, ...withoutRefresh } = session.oidc!;
    await expect(renewSession({ ...session, oidc: withoutRefresh }, { fetch })).rejects.toThrow(
      '登录已过期，请重新登录',
    );
  });

  it('signs out at the issuer with the ID token as a hint and comes back to the console', async () => {
    const { fetch } = fakeIssuer(() => json({}));
    const url = await signOutUrl(session, origin, { fetch });
    expect(`${url!.origin}${url!.pathname}`).toBe(metadata.end_session_endpoint);
    expect(Object.fromEntries(url!.searchParams)).toEqual({
      client_id: 'gongzhi-console',
      post_logout_redirect_uri: 'https://console.gongzhi.example/',
      id_token_hint: 'id-1',
    });
    expect(await signOutUrl({ token: 't', user: session.user }, origin, { fetch })).toBeUndefined();
  });
});
