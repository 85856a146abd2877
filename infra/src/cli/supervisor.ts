import { describeExit, type ManagedProcess, type ProcessExit } from '../process/managed-process';
import { RestartPolicy, type RestartPolicyOptions } from '../process/restart-policy';

export interface Component {
  name: string;
  stop(): Promise<void>;
}

/** Thrown when a component finishes starting after shutdown began. */
export class ShutdownInProgress extends Error {
  constructor() {
    super('shutting down');
  }
}

export interface SupervisedSpec {
  name: string;
  /** Spawns the process (synchronously, so a shutdown that begins meanwhile can stop it). */
  spawn(): ManagedProcess;
  /** Resolves once the process serves (e.g. answers /health/live); throws if it does not. */
  ready(process: ManagedProcess): Promise<void>;
  restart?: RestartPolicyOptions;
}

/** A process the supervisor restarts when it dies on its own. */
export interface SupervisedProcess extends Component {
  /** The process running now (or the one that died, until its restart). */
  readonly current: ManagedProcess | undefined;
  /** Restarts that succeeded so far. */
  readonly restarts: number;
  /** A planned restart, as a rolling deploy does it: SIGTERM (a graceful shutdown), wait for the exit, start, wait until ready. */
  roll(): Promise<void>;
}

/**
 * Keeps what `start` has started so shutdown can stop it in reverse order, once; restarts supervised processes that
 * crash, with exponential back-off, without touching the others.
 */
export class Supervisor {
  private readonly components: Component[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}

  async add(component: Component): Promise<void> {
    if (this.stopping) {
      await component.stop();
      throw new ShutdownInProgress();
    }
    this.components.push(component);
  }

  /**
   * Starts a process and keeps it running: when it exits without being asked to, it is started again after a
   * back-off delay, and a crash loop is reported. The first start fails like any start-up error.
   */
  async supervise(spec: SupervisedSpec): Promise<SupervisedProcess> {
    const supervised = new Restarter(spec, this.log);
    await this.add(supervised);
    await supervised.start();
    return supervised;
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const component of [...this.components].reverse()) {
        try {
          await component.stop();
          this.log(`stopped ${component.name}`);
        } catch (error) {
          this.log(`could not stop ${component.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.stopping;
  }
}

class Restarter implements SupervisedProcess {
  readonly name: string;
  current: ManagedProcess | undefined;
  restarts = 0;
  private readonly policy: RestartPolicy;
  private stopped = false;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly spec: SupervisedSpec,
    private readonly log: (line: string) => void,
  ) {
    this.name = spec.name;
    this.policy = new RestartPolicy(spec.restart);
  }

  async start(): Promise<void> {
    const child = this.spawn();
    await this.spec.ready(child);
    this.watch(child);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current?.stop();
  }

  async roll(): Promise<void> {
    clearTimeout(this.timer);
    await this.current?.stop();
    if (this.stopped) return;
    const child = this.spawn();
    await this.spec.ready(child);
    this.watch(child);
  }

  private spawn(): ManagedProcess {
    this.startedAt = Date.now();
    this.current = this.spec.spawn();
    return this.current;
  }

  private watch(child: ManagedProcess): void {
    child.onUnexpectedExit((exit) => this.crashed(child, exit));
  }

  private crashed(child: ManagedProcess, exit: ProcessExit | undefined, why?: string): void {
    if (this.stopped) return;
    const { attempt, delayMs, crashLoop } = this.policy.crashed(Date.now() - this.startedAt);
    const what = why ?? (exit ? describeExit(exit) : 'stopped');
    this.log(`${this.name} ${what}; restarting in ${delayMs} ms (attempt ${attempt}); see its log ${child.logPath}`);
    if (crashLoop) {
      this.log(
        `${this.name} is in a crash loop: ${attempt} crashes in a row, each within ${this.policy.stableAfterMs / 1000} s of starting; ` +
          `still retrying, at most every ${this.policy.maxMs / 1000} s — see ${child.logPath}`,
      );
    }
    this.timer = setTimeout(() => void this.restart(), delayMs);
  }

  private async restart(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    const child = this.spawn();
    try {
      await this.spec.ready(child);
    } catch (error) {
      if (this.stopped) return;
      if (!child.exit) await child.stop();
      this.crashed(child, child.exit, `did not come back (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    if (this.stopped) return;
    this.restarts += 1;
    this.log(`${this.name} restarted (pid ${child.pid})`);
    this.watch(child);
  }
}
