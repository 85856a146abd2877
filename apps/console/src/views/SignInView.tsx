import { useEffect, useState } from 'react';
import { fetchSignInConfig, type Session, type SignInConfig, signIn } from '../auth/session';
import { roleLabel } from '../labels';

/** Sign-in: in development, pick one of the demo users; the console's server asks the development issuer. */
export function SignInView({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [config, setConfig] = useState<SignInConfig>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    fetchSignInConfig().then(setConfig, (error: unknown) =>
      setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, []);
  return (
    <main className="sign-in">
      <h1>登录社区工作台</h1>
      {problem && <p role="alert">{problem}</p>}
      {config?.signIn === 'none' && <p>这里尚未配置登录方式（生产环境的统一身份认证将在下一版接入）。</p>}
      {config?.signIn === 'development' && (
        <>
          <p className="muted">开发环境：选择一位演示用户登录，权限与其角色一致。</p>
          <ul className="user-list">
            {config.users.map((user) => (
              <li key={user.subject}>
                <button
                  type="button"
                  data-subject={user.subject}
                  onClick={() =>
                    void signIn(user).then(onSignedIn, (error: unknown) =>
                      setProblem(error instanceof Error ? error.message : String(error)),
                    )
                  }
                >
                  <strong>{user.name}</strong> <span className="tier-badge">{roleLabel(user.role)}</span>
                  <span className="muted">{user.unit}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
