import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { personalDataKeyEnv } from './personal-data-key-file';

// Both `npm start` and `npm start -- --cluster` give organization (and only organization) its key ring this way; the
// cluster once left it out and organization's demo loader refused to start.
describe('personalDataKeyEnv', () => {
  const keysDir = () => mkdtempSync(path.join(os.tmpdir(), 'gongzhi-keys-'));

  it('gives organization the development key ring, made once and kept', () => {
    const dir = keysDir();
    const first = personalDataKeyEnv('organization', {}, dir);
    expect(first.PERSONAL_DATA_KEYS_PATH).toBe(path.join(dir, 'personal-data.keys.json'));
    const ring = readFileSync(first.PERSONAL_DATA_KEYS_PATH, 'utf8');
    expect(JSON.parse(ring)).toMatchObject({ activeKeyId: expect.any(String), keys: [{ secret: expect.any(String) }] });
    expect(personalDataKeyEnv('organization', {}, dir)).toEqual(first);
    expect(readFileSync(first.PERSONAL_DATA_KEYS_PATH, 'utf8')).toBe(ring);
  });

  it('gives the other services nothing, and leaves a configured key ring alone', () => {
    const dir = keysDir();
    for (const service of ['services', 'facilities', 'deliberation', 'gateway'])
      expect(personalDataKeyEnv(service, {}, dir)).toEqual({});
    expect(
      personalDataKeyEnv(
        'organization',
        { PERSONAL_DATA_KEYS_PATH: '/etc/gongzhi/personal-data/personal-data.keys.json' },
        dir,
      ),
    ).toEqual({});
    expect(personalDataKeyEnv('organization', { PERSONAL_DATA_KEYS: '{"activeKeyId":"k1","keys":[]}' }, dir)).toEqual(
      {},
    );
  });
});
