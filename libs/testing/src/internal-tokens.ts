import {
  type Actor,
  createInternalTokenSigner,
  generateSigningKeyPair,
  importSigningKey,
  type SigningKeyPair,
} from '@gongzhi/contracts';

/**
 * The gateway ↔ subgraph key pair of one test file (jest gives each file its own module registry, so each file
 * makes its own): the gateway under test signs with it and the subgraph under test accepts it.
 */
let keyPair: Promise<SigningKeyPair> | undefined;
export function testInternalKeyPair(): Promise<SigningKeyPair> {
  keyPair ??= generateSigningKeyPair('test-gateway');
  return keyPair;
}

/** The variables that give a subgraph (INTERNAL_TOKEN_JWKS) and a gateway (INTERNAL_TOKEN_KEY) this file's key pair. */
export async function testInternalKeyEnv(): Promise<{ INTERNAL_TOKEN_JWKS: string; INTERNAL_TOKEN_KEY: string }> {
  const { jwks, privateJwk } = await testInternalKeyPair();
  return { INTERNAL_TOKEN_JWKS: JSON.stringify(jwks), INTERNAL_TOKEN_KEY: JSON.stringify(privateJwk) };
}

/**
 * An `Authorization` header as the gateway would send it to `audience` for `actor`, with the purpose the caller
 * stated (`X-Purpose`): for calling a subgraph directly.
 */
export async function internalAuthorization(
  actor: Actor,
  audience: string,
  requestId = 'test-request',
  purpose?: string,
): Promise<{ authorization: string; 'x-request-id'?: string }> {
  const signer = createInternalTokenSigner(await importSigningKey((await testInternalKeyPair()).privateJwk));
  // As the gateway sends them: the request's own id travels beside the token, which it may reuse for a few seconds.
  const authorization = `Bearer ${await signer.sign({ actor, audience, requestId, purpose })}`;
  // A request id that cannot be a header value (some specs sign one on purpose) travels in the token alone.
  return /^[\x21-\x7e]{1,128}$/.test(requestId) ? { authorization, 'x-request-id': requestId } : { authorization };
}
