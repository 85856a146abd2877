import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningKeyPair } from '@gongzhi/contracts';

export interface KeyPairFiles {
  /** The private JWK (mode 0600): only the signer reads it. */
  privateKeyPath: string;
  /** The public JWKS: whoever verifies reads it. */
  jwksPath: string;
}

/**
 * A development key pair under `.gongzhi/keys/`, made once and kept across runs (so tokens printed earlier stay
 * valid); `npm run reset` deletes it with the rest of the state. Production keys come from the operator instead.
 */
export async function ensureKeyPair(keysDir: string, name: string): Promise<KeyPairFiles> {
  const files = { privateKeyPath: path.join(keysDir, `${name}.private.jwk.json`), jwksPath: path.join(keysDir, `${name}.jwks.json`) };
  if (existsSync(files.privateKeyPath) && existsSync(files.jwksPath)) return files;
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const { privateJwk, jwks } = await generateSigningKeyPair(`${name}-${new Date().toISOString().slice(0, 10)}`);
  writeFileSync(files.privateKeyPath, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(files.jwksPath, `${JSON.stringify(jwks, null, 2)}\n`);
  return files;
}
