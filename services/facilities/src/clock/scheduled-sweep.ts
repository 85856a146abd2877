import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/** Records moved on per round trip of a sweep. */
const SWEEP_BATCH = 50;

/**
 * A sweep the service runs every `intervalSeconds` (SWEEP_INTERVAL_SECONDS) and tests call directly, on a clock they
 * move. A run still going when the next is due is not overlapped. Every replica runs its own, so a sweep must take
 * each step with a conditional update that a second sweep finds already taken.
 */
export abstract class ScheduledSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly logger: Logger;

  protected constructor(
    private readonly name: string,
    private readonly intervalSeconds: number,
  ) {
    this.logger = new Logger(name);
  }

  /** One run; returns how many records it moved on. */
  abstract sweep(): Promise<number>;

  /**
   * Takes `step` for every record `due` finds, a batch at a time, until a batch comes back short; returns how many
   * steps were taken. A step returns false when another sweep took it first; the record must then no longer be due.
   */
  protected async inBatches<T>(due: (batchSize: number) => Promise<T[]>, step: (record: T) => Promise<boolean>): Promise<number> {
    let taken = 0;
    for (;;) {
      const batch = await due(SWEEP_BATCH);
      taken += (await Promise.all(batch.map(step))).filter(Boolean).length;
      if (batch.length < SWEEP_BATCH) return taken;
    }
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, `${this.name} failed; next run in ${this.intervalSeconds} s`))
        .finally(() => (this.running = undefined));
    }, this.intervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
