import { ConfigurationError } from '@gongzhi/platform';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The keys that seal residents' phone and 居民身份证 numbers at rest: a JSON key ring, from PERSONAL_DATA_KEYS (the
 * JSON itself, e.g. from a Kubernetes Secret or a KMS-backed secret store) or PERSONAL_DATA_KEYS_PATH (a file; `npm
 * start` makes `.gongzhi/keys/personal-data.keys.json` for development):
 *
 *   { "activeKeyId": "2026-12", "keys": [ { "id": "2026-12", "secret": "<32 random bytes, base64>" }, … ] }
 *
 * New values are sealed with the active key; the others still open what they sealed until `reseal-personal-data`
 * has moved every value to the active key (see docs/security.md, "Personal data at rest").
 */
export const PERSONAL_DATA_KEY_BYTES = 32;

const keyRingSchema = z
  .object({
    activeKeyId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be 1–40 letters, digits, dots, dashes or underscores'),
    keys: z
      .array(
        z.object({
          id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be 1–40 letters, digits, dots, dashes or underscores'),
          secret: z
            .string()
            .refine(
              (value) =>
                /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === PERSONAL_DATA_KEY_BYTES,
              {
                message: `must be ${PERSONAL_DATA_KEY_BYTES} random bytes in base64 (openssl rand -base64 ${PERSONAL_DATA_KEY_BYTES})`,
              },
            ),
        }),
      )
      .min(1, 'must list at least one key'),
  })
  .superRefine((ring, ctx) => {
    const ids = ring.keys.map((key) => key.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['keys'], message: 'must not list a key id twice' });
    if (!ids.includes(ring.activeKeyId))
      ctx.addIssue({ code: 'custom', path: ['activeKeyId'], message: `names no key of the ring (${ids.join(', ')})` });
    const secrets = ring.keys.map((key) => key.secret);
    if (new Set(secrets).size !== secrets.length)
      ctx.addIssue({ code: 'custom', path: ['keys'], message: 'must not use one secret under two ids' });
  });

export interface PersonalDataKey {
  id: string;
  secret: Buffer;
}

export interface PersonalDataKeyRing {
  activeKeyId: string;
  keys: PersonalDataKey[];
}

export interface PersonalDataKeysConfig {
  PERSONAL_DATA_KEYS?: string;
  PERSONAL_DATA_KEYS_PATH?: string;
}

/** The key ring of the configuration, validated; a ConfigurationError naming the variable otherwise. */
export function loadPersonalDataKeyRing(config: PersonalDataKeysConfig): PersonalDataKeyRing {
  const { PERSONAL_DATA_KEYS: inline, PERSONAL_DATA_KEYS_PATH: path } = config;
  if (inline && path)
    throw new ConfigurationError(['PERSONAL_DATA_KEYS and PERSONAL_DATA_KEYS_PATH: set one, not both']);
  if (!inline && !path) {
    throw new ConfigurationError([
      'PERSONAL_DATA_KEYS_PATH is required: the key ring that encrypts residents’ phone and ID numbers (npm start writes .gongzhi/keys/personal-data.keys.json; or set PERSONAL_DATA_KEYS to the JSON)',
    ]);
  }
  const variable = inline ? 'PERSONAL_DATA_KEYS' : 'PERSONAL_DATA_KEYS_PATH';
  let text: string;
  try {
    text = inline ?? readFileSync(path!, 'utf8');
  } catch {
    throw new ConfigurationError([`PERSONAL_DATA_KEYS_PATH cannot read ${path}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigurationError([`${variable} is not JSON`]);
  }
  const parsed = keyRingSchema.safeParse(json);
  // Never echo the value: it is a secret.
  if (!parsed.success)
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => `${variable} ${issue.path.join('.') || '(root)'} ${issue.message}`),
    );
  return {
    activeKeyId: parsed.data.activeKeyId,
    keys: parsed.data.keys.map((key) => ({ id: key.id, secret: Buffer.from(key.secret, 'base64') })),
  };
}
