import { useEffect, useState } from 'react';
import { loadSession, type Session, saveSession } from './auth/session';
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
  const signedIn = (next: Session | undefined) => {
    saveSession(next);
    setSession(next);
  };
  if (!session) return <SignInView onSignedIn={signedIn} />;
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
          {session.user.name} · {roleLabel(session.user.role)}
        </span>
        <button type="button" onClick={() => signedIn(undefined)}>
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
