import { createRateLimiter } from './rate-limiter';

const KEY = 'key-苏州园区物业';

describe('createRateLimiter', () => {
  it('lets a burst through, then says when the next token arrives', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 3; i++) expect(limiter.take(KEY, 60, 3, 0)).toEqual({ allowed: true });
    expect(limiter.take(KEY, 60, 3, 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take(KEY, 60, 3, 1_000)).toEqual({ allowed: true });
    expect(limiter.take(KEY, 60, 3, 1_000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills perMinute/60 tokens a second and rounds the wait up to whole seconds', () => {
    const limiter = createRateLimiter();
    expect(limiter.take(KEY, 6, 1, 0)).toEqual({ allowed: true }); // one token every 10 s
    expect(limiter.take(KEY, 6, 1, 0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take(KEY, 6, 1, 4_500)).toEqual({ allowed: false, retryAfterSeconds: 6 });
    expect(limiter.take(KEY, 6, 1, 10_000)).toEqual({ allowed: true });
  });

  it('asks for at least one second even when the token is a moment away', () => {
    const limiter = createRateLimiter();
    limiter.take(KEY, 600_000, 1, 0); // ten thousand a second
    expect(limiter.take(KEY, 600_000, 1, 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('never holds more than the burst, however long a key was idle', () => {
    const limiter = createRateLimiter();
    limiter.take(KEY, 60, 2, 0);
    const hourLater = 3_600_000;
    expect([1, 2, 3].map(() => limiter.take(KEY, 60, 2, hourLater).allowed)).toEqual([true, true, false]);
  });

  it('keeps one bucket per key', () => {
    const limiter = createRateLimiter();
    expect(limiter.take(KEY, 60, 1, 0).allowed).toBe(true);
    expect(limiter.take(KEY, 60, 1, 0).allowed).toBe(false);
    expect(limiter.take('key-淞源社区养老驿站', 60, 1, 0).allowed).toBe(true);
  });

  it('forgets buckets that are full again, so memory follows the keys in use', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 1_000; i++) limiter.take(`key-${i}`, 60, 60, 0); // full again one second later
    for (let i = 0; i < 5; i++) limiter.take('key-slow', 1, 5, 0); // drained: full again five minutes later
    expect(limiter.size()).toBe(1_001);
    limiter.take('key-late', 60, 60, 61_000);
    expect(limiter.size()).toBe(2); // key-slow, key-late
    // A forgotten bucket behaves as the full one it was.
    expect([1, 2].map(() => limiter.take('key-7', 60, 1, 61_000).allowed)).toEqual([true, false]);
  });
});
