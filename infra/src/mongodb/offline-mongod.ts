import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';

// The script lives beside the sources, at the same depth from src/ and dist/.
const PROVISION_SCRIPT = path.resolve(__dirname, '../../mongodb/provision-offline.sh');
const PROVISION_TIMEOUT_MS = 20 * 60_000; // apt and npm downloads on a first run

/** Why the offline route cannot run on this machine, or undefined when it can. */
export function offlineRouteUnavailableReason(): string | undefined {
  if (process.platform !== 'linux' || !existsSync('/etc/debian_version')) return 'the offline route needs Debian';
  if (process.getuid?.() !== 0) return 'the offline route needs root (it installs apt packages)';
  return undefined;
}

/**
 * Runs infra/mongodb/provision-offline.sh into `destDir` (idempotent, fast when already done) and returns the mongod
 * wrapper it leaves there. The script's output goes to `destDir`/provision.log.
 */
export async function provisionOfflineMongod(destDir: string, log: (line: string) => void): Promise<string> {
  const binary = path.join(destDir, 'mongod');
  const logPath = path.join(destDir, 'provision.log');
  if (!existsSync(binary))
    log(`mongodb: provisioning the offline route into ${destDir} (a few minutes the first time; log ${logPath})`);
  mkdirSync(destDir, { recursive: true });
  const logFd = openSync(logPath, 'a');
  const child = spawn('bash', [PROVISION_SCRIPT, destDir], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), PROVISION_TIMEOUT_MS);
    child.once('error', () => resolve(null));
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) throw new Error(`provisioning the offline route failed (exit ${code}); see ${logPath}`);
  return binary;
}
