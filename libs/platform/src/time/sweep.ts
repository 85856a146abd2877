import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { Scheduler } from './scheduler';

/** Records moved on per round trip of a sweep. */
const SWEEP_BATCH = 50;

/**
 * Work that time passing calls for (nothing announces it as an event): a sweep the app runs every
 * `intervalSeconds` through the platform's Scheduler, and tests call directly on a clock they move. Every replica
 * runs its own, so a sweep must take each step with a conditional update that a second sweep finds already taken.
 */
export abstract class ScheduledSweep implements OnApplicationBootstrap {
  @Inject(Scheduler) private readonly scheduler!: Scheduler;

  protected constructor(
    private readonly sweepName: string,
    private readonly intervalSeconds: number,
  ) {}

  /** One run; returns what it did (facilities' sweeps: how many records it moved on). */
  abstract sweep(): Promise<unknown>;

  /**
   * Takes `step` for every record `due` finds, a batch at a time, until a batch comes back short; returns how many
   * steps were taken. A step returns false when another sweep took it first; the record must then no longer be due.
   */
  protected async inBatches<T>(
    due: (batchSize: number) => Promise<T[]>,
    step: (record: T) => Promise<boolean>,
  ): Promise<number> {
    let taken = 0;
    for (;;) {
      const batch = await due(SWEEP_BATCH);
      taken += (await Promise.all(batch.map(step))).filter(Boolean).length;
      if (batch.length < SWEEP_BATCH) return taken;
    }
  }

  onApplicationBootstrap(): void {
    this.scheduler.every({ name: this.sweepName, intervalSeconds: this.intervalSeconds, run: () => this.sweep() });
  }
}
