import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  DEV_ISSUER,
  DEV_ISSUER_JWKS_FILE,
  DEV_ISSUER_PRIVATE_KEY_FILE,
  ensureDevIssuerKeys,
  signDevPersonToken,
} from './dev-issuer';

const keysDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'gongzhi-dev-issuer-')), 'keys');

describe('ensureDevIssuerKeys', () => {
  it('creates a private key only its owner can read, and the public key set beside it', async () => {
    const dir = keysDir();
    const { privateJwk, jwksPath } = await ensureDevIssuerKeys(dir);
    expect(jwksPath).toBe(path.join(dir, DEV_ISSUER_JWKS_FILE));
    expect(statSync(path.join(dir, DEV_ISSUER_PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', d: expect.any(String) });
    const jwks = JSON.parse(readFileSync(jwksPath, 'utf8'));
    expect(jwks.keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: privateJwk.kid, x: privateJwk.x },
    ]);
  });

  it('keeps the keys it made, and puts back a public key set that went missing', async () => {
    const dir = keysDir();
    const first = await ensureDevIssuerKeys(dir);
    const jwksBefore = readFileSync(first.jwksPath, 'utf8');
    rmSync(first.jwksPath);
    const second = await ensureDevIssuerKeys(dir);
    expect(second.privateJwk).toEqual(first.privateJwk);
    expect(readFileSync(second.jwksPath, 'utf8')).toBe(jwksBefore);
  });

  it('gives concurrent callers the same key', async () => {
    const dir = keysDir();
    const results = await Promise.all([1, 2, 3].map(() => ensureDevIssuerKeys(dir)));
    expect(new Set(results.map((r) => r.privateJwk.d)).size).toBe(1);
  });
});

describe('signDevPersonToken', () => {
  it("signs what an identity provider would: the person, the dev issuer, Gongzhi's audience, 8 hours", async () => {
    const { privateJwk, jwksPath } = await ensureDevIssuerKeys(keysDir());
    const token = await signDevPersonToken(privateJwk, { subject: 'demo:zhang-wei', name: '张伟' });
    const keys = createLocalJWKSet(JSON.parse(readFileSync(jwksPath, 'utf8')));
    const { payload } = await jwtVerify(token, keys, { issuer: DEV_ISSUER, audience: 'gongzhi' });
    expect(payload).toMatchObject({ sub: 'demo:zhang-wei', name: '张伟' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(8 * 3600);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: privateJwk.kid, typ: 'JWT' });

    const { payload: short } = await jwtVerify(
      await signDevPersonToken(privateJwk, { subject: 'demo:li-na' }, '5m'),
      keys,
    );
    expect(short.name).toBeUndefined();
    expect((short.exp ?? 0) - (short.iat ?? 0)).toBe(300);
  });
});
