import path from 'node:path';

/** The local state folder .gongzhi/ at the repo root (git-ignored): data, logs, provisioned tools. */
export function statePaths(repoRoot: string) {
  const stateDir = path.join(repoRoot, '.gongzhi');
  return {
    stateDir,
    dataDir: path.join(stateDir, 'data'),
    mongoData: path.join(stateDir, 'data', 'mongo'),
    natsData: path.join(stateDir, 'data', 'nats'),
    logsDir: path.join(stateDir, 'logs'),
    /** Development signing keys (internal tokens, the development identity provider); kept by `reset`, so printed tokens stay valid. */
    keysDir: path.join(stateDir, 'keys'),
    pidFile: path.join(stateDir, 'start.pid'),
  };
}

export type StatePaths = ReturnType<typeof statePaths>;
