import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type KeyLike,
} from 'jose';
import { errors as joseErrors } from 'jose';

export type { JSONWebKeySet, JWK } from 'jose';
import { z } from 'zod';
import { type Actor, actorSchema } from './actor';

/**
 * The gateway → subgraph trust boundary. For every subgraph request the gateway signs a short-lived token
 * (EdDSA, audience = that subgraph) carrying the verified actor; subgraphs accept nothing else. It travels as
 * `Authorization: Bearer <token>` on the gateway's own request, never mixed with the caller's credentials.
 */
export const INTERNAL_TOKEN_ISSUER = 'gongzhi-gateway';
export const INTERNAL_TOKEN_ALGORITHM = 'EdDSA';
/** The most a subgraph accepts, whatever the token says; the gateway signs for less. */
export const INTERNAL_TOKEN_MAX_LIFETIME_SECONDS = 60;
export const INTERNAL_TOKEN_DEFAULT_LIFETIME_SECONDS = 30;

export interface InternalTokenClaims {
  actor: Actor;
  /** The subgraph the token is for: organization, services, facilities, deliberation. */
  audience: string;
  requestId: string;
  /** What the caller said the request is for (`X-Purpose`), kept in the access audit of sensitive reads. */
  purpose?: string;
  /**
   * How long, in ms from receipt, the subgraph may work on the request before the gateway gives up on it (shorter
   * than the gateway's own timeout). Relative, so the hosts' clocks need not agree; signed, so nobody stretches it.
   */
  budgetMs?: number;
}

export interface SigningKey {
  kid: string;
  key: KeyLike | Uint8Array;
}

export interface InternalTokenSigner {
  sign(claims: InternalTokenClaims): Promise<string>;
}

export function createInternalTokenSigner(
  signingKey: SigningKey,
  lifetimeSeconds = INTERNAL_TOKEN_DEFAULT_LIFETIME_SECONDS,
): InternalTokenSigner {
  if (lifetimeSeconds <= 0 || lifetimeSeconds > INTERNAL_TOKEN_MAX_LIFETIME_SECONDS) {
    throw new RangeError(
      `An internal token lives 1 to ${INTERNAL_TOKEN_MAX_LIFETIME_SECONDS} seconds, not ${lifetimeSeconds}`,
    );
  }
  return {
    sign: ({ actor, audience, requestId, purpose, budgetMs }) =>
      new SignJWT({
        act: actor,
        rid: requestId,
        ...(purpose && { pur: purpose }),
        ...(budgetMs !== undefined && { bud: Math.max(0, Math.floor(budgetMs)) }),
      })
        .setProtectedHeader({ alg: INTERNAL_TOKEN_ALGORITHM, kid: signingKey.kid, typ: 'gongzhi-internal+jwt' })
        .setIssuer(INTERNAL_TOKEN_ISSUER)
        .setAudience(audience)
        .setSubject(actor.id)
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(signingKey.key),
  };
}

/** Why a subgraph refused a token; the message is safe to send back in the 401. */
export class InternalTokenError extends Error {
  override readonly name = 'InternalTokenError';
}

export interface VerifiedInternalToken {
  actor: Actor;
  requestId: string;
  purpose?: string;
  /** See InternalTokenClaims.budgetMs; absent on requests without a deadline (health checks, tests). */
  budgetMs?: number;
}

const claimsSchema = z.object({
  act: actorSchema,
  rid: z.string().min(1).max(128),
  pur: z.string().max(200).optional(),
  bud: z
    .number()
    .int()
    .min(0)
    .max(INTERNAL_TOKEN_MAX_LIFETIME_SECONDS * 1000)
    .optional(),
});

/** Verifies tokens for one subgraph against the gateway's public keys (several while keys rotate). */
export function createInternalTokenVerifier(
  jwks: JSONWebKeySet,
  audience: string,
): (token: string) => Promise<VerifiedInternalToken> {
  const keys = createLocalJWKSet(jwks);
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: INTERNAL_TOKEN_ISSUER,
        audience,
        algorithms: [INTERNAL_TOKEN_ALGORITHM],
        maxTokenAge: `${INTERNAL_TOKEN_MAX_LIFETIME_SECONDS}s`,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new InternalTokenError('The internal token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw new InternalTokenError(`The internal token is not for this service (${error.claim})`);
      throw new InternalTokenError('The internal token is invalid');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new InternalTokenError('The internal token carries no valid actor');
    return { actor: claims.data.act, requestId: claims.data.rid, purpose: claims.data.pur, budgetMs: claims.data.bud };
  };
}

export interface SigningKeyPair {
  /** Secret: the gateway's signing key, a private JWK with its kid. */
  privateJwk: JWK;
  /** Public: what subgraphs verify with. */
  jwks: JSONWebKeySet;
}

/** A fresh Ed25519 key pair: what `npm start` and the test harness make for themselves. */
export async function generateSigningKeyPair(kid: string): Promise<SigningKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(INTERNAL_TOKEN_ALGORITHM, {
    crv: 'Ed25519',
    extractable: true,
  });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: INTERNAL_TOKEN_ALGORITHM, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: INTERNAL_TOKEN_ALGORITHM, use: 'sig' };
  return { privateJwk, jwks: { keys: [publicJwk] } };
}

/** Turns a private JWK (as generateSigningKeyPair writes it) into a key to sign with. */
export async function importSigningKey(privateJwk: JWK): Promise<SigningKey> {
  if (!privateJwk.kid || !privateJwk.d)
    throw new InternalTokenError('A signing key needs its private part (d) and a kid');
  return { kid: privateJwk.kid, key: (await importJWK(privateJwk, INTERNAL_TOKEN_ALGORITHM)) as KeyLike };
}
