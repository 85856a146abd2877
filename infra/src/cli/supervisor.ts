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

/** Keeps what `start` has started so shutdown can stop it in reverse order, once. */
export class Supervisor {
  private readonly components: Component[] = [];
  private stopping: Promise<void> | undefined;

  async add(component: Component): Promise<void> {
    if (this.stopping) {
      await component.stop();
      throw new ShutdownInProgress();
    }
    this.components.push(component);
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const component of [...this.components].reverse()) {
        try {
          await component.stop();
          console.log(`stopped ${component.name}`);
        } catch (error) {
          console.error(`could not stop ${component.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.stopping;
  }
}
