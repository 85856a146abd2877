import { retryDelay } from './retry-delay';

describe('retryDelay', () => {
  const options = { initialMs: 1_000, maxMs: 30_000 };

  it('doubles with each consecutive failure', () => {
    expect([1, 2, 3, 4, 5].map((failures) => retryDelay(failures, options))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ]);
  });

  it('never exceeds the cap, even after a very long outage', () => {
    expect(retryDelay(6, options)).toBe(30_000);
    expect(retryDelay(10_000, options)).toBe(30_000);
  });

  it('waits nothing before the first failure', () => {
    expect(retryDelay(0, options)).toBe(0);
  });
});
