/** A demo user the development sign-in offers (server/console-server.ts DevSignInUser). */
export interface SignInUser {
  subject: string;
  name: string;
  role: string;
  unit: string;
}

/**
 * How people sign in here. `development`: pick a demo user, the console's server asks the development issuer for a
 * token. Production's OpenID Connect (authorisation code with PKCE) will be a third kind: the seam is this type and
 * `signIn` below, which the views never look behind.
 */
export type SignInConfig = { signIn: 'development'; users: SignInUser[] } | { signIn: 'none' };

export interface Session {
  token: string;
  user: SignInUser;
}

const KEY = 'gongzhi.console.session';

/** The session of this tab (sessionStorage: gone when the tab closes, never shared with other sites). */
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
