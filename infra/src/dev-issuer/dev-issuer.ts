import { importSigningKey } from '@gongzhi/contracts';
import { type JWK, SignJWT } from 'jose';
import { ensureKeyPair, type KeyPairFiles } from '../dev-keys/key-pair-files';

/**
 * The development identity provider: signs person tokens on this machine so the gateway can be tried without a
 * real one. The gateway trusts it only when told to (AUTH_JWKS_PATH=<dir>/dev-issuer.jwks.json,
 * AUTH_ISSUER=gongzhi-dev-issuer); nothing of it ships in the gateway.
 */
export const DEV_ISSUER = 'gongzhi-dev-issuer';
export const DEV_ISSUER_AUDIENCE = 'gongzhi';
export const DEV_ISSUER_PRIVATE_KEY_FILE = 'dev-issuer.private.jwk.json';
export const DEV_ISSUER_JWKS_FILE = 'dev-issuer.jwks.json';

export type DevIssuerKeys = KeyPairFiles;

/** Creates the issuer's key pair in `dir` unless it is there already. */
export function ensureDevIssuerKeys(dir: string): Promise<DevIssuerKeys> {
  return ensureKeyPair(dir, 'dev-issuer');
}

/** A person token as an organisation's identity provider would issue it. */
export async function signDevPersonToken(
  privateJwk: JWK,
  person: { subject: string; name?: string },
  lifetime = '8h',
): Promise<string> {
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
