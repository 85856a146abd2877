import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, resolveNatsServer, startNatsServer, type RunningNatsServer } from '@gongzhi/infra';

/**
 * A nats-server of the test file's own (free port, temporary JetStream store), for tests that stop and restart NATS
 * without disturbing the run's shared server. stop() also deletes its store.
 */
export async function startDedicatedNats(): Promise<RunningNatsServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-nats-'));
  const server = await startNatsServer({
    binary: resolveNatsServer().binary,
    port: await freePort(),
    storeDir: path.join(dir, 'store'),
    logPath: path.join(dir, 'nats-server.log'),
  });
  return {
    url: server.url,
    restart: () => server.restart(),
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
