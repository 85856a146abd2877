import { randomBytes } from 'node:crypto';

/**
 * The key ring that seals residents' phone and ID numbers in organization under test (one per test file: jest gives
 * each file its own module registry). Every process of organization a test file starts — the app in the test, its
 * build in a child process, its demo loader — must get the same one, as in production.
 */
let keys: string | undefined;
export function testPersonalDataKeyEnv(): { PERSONAL_DATA_KEYS: string } {
  keys ??= JSON.stringify({
    activeKeyId: 'test-1',
    keys: [{ id: 'test-1', secret: randomBytes(32).toString('base64') }],
  });
  return { PERSONAL_DATA_KEYS: keys };
}
