import * as oauth from 'oauth4webapi';
import type { OidcSession, Session } from './session';

/** What /auth/config says about the issuer (server/config.ts OidcSettings): nothing secret, a public client. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
  resource?: string;
}

/** Where the issuer sends people back (server/console-server.ts OIDC_CALLBACK_PATH serves the app there). */
export const CALLBACK_PATH = '/auth/callback';
const PENDING_KEY = 'gongzhi.console.oidc-pending';
/** A token is renewed (or the person sent back to sign in) this long before it expires. */
export const RENEW_MARGIN_MS = 30_000;

/** The sign-in this tab started: PKCE verifier, state and nonce, kept until the issuer redirects back. */
interface PendingSignIn {
  settings: OidcSettings;
  codeVerifier: string;
  state: string;
  nonce: string;
  /** The page (hash route) to return to. */
  returnTo: string;
}

/** What oauth4webapi may need besides the global fetch: a test's own fetch. */
export interface OidcEnvironment {
  fetch?: typeof fetch;
}

type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The callback and the post-logout page are this origin's; register exactly these with the issuer. */
export const redirectUri = (origin: string) => `${origin}${CALLBACK_PATH}`;

function requestOptions(issuer: string, environment: OidcEnvironment) {
  // http only for a local issuer: the console's server refuses a non-https issuer in production.
  return {
    ...(new URL(issuer).protocol === 'http:' && { [oauth.allowInsecureRequests]: true }),
    ...(environment.fetch && { [oauth.customFetch]: environment.fetch }),
  };
}

/** The issuer's metadata (.well-known/openid-configuration), checked to be that issuer's. */
export async function discover(settings: OidcSettings, environment: OidcEnvironment = {}) {
  const issuer = new URL(settings.issuer);
  const response = await oauth.discoveryRequest(issuer, {
    algorithm: 'oidc',
    ...requestOptions(settings.issuer, environment),
  });
  return oauth.processDiscoveryResponse(issuer, response);
}

/**
 * Starts the authorisation-code flow: a fresh PKCE verifier (its S256 challenge goes to the issuer), state and nonce,
 * kept in this tab's sessionStorage for the callback; returns the issuer's authorisation URL to navigate to.
 */
export async function beginSignIn(
  settings: OidcSettings,
  origin: string,
  returnTo: string,
  storage: TabStorage = sessionStorage,
  environment: OidcEnvironment = {},
): Promise<URL> {
  const as = await discover(settings, environment);
  if (!as.authorization_endpoint) throw new SignInProblem('身份认证服务没有提供授权地址，请联系管理员');
  const pending: PendingSignIn = {
    settings,
    codeVerifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    returnTo,
  };
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri(origin));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', settings.scopes);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  if (settings.resource) url.searchParams.set('resource', settings.resource);
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  return url;
}

/** True when this page load is the issuer's redirect back. */
export const isCallback = (location: Pick<Location, 'pathname'>) => location.pathname === CALLBACK_PATH;

/**
 * Finishes the flow on the callback: the state must be the one this tab sent (else refused: tampered, replayed or
 * stale), an error from the issuer becomes a sentence, the code is exchanged with the PKCE verifier, and the ID
 * token's nonce must be this tab's. The pending request is used once. Returns the session and the page to go back to.
 */
export async function completeSignIn(
  callbackUrl: URL,
  storage: TabStorage = sessionStorage,
  environment: OidcEnvironment = {},
  now: () => number = Date.now,
): Promise<{ session: Session; returnTo: string }> {
  const pending = readPending(storage);
  storage.removeItem(PENDING_KEY);
  if (!pending) throw new SignInProblem('登录请求已失效（或不是从本页发起的），请重新登录');
  const { settings } = pending;
  const as = await discover(settings, environment);
  const client: oauth.Client = { client_id: settings.clientId };
  const parameters = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    parameters,
    redirectUri(callbackUrl.origin),
    pending.codeVerifier,
    {
      ...(settings.resource && { additionalParameters: { resource: settings.resource } }),
      ...requestOptions(settings.issuer, environment),
    },
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  const claims = oauth.getValidatedIdTokenClaims(result)!;
  const name =
    (typeof claims.name === 'string' && claims.name) ||
    (typeof claims.preferred_username === 'string' && claims.preferred_username) ||
    claims.sub;
  return { session: sessionOf(settings, result, now(), { subject: claims.sub, name }), returnTo: pending.returnTo };
}

