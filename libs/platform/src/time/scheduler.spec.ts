import { SchedulerRegistry } from '@nestjs/schedule';
import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock } from './clock';
import { Scheduler } from './scheduler';

describe('Scheduler', () => {
  it('runs a job on its interval, never two runs of it at once, and waits for the run in flight at shutdown', async () => {
    const registry = new SchedulerRegistry();
    const scheduler = new Scheduler(registry);
    let running = 0;
    let mostAtOnce = 0;
    let finished = 0;
    scheduler.every({
      name: '淞泽家园七区 lamp sweep',
      intervalSeconds: 0.01,
      run: async () => {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await sleep(60);
        running -= 1;
        finished += 1;
      },
    });
    expect(registry.getIntervals()).toEqual(['淞泽家园七区 lamp sweep']);
    await sleep(150);
    await scheduler.beforeApplicationShutdown();
    expect(mostAtOnce).toBe(1);
    expect(running).toBe(0);
    expect(finished).toBeGreaterThanOrEqual(1);
    expect(registry.getIntervals()).toEqual([]);
    const after = finished;
    await sleep(50);
    expect(finished).toBe(after);
  });

  it('skips ticks while `when` says no and keeps going after a failed run', async () => {
    const scheduler = new Scheduler(new SchedulerRegistry());
    let connected = false;
    let runs = 0;
    scheduler.every({
      name: 'api-key registry sweep',
      intervalSeconds: 0.01,
      when: () => connected,
      run: async () => {
        runs += 1;
        if (runs === 1) throw new Error('NATS went away mid-run');
      },
    });
    await sleep(60);
    expect(runs).toBe(0);
    connected = true;
    await sleep(100);
    await scheduler.beforeApplicationShutdown();
    expect(runs).toBeGreaterThanOrEqual(2);
  });
});

describe('ManualClock', () => {
  it('stands still until moved, and moves by hours or to a time', () => {
    const clock = new ManualClock(new Date('2024-03-01T08:00:00+08:00'));
    expect(clock.now().toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(clock.advance(1.5).toISOString()).toBe('2024-03-01T01:30:00.000Z');
    expect(clock.nowMs()).toBe(Date.parse('2024-03-01T01:30:00.000Z'));
    expect(clock.set(new Date('2024-12-31T16:00:00Z')).toISOString()).toBe('2024-12-31T16:00:00.000Z');
    const seen = clock.now();
    seen.setFullYear(2030);
    expect(clock.now().getUTCFullYear()).toBe(2024);
  });
});
