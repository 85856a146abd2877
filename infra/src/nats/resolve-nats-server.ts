import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findExecutable } from '../process/find-executable';

// Debian installs nats-server into /usr/sbin, which a non-login PATH often lacks.
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];

export interface NatsServerResolution {
  binary: string;
  route: 'path' | 'apt';
}

/** nats-server from PATH (plus the sbin folders), else installed with apt when root on Debian, else a clear error. */
export function resolveNatsServer(env: NodeJS.ProcessEnv = process.env): NatsServerResolution {
  const found = findExecutable('nats-server', EXTRA_DIRS, env.PATH);
  if (found) return { binary: found, route: 'path' };

  if (process.platform === 'linux' && existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    // A missing package index is the usual reason a first attempt fails.
    if (!aptGet('install', '-y', '--no-install-recommends', 'nats-server')) {
      aptGet('update');
      aptGet('install', '-y', '--no-install-recommends', 'nats-server');
    }
    const installed = findExecutable('nats-server', EXTRA_DIRS, env.PATH);
    if (installed) return { binary: installed, route: 'apt' };
  }
  throw new Error(
    'nats-server not found on PATH, /usr/sbin or /usr/local/sbin, and it can only be installed automatically as root on Debian. ' +
      'Install nats-server ≥ 2.9 (https://github.com/nats-io/nats-server/releases) or set NATS_URL to a running server with JetStream.',
  );
}

function aptGet(...args: string[]): boolean {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return run.status === 0;
}
