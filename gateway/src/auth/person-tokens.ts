import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { ConfigurationError } from '@gongzhi/platform';
import { AuthenticationError, AuthenticationUnavailableError } from './auth-errors';

/** Where the identity provider's public keys are, and what its tokens must say. */
export type PersonTokenSource = ({ jwksUrl: string } | { jwksPath: string }) & { issuer: string; audience: string };

/** Who a valid token says the caller is. */
export interface VerifiedPerson {
  subject: string;
  name?: string;
}

export type PersonTokenVerifier = (token: string) => Promise<VerifiedPerson>;

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

export function createPersonTokenVerifier(source: PersonTokenSource): PersonTokenVerifier {
  const keys = 'jwksUrl' in source ? createRemoteJWKSet(new URL(source.jwksUrl)) : readLocalKeys(source.jwksPath);
  return async (token) => {
    let payload: { sub?: string; name?: unknown };
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
    return typeof payload.name === 'string' && payload.name ? { subject, name: payload.name } : { subject };
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
