import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly logPath: string;
  readonly pid: number | undefined;
  /** Set once the process has exited. */
  readonly exit: ProcessExit | undefined;
  /** Called when the process exits (or has exited) without having been asked to stop. */
  onUnexpectedExit(listener: (exit: ProcessExit) => void): void;
  /** SIGTERM, then SIGKILL if it has not exited within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface SpawnManagedOptions {
  logPath: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const running = new Set<ManagedProcess & { terminate(): void }>();

// Children get their own process group so a terminal Ctrl-C reaches only us and we stop them in order;
// should we exit without stopping them, they are asked to terminate rather than left behind.
process.once('exit', () => {
  for (const child of running) child.terminate();
});

/** Spawns a long-running process whose stdout and stderr are appended to `logPath`. */
export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options: SpawnManagedOptions,
): ManagedProcess {
  mkdirSync(path.dirname(options.logPath), { recursive: true });
  const logFd = openSync(options.logPath, 'a');
  writeSync(logFd, `\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', logFd, logFd],
    detached: true,
  });
  closeSync(logFd);

  let exit: ProcessExit | undefined;
  let stopping = false;
  const unexpectedExitListeners: Array<(exit: ProcessExit) => void> = [];
  const exited = new Promise<void>((resolve) => {
    const record = (value: ProcessExit) => {
      if (exit) return;
      exit = value;
      running.delete(managed);
      resolve();
      if (!stopping) for (const listener of unexpectedExitListeners) listener(value);
    };
    child.once('exit', (code, signal) => record({ code, signal }));
    // e.g. ENOENT: the binary does not exist or is not executable
    child.once('error', (error) => {
      appendFileSync(options.logPath, `${name}: ${error.message}\n`);
      record({ code: null, signal: null });
    });
  });

  const managed = {
    name,
    logPath: options.logPath,
    pid: child.pid,
    get exit() {
      return exit;
    },
    onUnexpectedExit(listener: (exit: ProcessExit) => void) {
      // Registered after it already died: still report it.
      const alreadyExited = exit;
      if (alreadyExited && !stopping) queueMicrotask(() => listener(alreadyExited));
      else unexpectedExitListeners.push(listener);
    },
    terminate() {
      if (!exit) child.kill('SIGTERM');
    },
    async stop(timeoutMs = 30_000) {
      stopping = true;
      if (exit) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(managed);
  return managed;
}

export function describeExit(exit: ProcessExit): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  return exit.code === null ? 'could not be started' : `exited with code ${exit.code}`;
}
