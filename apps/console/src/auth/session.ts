import type { OidcSettings } from './oidc';

/** A demo user the development sign-in offers (server/console-server.ts DevSignInUser). */
export interface SignInUser {
  subject: string;
  name: string;
  role: string;
  unit: string;
}

/**
 * How people sign in here (server/console-server.ts SignInConfig). `oidc`: the configured OpenID Connect issuer
 * (authorisation code with PKCE, `./oidc.ts`), and in development the demo users beside it when both are configured;
 * `development`: pick a demo user, the console's server asks the development issuer for a token; `none`: nobody.
 * The views never look behind the session: a token and who it is.
 */
export type SignInConfig =
  | ({ signIn: 'oidc'; users?: SignInUser[] } & OidcSettings)
  | { signIn: 'development'; users: SignInUser[] }
  | { signIn: 'none' };

/** An OpenID Connect session's issuer and client, and what renewing and signing out need. */
export interface OidcSession extends OidcSettings {
  /** Epoch ms when the access token expires, if the issuer said. */
  expiresAt?: number;
  /** Where the issuer granted one (e.g. for the offline_access scope). */
  refreshToken?: string;
  /** The ID token, sent back as id_token_hint when signing out at the issuer. */
  idToken?: string;
}

export interface Session {
  /** The access token sent to /graphql as `Authorization: Bearer`. */
  token: string;
  /** Who signed in: a demo user, or the ID token's subject and name (the issuer says nothing of roles). */
  user: { subject: string; name: string; role?: string; unit?: string };
  oidc?: OidcSession;
}

const KEY = 'gongzhi.console.session';

/**
 * The session of this tab, in sessionStorage: it outlives a reload (the OpenID Connect sign-in is itself a round trip
 * through the issuer's pages) but not the tab, and no other tab or site reads it; never localStorage, which would keep
 * the token on the disk and share it with every tab of the origin.
 */
export function loadSession(storage: Pick<Storage, 'getItem'> = sessionStorage): Session | undefined {
  try {
    const raw = storage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Session) : undefined;
    return parsed?.token && parsed.user?.subject ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(
  session: Session | undefined,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage,
) {
  if (session) storage.setItem(KEY, JSON.stringify(session));
  else storage.removeItem(KEY);
}

/** What the person reads at the sign-in page when the API refused her session before it was due to end. */
export const SESSION_REFUSED_MESSAGE = '登录已失效，请重新登录';

type SessionEndedListener = (message: string) => void;
const sessionEndedListeners = new Set<SessionEndedListener>();

/** Called with the sentence to show when the API refused the tab's session (the app returns to sign-in); unsubscribes. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => void sessionEndedListeners.delete(listener);
}

/**
 * The API answered 401 to this token (it expired early, was revoked, the issuer's keys rotated): the tab forgets its
 * session and the person is sent back to sign in, once. Only while that token is still the tab's: a late answer to a
 * request of a session already ended or replaced by a new sign-in changes nothing. True when it ended the session.
 */
export function sessionRefused(
  token: string,
  storage: Pick<Storage, 'getItem' | 'removeItem'> = sessionStorage,
): boolean {
  if (loadSession(storage)?.token !== token) return false;
  storage.removeItem(KEY);
  for (const listener of [...sessionEndedListeners]) listener(SESSION_REFUSED_MESSAGE);
  return true;
}

export async function fetchSignInConfig(): Promise<SignInConfig> {
  const response = await fetch('/auth/config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`登录配置读取失败（HTTP ${response.status}）`);
  return (await response.json()) as SignInConfig;
}

/** Development sign-in as one demo user. */
export async function signIn(user: SignInUser): Promise<Session> {
  const response = await fetch('/auth/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ subject: user.subject }),
  });
  const body = (await response.json()) as { token?: string; user?: SignInUser; message?: string };
  if (!response.ok || !body.token || !body.user) throw new Error(body.message ?? `登录失败（HTTP ${response.status}）`);
  return { token: body.token, user: body.user };
}