function sessionOf(
  settings: OidcSettings,
  result: oauth.TokenEndpointResponse,
  at: number,
  user: Session['user'],
  previous?: OidcSession,
): Session {
  const oidc: OidcSession = {
    issuer: settings.issuer,
    clientId: settings.clientId,
    scopes: settings.scopes,
    ...(settings.resource && { resource: settings.resource }),
    ...(result.expires_in !== undefined && { expiresAt: at + result.expires_in * 1000 }),
    ...((result.refresh_token ?? previous?.refreshToken) && {
      refreshToken: result.refresh_token ?? previous?.refreshToken,
    }),
    ...((result.id_token ?? previous?.idToken) && { idToken: result.id_token ?? previous?.idToken }),
  };
  return { token: result.access_token, user, oidc };
}

/** When the session's token should be renewed (ms from `now`), or undefined when it does not expire. */
export function renewalDelay(session: Session, now: number): number | undefined {
  const expiresAt = session.oidc?.expiresAt;
  if (expiresAt === undefined) return undefined;
  // setTimeout's longest delay is 2^31-1 ms; a token living longer is looked at again then.
  return Math.min(Math.max(0, expiresAt - RENEW_MARGIN_MS - now), 2 ** 31 - 1);
}

/**
 * A new access token from the refresh token the issuer granted (same person, same resource). Throws when there is
 * none or the issuer refuses it: the person then signs in again.
 */
export async function renewSession(
  session: Session,
  environment: OidcEnvironment = {},
  now: () => number = Date.now,
): Promise<Session> {
  const oidc = session.oidc;
  if (!oidc?.refreshToken) throw new SignInProblem('登录已过期，请重新登录');
  const as = await discover(oidc, environment);
  const client: oauth.Client = { client_id: oidc.clientId };
  const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), oidc.refreshToken, {
    ...(oidc.resource && { additionalParameters: { resource: oidc.resource } }),
    ...requestOptions(oidc.issuer, environment),
  });
  const result = await oauth.processRefreshTokenResponse(as, client, response);
  return sessionOf(oidc, result, now(), session.user, oidc);
}

/**
 * Where to send the browser to sign out at the issuer too (RP-initiated logout), back to the console afterwards; or
 * undefined when the issuer offers no end-session endpoint (then forgetting the token here is all there is).
 */
export async function signOutUrl(
  session: Session,
  origin: string,
  environment: OidcEnvironment = {},
): Promise<URL | undefined> {
  const oidc = session.oidc;
  if (!oidc) return undefined;
  const as = await discover(oidc, environment);
  if (!as.end_session_endpoint) return undefined;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${origin}/`);
  if (oidc.idToken) url.searchParams.set('id_token_hint', oidc.idToken);
  return url;
}

function readPending(storage: TabStorage): PendingSignIn | undefined {
  try {
    const pending = JSON.parse(storage.getItem(PENDING_KEY) ?? 'null') as PendingSignIn | null;
    return pending?.state && pending.codeVerifier && pending.nonce && pending.settings?.issuer ? pending : undefined;
  } catch {
    return undefined;
  }
}

/** A sign-in failure already worded for people. */
export class SignInProblem extends Error {}

const ISSUER_ERRORS: Record<string, string> = {
  access_denied: '您没有同意授权社区工作台，未能登录',
  login_required: '身份认证服务要求重新登录，请再试一次',
  interaction_required: '身份认证服务要求重新登录，请再试一次',
  consent_required: '需要您在身份认证服务同意授权，请再试一次',
  account_selection_required: '请在身份认证服务选择一个账号后再试一次',
  invalid_grant: '登录凭证已失效或已被使用，请重新登录',
  temporarily_unavailable: '身份认证服务暂时不可用，请稍后再试',
  server_error: '身份认证服务出错了，请稍后再试',
};

/** A sign-in failure as a sentence in Chinese: the issuer's error code, a refused callback, or no connection. */
export function signInProblem(error: unknown): string {
  if (error instanceof SignInProblem) return error.message;
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError)
    return (
      ISSUER_ERRORS[error.error] ?? `身份认证服务拒绝了登录（${error.error}），社区工作台的登记可能有误，请联系管理员`
    );
  if (error instanceof oauth.OperationProcessingError) {
    if (/"state"/.test(error.message)) return '登录回调无效（state 不符），可能已过期或被篡改，请重新登录';
    if (/"iss"/.test(error.message)) return '登录回调不是来自所配置的身份认证服务，已拒绝';
    if (/nonce/.test(error.message)) return '身份令牌校验失败（nonce 不符），已拒绝，请重新登录';
    return `身份认证服务的回应无法校验，已拒绝（${error.message}）`;
  }
  if (error instanceof TypeError) return '连接不上身份认证服务，请检查网络后再试';
  return `登录失败：${error instanceof Error ? error.message : String(error)}`;
}
