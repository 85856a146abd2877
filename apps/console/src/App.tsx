import { useEffect, useRef, useState } from 'react';
import { completeSignIn, isCallback, renewalDelay, renewSession, signInProblem, signOutUrl } from './auth/oidc';
import { loadSession, onSessionEnded, type Session, saveSession } from './auth/session';
import { roleLabel } from './labels';
import { parseRoute } from './routes';
import { CommunityListView } from './views/CommunityListView';
import { CommunityPage } from './views/CommunityPage';
import { MotionPage } from './views/MotionPage';
import { MotionsView } from './views/MotionsView';
import { OrgTreeView } from './views/OrgTreeView';
import { SignInView } from './views/SignInView';

export function App() {
  const [session, setSession] = useState<Session | undefined>(() => loadSession());
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  /** Why the person is back at the sign-in page (a refused callback, an expired session), if they did not choose to. */
  const [problem, setProblem] = useState<string>();
  const [completing, setCompleting] = useState(() => isCallback(window.location));
  const signedIn = (next: Session | undefined) => {
    saveSession(next);
    setSession(next);
  };

  // The issuer's redirect back (/auth/callback?code=…&state=…): finish the sign-in once, then leave the URL.
  const callbackHandled = useRef(false);
  useEffect(() => {
    if (!completing || callbackHandled.current) return;
    callbackHandled.current = true;
    completeSignIn(new URL(window.location.href))
      .then(
        ({ session: next, returnTo }) => {
          window.history.replaceState(null, '', `/${returnTo}`);
          setRoute(parseRoute(returnTo));
          setProblem(undefined);
          signedIn(next);
        },
        (error: unknown) => {
          window.history.replaceState(null, '', '/');
          setProblem(signInProblem(error));
        },
      )
      .finally(() => setCompleting(false));
  }, [completing]);

  // The API refused the session (any page's request answered 401; the client forgot it): back to sign-in, saying so.
  // The route is kept, so signing in again (OpenID Connect's returnTo included) comes back to the same page.
  useEffect(
    () =>
      onSessionEnded((message) => {
        setSession(undefined);
        setProblem(message);
      }),
    [],
  );

  // An OpenID Connect token is renewed shortly before it expires (with the refresh token the issuer granted), else
  // the person is sent back to sign in rather than meeting refusals page by page.
  useEffect(() => {
    const delay = session && renewalDelay(session, Date.now());
    if (!session || delay === undefined) return;
    const timer = setTimeout(() => {
      renewSession(session).then(signedIn, (error: unknown) => {
        signedIn(undefined);
        setProblem(session.oidc?.refreshToken ? `登录已过期：${signInProblem(error)}` : signInProblem(error));
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [session]);

  const signOut = async (current: Session) => {
    signedIn(undefined);
    setProblem(undefined);
    // At the issuer too, where it offers RP-initiated logout; it sends the browser back to the sign-in page.
    const atIssuer = await signOutUrl(current, window.location.origin).catch(() => undefined);
    if (atIssuer) window.location.assign(atIssuer.href);
  };

  if (completing)
    return (
      <main className="sign-in">
        <h1>登录社区工作台</h1>
        <p role="status">正在完成登录…</p>
      </main>
    );
  if (!session) return <SignInView onSignedIn={signedIn} problem={problem} />;
  const token = session.token;
  return (
    <>
      <header className="top-bar">
        <span className="brand">共治 · 社区工作台</span>
        <nav aria-label="主导航">
          <a href="#/tree" aria-current={route.page === 'tree' ? 'page' : undefined}>
            组织架构
          </a>
          <a href="#/communities" aria-current={route.page !== 'tree' ? 'page' : undefined}>
            社区
          </a>
        </nav>
        <span className="who" data-testid="signed-in-as">
          {session.user.role ? `${session.user.name} · ${roleLabel(session.user.role)}` : session.user.name}
        </span>
        <button type="button" onClick={() => void signOut(session)}>
          退出
        </button>
      </header>
      {route.page === 'tree' && <OrgTreeView token={token} />}
      {route.page === 'communities' && <CommunityListView token={token} />}
      {route.page === 'community' && <CommunityPage key={route.id} communityId={route.id} token={token} />}
      {route.page === 'motions' && <MotionsView key={route.id} communityId={route.id} token={token} />}
      {route.page === 'motion' && <MotionPage key={route.id} motionId={route.id} token={token} />}
    </>
  );
}
