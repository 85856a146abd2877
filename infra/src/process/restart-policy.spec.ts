import { RestartPolicy } from './restart-policy';

describe('RestartPolicy', () => {
  it('doubles the delay for each quick crash in a row, up to the cap', () => {
    const policy = new RestartPolicy({ initialMs: 500, maxMs: 4_000, stableAfterMs: 60_000 });
    const delays = Array.from({ length: 6 }, () => policy.crashed(1_000).delayMs);
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
  });

  it('reports a crash loop from the n-th quick crash on, and keeps restarting', () => {
    const policy = new RestartPolicy({ crashLoopAfter: 3 });
    expect([1, 2, 3, 4].map(() => policy.crashed(100))).toEqual([
      { attempt: 1, delayMs: 500, crashLoop: false },
      { attempt: 2, delayMs: 1_000, crashLoop: false },
      { attempt: 3, delayMs: 2_000, crashLoop: true },
      { attempt: 4, delayMs: 4_000, crashLoop: true },
    ]);
  });

  it('starts again from the first delay after a process ran stably', () => {
    const policy = new RestartPolicy({ initialMs: 200, stableAfterMs: 10_000 });
    policy.crashed(50);
    policy.crashed(50);
    expect(policy.crashed(50).delayMs).toBe(800);
    expect(policy.crashed(10_000)).toEqual({ attempt: 1, delayMs: 200, crashLoop: false });
  });

  it('refuses a cap below the first delay', () => {
    expect(() => new RestartPolicy({ initialMs: 1_000, maxMs: 500 })).toThrow('0 < initialMs ≤ maxMs');
  });
});
