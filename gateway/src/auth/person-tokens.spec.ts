import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_ISSUER, ensureDevIssuerKeys, signDevPersonToken } from '@gongzhi/infra';
import { SignJWT } from 'jose';
import { ConfigurationError } from '@gongzhi/platform';
import {
  listen,
  type RunningServer,
  startTestIdentityProvider,
  TEST_ISSUER,
  type TestIdentityProvider,
} from '../testing/auth.fixture';
import { AuthenticationError, AuthenticationUnavailableError } from './auth-errors';
import { createPersonTokenVerifier, type PersonTokenVerifier } from './person-tokens';

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-person-tokens-'));
const now = () => Math.floor(Date.now() / 1000);

function writeJwks(idp: TestIdentityProvider): string {
  const file = path.join(tempDir, `${idp.jwks.keys[0].kid}.jwks.json`);
  writeFileSync(file, JSON.stringify(idp.jwks));
  return file;
}

async function refusal(verify: PersonTokenVerifier, token: string): Promise<Error> {
  const error = await verify(token).then(
    () => undefined,
    (e: Error) => e,
  );
  if (!error) throw new Error('the token was accepted');
  return error;
}

describe('createPersonTokenVerifier with a local JWKS file', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)('accepts a valid %s token and says who it is for', async (alg) => {
    const idp = await startTestIdentityProvider(alg);
    const verify = createPersonTokenVerifier({ jwksPath: writeJwks(idp), issuer: TEST_ISSUER, audience: 'gongzhi' });
    await expect(verify(await idp.sign())).resolves.toEqual({ subject: 'idp|li-na', name: '李娜' });
    await expect(verify(await idp.sign({ sub: 'idp|zhang-wei', name: undefined }))).resolves.toEqual({
      subject: 'idp|zhang-wei',
    });
  });

  describe('refusals', () => {
    let idp: TestIdentityProvider;
    let verify: PersonTokenVerifier;
    beforeAll(async () => {
      idp = await startTestIdentityProvider('ES256');
      verify = createPersonTokenVerifier({ jwksPath: writeJwks(idp), issuer: TEST_ISSUER, audience: 'gongzhi' });
    });

    it('allows 30 seconds of clock skew, then says the token has expired', async () => {
      await expect(verify(await idp.sign({ exp: now() - 10 }))).resolves.toMatchObject({ subject: 'idp|li-na' });
      const error = await refusal(verify, await idp.sign({ exp: now() - 60 }));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toBe('The token has expired');
    });

    it.each([
      ['another issuer', { iss: 'https://id.other-city.example' }],
      ['another audience', { aud: 'wuxi-portal' }],
    ])('refuses a token of %s as not for this service', async (_, claims) => {
      const error = await refusal(verify, await idp.sign(claims));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toBe('The token is not for this service (wrong issuer or audience)');
    });

    it('refuses forged, malformed, HMAC-signed and incomplete tokens as invalid, without jose internals', async () => {
      const stranger = await startTestIdentityProvider('ES256');
      const hmac = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(TEST_ISSUER)
        .setAudience('gongzhi')
        .setSubject('idp|li-na')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
      const tokens = [
        await stranger.sign(), // same kid, another key: signature check fails
        'not.a.jwt',
        hmac,
        await idp.sign({ exp: undefined }),
        await idp.sign({ sub: undefined }),
        await idp.sign({ sub: 'x'.repeat(300) }),
      ];
      for (const token of tokens) {
        const error = await refusal(verify, token);
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error.message).toBe('The token is invalid');
      }
    });
  });

  it('names AUTH_JWKS_PATH when the file is missing or not a JWKS', () => {
    const notJwks = path.join(tempDir, 'not-a-jwks.json');
    writeFileSync(notJwks, '{"keys": "none"}');
    for (const jwksPath of [path.join(tempDir, 'missing.json'), notJwks]) {
      expect(() => createPersonTokenVerifier({ jwksPath, issuer: TEST_ISSUER, audience: 'gongzhi' })).toThrow(
        ConfigurationError,
      );
      expect(() => createPersonTokenVerifier({ jwksPath, issuer: TEST_ISSUER, audience: 'gongzhi' })).toThrow(
        /^Invalid configuration: AUTH_JWKS_PATH: /,
      );
    }
  });

  it('accepts what the development issuer signs (npm run token)', async () => {
    const { privateJwk, jwksPath } = await ensureDevIssuerKeys(path.join(tempDir, 'keys'));
    const verify = createPersonTokenVerifier({ jwksPath, issuer: DEV_ISSUER, audience: 'gongzhi' });
    const token = await signDevPersonToken(privateJwk, { subject: 'demo:wang-fang', name: '王芳' });
    await expect(verify(token)).resolves.toEqual({ subject: 'demo:wang-fang', name: '王芳' });
  });
});

describe('createPersonTokenVerifier with a JWKS served over HTTP', () => {
  let idp: TestIdentityProvider;
  let server: RunningServer;
  let jwksRequests = 0;
  let healthy = true;

  beforeAll(async () => {
    idp = await startTestIdentityProvider('RS256');
    server = await listen((req, res) => {
      jwksRequests++;
      if (!healthy) return void res.writeHead(502).end('bad gateway');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(idp.jwks));
    });
  });
  afterAll(() => server.close());

  it('fetches the keys once and verifies with them', async () => {
    const verify = createPersonTokenVerifier({
      jwksUrl: `${server.origin}/jwks.json`,
      issuer: TEST_ISSUER,
      audience: 'gongzhi',
    });
    await expect(verify(await idp.sign())).resolves.toEqual({ subject: 'idp|li-na', name: '李娜' });
    await expect(verify(await idp.sign({ sub: 'idp|zhang-wei' }))).resolves.toMatchObject({ subject: 'idp|zhang-wei' });
    expect(jwksRequests).toBe(1);
    await expect(verify(await idp.sign({ aud: 'wuxi-portal' }))).rejects.toThrow(AuthenticationError);
  });

  it('reports an identity provider that cannot give its keys as unavailable, not as a bad token', async () => {
    healthy = false;
    const verify = createPersonTokenVerifier({
      jwksUrl: `${server.origin}/jwks.json`,
      issuer: TEST_ISSUER,
      audience: 'gongzhi',
    });
    await expect(verify(await idp.sign())).rejects.toThrow(AuthenticationUnavailableError);
    const nobodyListening = createPersonTokenVerifier({
      jwksUrl: 'http://127.0.0.1:9/jwks.json',
      issuer: TEST_ISSUER,
      audience: 'gongzhi',
    });
    await expect(nobodyListening(await idp.sign())).rejects.toThrow(AuthenticationUnavailableError);
  });
});
