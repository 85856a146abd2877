import { describeExit, type ManagedProcess } from './managed-process';

export interface WaitForOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Give up at once, pointing at its log, if this process exits while we wait. */
  process?: ManagedProcess;
}

/** Polls `probe` until it returns a value other than undefined/false; errors thrown by the probe count as "not yet". */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  options: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = '';
  for (;;) {
    const watched = options.process;
    if (watched?.exit) {
      throw new Error(
        `${watched.name} ${describeExit(watched.exit)} while waiting for ${what}; see its log ${watched.logPath}`,
      );
    }
    try {
      const result = await probe();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      const log = watched ? `; see ${watched.logPath}` : '';
      const last = lastError ? ` (last error: ${lastError})` : '';
      throw new Error(`Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${what}${last}${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
