import { rmSync } from 'node:fs';
import './test-servers';

/** Stops the servers global setup started and removes their temporary folder. */
export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.gongzhiTestServers;
  if (!servers) return;
  globalThis.gongzhiTestServers = undefined;
  await servers.stop();
  rmSync(servers.tempDir, { recursive: true, force: true });
}
