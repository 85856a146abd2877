import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningKeyPair, importSigningKey } from '@gongzhi/contracts';
import { type JSONWebKeySet, type JWK, SignJWT } from 'jose';

/**
 * The development identity provider: signs person tokens on this machine so the gateway can be tried without a
 * real one. The gateway trusts it only when told to (AUTH_JWKS_PATH=<dir>/dev-issuer.jwks.json,
 * AUTH_ISSUER=gongzhi-dev-issuer); nothing of it ships in the gateway.
 */
export const DEV_ISSUER = 'gongzhi-dev-issuer';
export const DEV_ISSUER_AUDIENCE = 'gongzhi';
export const DEV_ISSUER_PRIVATE_KEY_FILE = 'dev-issuer.private.jwk.json';
export const DEV_ISSUER_JWKS_FILE = 'dev-issuer.jwks.json';

export interface DevIssuerKeys {
  privateJwk: JWK;
  /** The public keys, for the gateway's AUTH_JWKS_PATH. */
  jwksPath: string;
}

/** Creates the issuer's key pair in `dir` unless it is there already; the private key file is readable by its owner only. */
export async function ensureDevIssuerKeys(dir: string): Promise<DevIssuerKeys> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privatePath = path.join(dir, DEV_ISSUER_PRIVATE_KEY_FILE);
  if (!existsSync(privatePath)) {
    const { privateJwk } = await generateSigningKeyPair(`dev-issuer-${new Date().toISOString().slice(0, 10)}`);
    writeExclusively(privatePath, privateJwk);
  }
  const privateJwk = JSON.parse(readFileSync(privatePath, 'utf8')) as JWK;
  // Derived from the private key rather than kept from the generation: the two files can never disagree.
  const { d: _private, ...publicJwk } = privateJwk;
  const jwks: JSONWebKeySet = { keys: [publicJwk] };
  const jwksPath = path.join(dir, DEV_ISSUER_JWKS_FILE);
  if (!existsSync(jwksPath) || readFileSync(jwksPath, 'utf8') !== serialize(jwks)) replaceAtomically(jwksPath, jwks);
  return { privateJwk, jwksPath };
}

/** A person token as an organisation's identity provider would issue it. */
export async function signDevPersonToken(privateJwk: JWK, person: { subject: string; name?: string }, lifetime = '8h'): Promise<string> {
  const { kid, key } = await importSigningKey(privateJwk);
  return new SignJWT(person.name ? { name: person.name } : {})
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_ISSUER_AUDIENCE)
    .setSubject(person.subject)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(key);
}

function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Creates `file` whole or not at all; when two commands race, the first key wins and both use it. */
function writeExclusively(file: string, value: unknown): void {
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
