import { ConfigurationError } from '@gongzhi/platform';
import { randomBytes } from 'node:crypto';
import { loadPersonalDataKeyRing } from './personal-data-keys';

describe('the personal-data key ring from configuration', () => {
  const secret = randomBytes(32).toString('base64');
  const ring = (value: unknown) => ({ PERSONAL_DATA_KEYS: JSON.stringify(value) });
  const problemsOf = (config: Parameters<typeof loadPersonalDataKeyRing>[0]) => {
    try {
      loadPersonalDataKeyRing(config);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('takes a ring with its active key', () => {
    const loaded = loadPersonalDataKeyRing(ring({ activeKeyId: '2026-12', keys: [{ id: '2026-12', secret }] }));
    expect(loaded).toEqual({
      activeKeyId: '2026-12',
      keys: [{ id: '2026-12', secret: Buffer.from(secret, 'base64') }],
    });
  });

  it.each([
    ['nothing set', {}, 'PERSONAL_DATA_KEYS_PATH is required'],
    ['both set', { PERSONAL_DATA_KEYS: '{}', PERSONAL_DATA_KEYS_PATH: '/run/secrets/keys.json' }, 'set one, not both'],
    [
      'an unreadable file',
      { PERSONAL_DATA_KEYS_PATH: '/nonexistent/personal-data.keys.json' },
      'PERSONAL_DATA_KEYS_PATH cannot read /nonexistent/personal-data.keys.json',
    ],
    ['not JSON', { PERSONAL_DATA_KEYS: 'activeKeyId=1' }, 'PERSONAL_DATA_KEYS is not JSON'],
    [
      'a short secret',
      ring({ activeKeyId: 'a', keys: [{ id: 'a', secret: 'c2hvcnQ=' }] }),
      'PERSONAL_DATA_KEYS keys.0.secret must be 32 random bytes in base64',
    ],
    [
      'an active key not in the ring',
      ring({ activeKeyId: 'b', keys: [{ id: 'a', secret }] }),
      'PERSONAL_DATA_KEYS activeKeyId names no key of the ring (a)',
    ],
    [
      'a key id twice',
      ring({
        activeKeyId: 'a',
        keys: [
          { id: 'a', secret },
          { id: 'a', secret: randomBytes(32).toString('base64') },
        ],
      }),
      'must not list a key id twice',
    ],
    [
      'one secret under two ids',
      ring({
        activeKeyId: 'a',
        keys: [
          { id: 'a', secret },
          { id: 'b', secret },
        ],
      }),
      'must not use one secret under two ids',
    ],
  ])('refuses %s, naming the variable and never the secret', (_case, config, problem) => {
    const message = problemsOf(config);
    expect(message).toContain(problem);
    expect(message).not.toContain(secret);
  });
});
