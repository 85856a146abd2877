import { resolveDebianTool, type ToolResolution } from '../process/resolve-debian-tool';

export type NatsServerResolution = ToolResolution;

/** nats-server from PATH (plus the sbin folders), else installed with apt when root on Debian, else a clear error. */
export function resolveNatsServer(env: NodeJS.ProcessEnv = process.env): NatsServerResolution {
  return resolveDebianTool(
    {
      binary: 'nats-server',
      aptPackage: 'nats-server',
      installHint: 'Install nats-server ≥ 2.9 (https://github.com/nats-io/nats-server/releases) or set NATS_URL to a running server with JetStream.',
    },
    env,
  );
}
