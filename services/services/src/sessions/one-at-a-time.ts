/**
 * Runs the tasks given for one key one after another, in the order they came; tasks of different keys run side by
 * side. Bookings of one session all write its counters, so MongoDB lets one transaction at a time through and makes
 * the others abort and retry: with fifty at once, the retries alone would outlast the gateway's timeout. Queued in
 * the process instead, they meet no conflict here, and are served first come, first served; the transactions still
 * guard the places against other replicas.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with tasks running or waiting. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
