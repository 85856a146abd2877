export interface RestartPolicyOptions {
  /** Delay before the first restart. */
  initialMs?: number;
  /** Cap on the delay, however often the process crashed. */
  maxMs?: number;
  /** A process that ran this long before it crashed counts as healthy again: its next restart is immediate-ish. */
  stableAfterMs?: number;
  /** This many crashes in a row, each before `stableAfterMs`, is a crash loop (reported; restarts go on at maxMs). */
  crashLoopAfter?: number;
}

export interface RestartDecision {
  /** 1 for the first crash of a run of crashes. */
  attempt: number;
  delayMs: number;
  /** True from the `crashLoopAfter`-th quick crash in a row. */
  crashLoop: boolean;
}

/**
 * When to restart a crashed process: exponential back-off (initialMs · 2ⁿ, capped at maxMs) over the crashes that
 * came quickly one after another; a process that stayed up `stableAfterMs` starts the count again.
 */
export class RestartPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly stableAfterMs: number;
  readonly crashLoopAfter: number;
  private quickCrashes = 0;

  constructor(options: RestartPolicyOptions = {}) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 30_000;
    this.stableAfterMs = options.stableAfterMs ?? 60_000;
    this.crashLoopAfter = options.crashLoopAfter ?? 5;
    if (this.initialMs <= 0 || this.maxMs < this.initialMs)
      throw new Error('RestartPolicy needs 0 < initialMs ≤ maxMs');
  }

  /** The process crashed after running `uptimeMs`: how long to wait before starting it again. */
  crashed(uptimeMs: number): RestartDecision {
    if (uptimeMs >= this.stableAfterMs) this.quickCrashes = 0;
    this.quickCrashes += 1;
    const attempt = this.quickCrashes;
    const delayMs = Math.min(this.maxMs, this.initialMs * 2 ** (attempt - 1));
    return { attempt, delayMs, crashLoop: attempt >= this.crashLoopAfter };
  }
}
