import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findRepoRoot } from '@gongzhi/infra';
import { testEventsNamespace, waitFor } from '@gongzhi/testing';

export interface BuiltProcess {
  /** Its stdout and stderr. */
  logPath: string;
  /** The JSON lines it has logged so far. */
  logLines(): Record<string, unknown>[];
  /** SIGTERM, then waits for it to exit (it flushes its spans on the way). */
  stop(): Promise<void>;
}

function builtScript(relative: string): string {
  const script = path.join(findRepoRoot(__dirname), relative);
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` (npm test builds first)`);
  return script;
}

function spawnBuilt(relative: string, env: NodeJS.ProcessEnv, label: string) {
  const logPath = path.join(tmpdir(), `gongzhi-${label}-${testEventsNamespace()}.log`);
  const log = openSync(logPath, 'a');
  // Only what it is given: no OTEL_* from the developer's shell leaks in.
  const child = spawn(process.execPath, [builtScript(relative)], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, logPath, exited };
}

/** Runs a built script (a demo loader, say) to completion. */
export async function runBuilt(relative: string, env: NodeJS.ProcessEnv, label: string): Promise<void> {
  const { logPath, exited } = spawnBuilt(relative, env, label);
  const code = await exited;
  if (code !== 0) throw new Error(`${relative} exited with ${code}; see ${logPath}`);
}

/** Starts a built server (a subgraph or the gateway, as `npm start` runs them) and waits for `/health/live`. */
export async function startBuilt(
  relative: string,
  env: NodeJS.ProcessEnv,
  label: string,
  port: number,
): Promise<BuiltProcess> {
  const { child, logPath, exited } = spawnBuilt(relative, env, label);
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}; see ${logPath}`);
      return (await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined))?.ok === true;
    },
    `${label} to answer on port ${port} (log ${logPath})`,
    90_000,
  );
  return {
    logPath,
    logLines: () =>
      readFileSync(logPath, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
