import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findExecutable } from './find-executable';

// Debian installs servers into /usr/sbin, which a non-login PATH often lacks.
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];

/**
 * `executable` from PATH (plus the sbin folders), else Debian's `aptPackage` installed with apt-get when root on
 * Debian (with an `apt-get update` if the first attempt fails: a missing package index is the usual reason);
 * undefined when neither works.
 */
export function findOrAptInstall(
  executable: string,
  aptPackage: string,
  env: NodeJS.ProcessEnv = process.env,
): { binary: string; route: 'path' | 'apt' } | undefined {
  const found = findExecutable(executable, EXTRA_DIRS, env.PATH);
  if (found) return { binary: found, route: 'path' };
  if (process.platform !== 'linux' || !existsSync('/etc/debian_version') || process.getuid?.() !== 0) return undefined;
  const aptGet = (...args: string[]) =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      .status === 0;
  if (!aptGet('install', '-y', '--no-install-recommends', aptPackage)) {
    aptGet('update');
    aptGet('install', '-y', '--no-install-recommends', aptPackage);
  }
  const installed = findExecutable(executable, EXTRA_DIRS, env.PATH);
  return installed ? { binary: installed, route: 'apt' } : undefined;
}
