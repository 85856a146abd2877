import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSigningKeyPair } from '@gongzhi/contracts';
import { ConfigurationError } from '../config/config';
import { loadInternalTokenJwks } from './internal-auth.middleware';

describe('loadInternalTokenJwks', () => {
  it('reads the gateway public keys inline or from a file', async () => {
    const { jwks } = await generateSigningKeyPair('gateway-2026-11');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gongzhi-jwks-')), 'internal-token.jwks.json');
    writeFileSync(file, JSON.stringify(jwks));
    expect(loadInternalTokenJwks({ INTERNAL_TOKEN_JWKS: JSON.stringify(jwks) })).toEqual(jwks);
    expect(loadInternalTokenJwks({ INTERNAL_TOKEN_JWKS_PATH: file })).toEqual(jwks);
  });

  it.each([
    [{}, /INTERNAL_TOKEN_JWKS_PATH is required/],
    [{ INTERNAL_TOKEN_JWKS: '{}', INTERNAL_TOKEN_JWKS_PATH: '/x' }, /set one, not both/],
    [{ INTERNAL_TOKEN_JWKS_PATH: '/nonexistent/jwks.json' }, /cannot read \/nonexistent\/jwks\.json/],
    [{ INTERNAL_TOKEN_JWKS: '{"keys":[]}' }, /INTERNAL_TOKEN_JWKS must be a JSON Web Key Set/],
    [{ INTERNAL_TOKEN_JWKS: 'not json' }, /INTERNAL_TOKEN_JWKS must be a JSON Web Key Set/],
  ])('refuses %j with a message naming the variable', (config, message) => {
    expect(() => loadInternalTokenJwks(config)).toThrow(ConfigurationError);
    expect(() => loadInternalTokenJwks(config)).toThrow(message);
  });
});
