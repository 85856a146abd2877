import { setTimeout as sleep } from 'node:timers/promises';
import { OneAtATime } from './one-at-a-time';

describe('OneAtATime', () => {
  it('runs the tasks of a key in the order they came, never two at once, even when one fails', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    let running = 0;
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run('class', task('a', 20)),
      queue.run('class', task('b', 1, true)),
      queue.run('class', task('c', 5)),
    ]);
    expect(
      results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message)),
    ).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.busyKeys).toBe(0);
  });

  it('lets different keys run side by side', async () => {
    const queue = new OneAtATime();
    const started: string[] = [];
    const slow = (name: string) => async () => {
      started.push(name);
      await sleep(20);
    };
    const both = Promise.all([queue.run('class 1', slow('1')), queue.run('class 2', slow('2'))]);
    await sleep(5);
    expect(started).toEqual(['1', '2']);
    await both;
  });
});
