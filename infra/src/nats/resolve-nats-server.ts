import { findOrAptInstall } from '../process/find-or-install';

export interface NatsServerResolution {
  binary: string;
  route: 'path' | 'apt';
}

/** nats-server from PATH (plus the sbin folders), else installed with apt when root on Debian, else a clear error. */
export function resolveNatsServer(env: NodeJS.ProcessEnv = process.env): NatsServerResolution {
  const resolution = findOrAptInstall('nats-server', 'nats-server', env);
  if (resolution) return resolution;
  throw new Error(
    'nats-server not found on PATH, /usr/sbin or /usr/local/sbin, and it can only be installed automatically as root on Debian. ' +
      'Install nats-server ≥ 2.9 (https://github.com/nats-io/nats-server/releases) or set NATS_URL to a running server with JetStream.',
  );
}
