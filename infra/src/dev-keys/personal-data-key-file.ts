import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeExclusively } from './key-pair-files';

/**
 * The development key ring that seals residents' phone and ID numbers in organization's database
 * (`.gongzhi/keys/personal-data.keys.json`, PERSONAL_DATA_KEYS_PATH): made once, kept across runs and by `npm run
 * reset` like the other development keys — losing it would make the sealed demo numbers unreadable. Production gives
 * organization its key ring from a Secret or a KMS-backed store instead.
 */
export function ensurePersonalDataKeyFile(keysDir: string): string {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = path.join(keysDir, 'personal-data.keys.json');
  if (existsSync(file)) return file;
  const id = `dev-${new Date().toISOString().slice(0, 10)}`;
  const ring = { activeKeyId: id, keys: [{ id, secret: randomBytes(32).toString('base64') }] };
  writeExclusively(file, ring);
  return file;
}

/**
 * The environment that gives a service its personal-data key ring: only organization holds residents' phone and ID
 * numbers, so only it gets one — the configured ring when PERSONAL_DATA_KEYS(_PATH) is set, else the development file.
 */
export function personalDataKeyEnv(service: string, env: NodeJS.ProcessEnv, keysDir: string): Record<string, string> {
  if (service !== 'organization' || env.PERSONAL_DATA_KEYS || env.PERSONAL_DATA_KEYS_PATH) return {};
  return { PERSONAL_DATA_KEYS_PATH: ensurePersonalDataKeyFile(keysDir) };
}
