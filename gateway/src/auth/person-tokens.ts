import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { ConfigurationError } from '@gongzhi/platform/config';
import { AuthenticationError, AuthenticationUnavailableError } from './auth-errors';

/** Where the identity provider's public keys are, and what its tokens must say. */
export type PersonTokenSource = ({ jwksUrl: string } | { jwksPath: string }) & { issuer: string; audience: string };

/** Who a valid token says the caller is. */
export interface VerifiedPerson {
  subject: string;
  name?: string;
}

export type PersonTokenVerifier = (token: string) => Promise<VerifiedPerson>;

/** A verified person and when (epoch seconds) their token expires. */
export type VerifiedPersonToken = VerifiedPerson & { expiresAt: number };

export interface PersonTokenCacheOptions {
  /** Tokens remembered at once; the least recently used are dropped first. Default 10,000. */
  max?: number;
  /** The longest a verification is reused, however long the token lives. Default 60 s. */
  maxAgeMs?: number;
  /** For tests: epoch milliseconds. */
  now?: () => number;
}

const ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_SUBJECT_LENGTH = 256;

// What a bad token can make jose throw; anything else (the JWKS endpoint down, slow or broken) is our problem, not the caller's.
const REFUSED_TOKEN_ERRORS = [
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
];

export function createPersonTokenVerifier(
  source: PersonTokenSource,
  cache: PersonTokenCacheOptions = {},
): PersonTokenVerifier {
  return cachePersonTokens(verifyPersonTokens(source), cache);
}

/**
 * Remembers tokens that verified (an EdDSA or RSA verification per request was a visible share of the gateway's CPU
 * profile): the exact token string, until the token's own `exp` and at most `maxAgeMs`. A refused token is never
 * remembered, so it is checked afresh each time; an expired one is refused as before (the cache never outlives `exp`,
 * and is stricter than the verifier's clock tolerance). What it does not see within `maxAgeMs`: a key the identity
 * provider withdrew from its JWKS. Roles are not here: they come from the person directory, per request.
 */
export function cachePersonTokens(
  verify: (token: string) => Promise<VerifiedPersonToken>,
  options: PersonTokenCacheOptions = {},
): PersonTokenVerifier {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const verified = new LRUCache<string, VerifiedPersonToken>({
    max: options.max ?? 10_000,
    ...(options.now && { perf: { now: options.now }, ttlResolution: 0 }),
  });
  return async (token) => {
    const known = verified.get(token);
    if (known && known.expiresAt * 1000 > now()) return personOf(known);
    const person = await verify(token);
    const ttl = Math.min(maxAgeMs, person.expiresAt * 1000 - now());
    if (ttl > 0) verified.set(token, person, { ttl });
    return personOf(person);
  };
}

const personOf = ({ subject, name }: VerifiedPersonToken): VerifiedPerson => (name ? { subject, name } : { subject });

function verifyPersonTokens(source: PersonTokenSource): (token: string) => Promise<VerifiedPersonToken> {
  const keys = 'jwksUrl' in source ? createRemoteJWKSet(new URL(source.jwksUrl)) : readLocalKeys(source.jwksPath);
  return async (token) => {
    let payload: { sub?: string; name?: unknown; exp?: number };
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: source.issuer,
        audience: source.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw toAuthenticationError(error);
    }
    const subject = payload.sub;
    if (!subject || subject.length > MAX_SUBJECT_LENGTH) throw new AuthenticationError('The token is invalid');
    const expiresAt = payload.exp!; // required above
    return typeof payload.name === 'string' && payload.name
      ? { subject, name: payload.name, expiresAt }
      : { subject, expiresAt };
  };
}

function readLocalKeys(file: string): JWTVerifyGetKey {
  try {
    return createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet);
  } catch {
    throw new ConfigurationError([`AUTH_JWKS_PATH: ${file} is not a readable JWKS file`]);
  }
}

function toAuthenticationError(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new AuthenticationError('The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'iss' || error.claim === 'aud'
      ? new AuthenticationError('The token is not for this service (wrong issuer or audience)')
      : new AuthenticationError('The token is invalid');
  }
  if (REFUSED_TOKEN_ERRORS.some((type) => error instanceof type))
    return new AuthenticationError('The token is invalid');
  return new AuthenticationUnavailableError('The identity provider keys could not be loaded', { cause: error });
}
