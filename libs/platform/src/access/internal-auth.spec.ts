import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Actor,
  createInternalTokenSigner,
  createInternalTokenVerifier,
  generateSigningKeyPair,
  importSigningKey,
  type InternalTokenSigner,
} from '@gongzhi/contracts';
import express from 'express';
import request from 'supertest';
import { ConfigurationError } from '../config/config';
import { currentActor, currentRequestId, markAuditedRead } from '../request-context/request-context';
import { internalAuthMiddleware, loadInternalTokenJwks } from './internal-auth.middleware';

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

describe('internalAuthMiddleware', () => {
  const actor: Actor = { kind: 'person', id: 'idp|li-na', name: '李娜', roles: [], scopes: [] };
  let app: express.Express;
  let signer: InternalTokenSigner;

  beforeAll(async () => {
    const keys = await generateSigningKeyPair('gateway-2026-12');
    signer = createInternalTokenSigner(await importSigningKey(keys.privateJwk));
    app = express();
    app.use(internalAuthMiddleware(createInternalTokenVerifier(keys.jwks, 'organization')));
    app.get('/graphql', (_req, res) => res.json({ requestId: currentRequestId(), actor: currentActor() }));
    // As SensitiveReadAudit does when a resolver reads a resident's health record.
    app.get('/audited', (_req, res) => {
      markAuditedRead();
      res.json({ careProfile: { conditions: ['高血压'] } });
    });
  });

  it("marks a response whose request left an access-audit entry, so the gateway's deduplication never shares it", async () => {
    const token = await signer.sign({ actor, audience: 'organization', requestId: 'tok-3' });
    const audited = await request(app).get('/audited').set('authorization', `Bearer ${token}`);
    expect(audited.headers['gongzhi-audited-read']).toBe('1');
    const plain = await request(app).get('/graphql').set('authorization', `Bearer ${token}`);
    expect(plain.headers['gongzhi-audited-read']).toBeUndefined();
  });

  it("takes the request id from x-request-id beside the gateway's reused token, else from the token", async () => {
    const token = await signer.sign({ actor, audience: 'organization', requestId: 'tok-1' });
    const beside = await request(app)
      .get('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set('x-request-id', 'web-7f3a');
    expect(beside.body).toEqual({ requestId: 'web-7f3a', actor });
    expect(beside.headers['x-request-id']).toBe('web-7f3a');
    const alone = await request(app).get('/graphql').set('authorization', `Bearer ${token}`);
    expect(alone.body.requestId).toBe('tok-1');
    const insane = await request(app)
      .get('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set('x-request-id', 'x'.repeat(200));
    expect(insane.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('still refuses no token and a token for another subgraph, whatever x-request-id says', async () => {
    const other = await signer.sign({ actor, audience: 'facilities', requestId: 'tok-2' });
    for (const authorization of [undefined, `Bearer ${other}`]) {
      const call = request(app).get('/graphql').set('x-request-id', 'web-7f3a');
      const res = await (authorization ? call.set('authorization', authorization) : call);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});
