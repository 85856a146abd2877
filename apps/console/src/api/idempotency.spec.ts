import { IdempotencyKeys, newIdempotencyKey } from './idempotency';

describe('Idempotency-Keys: one per intended change', () => {
  it('makes a UUID v4 from random bytes', () => {
    const key = newIdempotencyKey((bytes) => bytes.fill(0xff));
    expect(key).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it('keeps the key for the same request after an answer that did not say what happened', () => {
    let n = 0;
    const keys = new IdempotencyKeys(() => `k${++n}`);
    const ballot = { input: { motionId: 'm1', choice: 'FOR' } };
    expect(keys.keyFor(ballot)).toBe('k1');
    keys.answered('NETWORK');
    expect(keys.keyFor({ ...ballot })).toBe('k1');
    keys.answered('OUTCOME_UNKNOWN');
    expect(keys.keyFor(ballot)).toBe('k1');
  });

  it('makes a new key after a clear answer, and for other variables', () => {
    let n = 0;
    const keys = new IdempotencyKeys(() => `k${++n}`);
    expect(keys.keyFor({ input: { roomId: 'r', attendees: 40 } })).toBe('k1');
    keys.answered('ROOM_BOOKING.OVER_CAPACITY');
    expect(keys.keyFor({ input: { roomId: 'r', attendees: 40 } })).toBe('k2');
    keys.answered('NETWORK');
    expect(keys.keyFor({ input: { roomId: 'r', attendees: 12 } })).toBe('k3');
    keys.answered(undefined);
    expect(keys.keyFor({ input: { roomId: 'r', attendees: 12 } })).toBe('k4');
  });
});
