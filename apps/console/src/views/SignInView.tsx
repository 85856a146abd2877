import { useEffect, useState } from 'react';
import { beginSignIn, signInProblem } from '../auth/oidc';
import { fetchSignInConfig, type Session, type SignInConfig, type SignInUser, signIn } from '../auth/session';
import { roleLabel } from '../labels';

/**
 * Sign-in: with the configured OpenID Connect issuer (the browser goes to its pages and comes back to
 * /auth/callback), and in development the demo users, whose tokens the console's server asks the development issuer
 * for. `problem`: why the person is here again (a refused callback, an expired session).
 */
export function SignInView({ onSignedIn, problem }: { onSignedIn: (session: Session) => void; problem?: string }) {
  const [config, setConfig] = useState<SignInConfig>();
  const [failure, setFailure] = useState<string>();
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    fetchSignInConfig().then(setConfig, (error: unknown) =>
      setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, []);
  const shown = failure ?? problem;
  const users = config?.signIn === 'none' ? undefined : config?.users;
  return (
    <main className="sign-in">
      <h1>登录社区工作台</h1>
      {shown && <p role="alert">{shown}</p>}
      {config?.signIn === 'none' && <p>这里尚未配置登录方式，请联系管理员配置统一身份认证。</p>}
      {config?.signIn === 'oidc' && (
        <p>
          <button
            type="button"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              beginSignIn(config, window.location.origin, window.location.hash).then(
                (url) => window.location.assign(url.href),
                (error: unknown) => {
                  setLeaving(false);
                  setFailure(signInProblem(error));
                },
              );
            }}
          >
            使用统一身份认证登录
          </button>
        </p>
      )}
      {users && (
        <DemoUsers
          users={users}
          onSignedIn={onSignedIn}
          onFailure={(error) => setFailure(error instanceof Error ? error.message : String(error))}
        />
      )}
    </main>
  );
}

function DemoUsers({
  users,
  onSignedIn,
  onFailure,
}: {
  users: SignInUser[];
  onSignedIn: (session: Session) => void;
  onFailure: (error: unknown) => void;
}) {
  return (
    <>
      <p className="muted">开发环境：选择一位演示用户登录，权限与其角色一致。</p>
      <ul className="user-list">
        {users.map((user) => (
          <li key={user.subject}>
            <button
              type="button"
              data-subject={user.subject}
              onClick={() => void signIn(user).then(onSignedIn, onFailure)}
            >
              <strong>{user.name}</strong> <span className="tier-badge">{roleLabel(user.role)}</span>
              <span className="muted">{user.unit}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
