import { loadOrganizationConfig } from '../../../services/organization/src/config';
import { BENCH_KEY_POINTS_PER_MINUTE, BENCH_STACK_ENV, keyCeilingOf } from './key-ceiling';

describe("the bench's partner key and the stack's ceiling", () => {
  it('starts organization with a ceiling that lets the bench grant its key what it asks', () => {
    const config = loadOrganizationConfig({
      MONGODB_URI: 'mongodb://127.0.0.1:27017/?replicaSet=rs0',
      INTERNAL_TOKEN_JWKS: '{"keys":[]}',
      PERSONAL_DATA_KEYS: '{}',
      ...BENCH_STACK_ENV,
    });
    expect(config.API_KEY_MAX_RATE_LIMIT_PER_MINUTE).toBe(BENCH_KEY_POINTS_PER_MINUTE);
  });

  it("reads the ceiling of a running stack from organization's refusal, and nothing from other errors", () => {
    const refusal = {
      message: 'A key may be granted at most 100000 points a minute (rateLimitPerMinute), not 1000000000',
      extensions: { code: 'API_KEY.INVALID_RATE_LIMIT', field: 'rateLimitPerMinute', max: 100_000 },
    };
    expect(keyCeilingOf([refusal])).toBe(100_000);
    expect(keyCeilingOf([{ message: 'x', extensions: { code: 'FORBIDDEN' } }, refusal])).toBe(100_000);
    expect(keyCeilingOf([{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }])).toBeUndefined();
    expect(keyCeilingOf([{ extensions: { code: 'API_KEY.INVALID_RATE_LIMIT', max: 'many' } }])).toBeUndefined();
    expect(keyCeilingOf([{ extensions: { code: 'API_KEY.INVALID_RATE_LIMIT', max: 0 } }])).toBeUndefined();
    expect(keyCeilingOf([null])).toBeUndefined();
    expect(keyCeilingOf(undefined)).toBeUndefined();
  });
});
