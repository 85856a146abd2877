import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

export interface PeriodicJob {
  /** Names the job in logs and in @nestjs/schedule's registry; unique in the app. */
  name: string;
  intervalSeconds: number;
  /** One run. A run still going when the next is due is not overlapped: that tick is skipped. */
  run: () => Promise<unknown>;
  /** Ticks on which this answers false are skipped (for example: NATS is away, the reconnection catches up). */
  when?: () => boolean;
}

/**
 * The one way a subgraph does periodic work (sweeps of deadlines, lapses, escalations, the API-key registry's
 * reconcile): intervals registered with @nestjs/schedule's SchedulerRegistry, one run at a time per job, failures
 * logged and retried on the next tick, and shutdown waiting for runs in flight. Every replica runs its own jobs, so
 * a job must be safe to run twice at once (conditional writes that a second run finds already done).
 */
@Injectable()
export class Scheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger(Scheduler.name);
  private readonly running = new Map<string, Promise<unknown>>();
  private stopped = false;

  constructor(private readonly registry: SchedulerRegistry) {}

  every(job: PeriodicJob): void {
    const timer = setInterval(() => this.tick(job), job.intervalSeconds * 1000);
    timer.unref();
    this.registry.addInterval(job.name, timer);
  }

  private tick({ name, intervalSeconds, run, when }: PeriodicJob): void {
    if (this.stopped || this.running.has(name) || (when && !when())) return;
    const current = run()
      .catch((error: unknown) => this.logger.error({ err: error }, `${name} failed; next run in ${intervalSeconds} s`))
      .finally(() => this.running.delete(name));
    this.running.set(name, current);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const name of this.registry.getIntervals()) this.registry.deleteInterval(name);
    await Promise.all(this.running.values());
  }
}
