import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findExecutable } from './find-executable';

// Debian installs servers into /usr/sbin, which a non-login PATH often lacks.
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];

export interface ToolResolution {
  binary: string;
  route: 'path' | 'apt';
}

export interface DebianTool {
  /** The executable's name: nats-server, promtool, prometheus. */
  binary: string;
  /** The Debian package that ships it. */
  aptPackage: string;
  /** What to tell someone who is not root on Debian. */
  installHint: string;
}

/** An executable from PATH (plus the sbin folders), else installed with apt when root on Debian, else a clear error. */
export function resolveDebianTool(tool: DebianTool, env: NodeJS.ProcessEnv = process.env): ToolResolution {
  const found = findExecutable(tool.binary, EXTRA_DIRS, env.PATH);
  if (found) return { binary: found, route: 'path' };

  if (process.platform === 'linux' && existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    // A missing package index is the usual reason a first attempt fails.
    if (!aptGet('install', '-y', '--no-install-recommends', tool.aptPackage)) {
      aptGet('update');
      aptGet('install', '-y', '--no-install-recommends', tool.aptPackage);
    }
    const installed = findExecutable(tool.binary, EXTRA_DIRS, env.PATH);
    if (installed) return { binary: installed, route: 'apt' };
  }
  throw new Error(
    `${tool.binary} not found on PATH, /usr/sbin or /usr/local/sbin, and it can only be installed automatically as root on Debian ` +
      `(apt-get install ${tool.aptPackage}). ${tool.installHint}`,
  );
}

function aptGet(...args: string[]): boolean {
  // stdout to stderr: callers such as `npm run events` print results on stdout.
  const run = spawnSync('apt-get', args, { stdio: ['ignore', process.stderr, 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return run.status === 0;
}
