import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningKeyPair, type JSONWebKeySet, type JWK } from '@gongzhi/contracts';

export interface KeyPairFiles {
  /** The private JWK: only the signer reads it. */
  privateJwk: JWK;
  /** `<name>.private.jwk.json`, readable by its owner only. */
  privateKeyPath: string;
  /** `<name>.jwks.json`: the public keys, for whoever verifies. */
  jwksPath: string;
}

/**
 * A development key pair under `.gongzhi/keys/` (the internal-token keys, the development identity provider's), made
 * once and kept across runs and by `npm run reset`, so tokens printed earlier stay valid. Production keys come from
 * the operator instead. The private key file is the source of truth; the JWKS is derived from it, so the two files
 * can never disagree.
 */
export async function ensureKeyPair(keysDir: string, name: string): Promise<KeyPairFiles> {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const privateKeyPath = path.join(keysDir, `${name}.private.jwk.json`);
  if (!existsSync(privateKeyPath)) {
    const { privateJwk } = await generateSigningKeyPair(`${name}-${new Date().toISOString().slice(0, 10)}`);
    writeExclusively(privateKeyPath, privateJwk);
  }
  const privateJwk = JSON.parse(readFileSync(privateKeyPath, 'utf8')) as JWK;
  const { d: _private, ...publicJwk } = privateJwk;
  const jwks: JSONWebKeySet = { keys: [publicJwk] };
  const jwksPath = path.join(keysDir, `${name}.jwks.json`);
  if (!existsSync(jwksPath) || readFileSync(jwksPath, 'utf8') !== serialize(jwks)) replaceAtomically(jwksPath, jwks);
  return { privateJwk, privateKeyPath, jwksPath };
}

function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Creates `file` whole or not at all, readable by its owner only; when two commands race, the first key wins and both use it. */
export function writeExclusively(file: string, value: unknown): void {
  const temporary = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temporary, serialize(value), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** Readers (a starting gateway) see the old file or the new one, never half of one. */
function replaceAtomically(file: string, value: unknown): void {
  const temporary = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temporary, serialize(value));
  renameSync(temporary, file);
}
