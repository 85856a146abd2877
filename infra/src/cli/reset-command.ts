import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runningPid } from './pid-file';
import { statePaths } from './state-paths';

/** `reset`: deletes local MongoDB and NATS data; provisioned tools and logs stay. */
export function resetCommand(repoRoot: string): number {
  const paths = statePaths(repoRoot);
  const pid = runningPid(paths.pidFile);
  if (pid) {
    console.error(`gongzhi start is running (pid ${pid}); stop it (Ctrl-C) before resetting`);
    return 1;
  }
  const shown = path.relative(repoRoot, paths.dataDir);
  if (!existsSync(paths.dataDir)) {
    console.log(`nothing to reset: ${shown} does not exist`);
    return 0;
  }
  rmSync(paths.dataDir, { recursive: true, force: true });
  console.log(`deleted ${shown} (local MongoDB and NATS data)`);
  return 0;
}
