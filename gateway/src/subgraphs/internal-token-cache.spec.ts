import {
  type Actor,
  createInternalTokenSigner,
  createInternalTokenVerifier,
  generateSigningKeyPair,
  importSigningKey,
  InternalTokenError,
  type InternalTokenSigner,
  type JSONWebKeySet,
} from '@gongzhi/contracts';
import { createCachedInternalTokens } from './internal-token-cache';

const SECRETARY: Actor = {
  kind: 'person',
  id: 'idp|li-na',
  name: '李娜',
  roles: [
    {
      role: 'COMMUNITY_SECRETARY',
      orgUnitId: 'u-淞源社区党委',
      jurisdiction: { communityIds: ['c-淞源社区'], compoundIds: [], buildingIds: [] },
    },
  ],
  scopes: [],
};
const RESIDENT: Actor = { kind: 'person', id: 'idp|wang-fang', name: '王芳', roles: [], scopes: [] };

describe('createCachedInternalTokens', () => {
  let jwks: JSONWebKeySet;
  let signer: InternalTokenSigner;
  let signatures: number;
  let now: number;
  const tokens = (reuseMs?: number) =>
    createCachedInternalTokens({
      signer: { sign: (claims) => (signatures++, signer.sign(claims)) },
      lifetimeSeconds: 30,
      reuseMs,
      now: () => now,
    });

  beforeAll(async () => {
    const keys = await generateSigningKeyPair('gateway-test');
    jwks = keys.jwks;
    signer = createInternalTokenSigner(await importSigningKey(keys.privateJwk), 30);
  });
  beforeEach(() => {
    signatures = 0;
    now = 1_000_000;
  });

  it('signs once per caller, subgraph, purpose and budget within the reuse window', async () => {
    const cache = tokens();
    const claims = { actor: SECRETARY, audience: 'organization', purpose: '入户走访', budgetMs: 4_000 };
    const first = await cache.sign(claims);
    now += 4_999;
    expect(await cache.sign({ ...claims, actor: { ...SECRETARY } })).toBe(first);
    expect(signatures).toBe(1);
  });

  it('signs afresh when anything the token says differs', async () => {
    const cache = tokens();
    const claims = { actor: SECRETARY, audience: 'organization', purpose: '入户走访', budgetMs: 4_000 };
    const first = await cache.sign(claims);
    const others = await Promise.all([
      cache.sign({ ...claims, audience: 'facilities' }),
      cache.sign({ ...claims, actor: RESIDENT }),
      // The same person after losing a role: never the token that still carries it.
      cache.sign({ ...claims, actor: { ...SECRETARY, roles: [] } }),
      cache.sign({ ...claims, purpose: '物业费催缴' }),
      cache.sign({ ...claims, purpose: undefined }),
      cache.sign({ ...claims, budgetMs: 1_000 }),
    ]);
    expect(new Set([first, ...others]).size).toBe(7);
    expect(signatures).toBe(7);
  });

  it('signs afresh once the reuse window is over, and never reuses for longer than a fifth of the lifetime', async () => {
    const cache = tokens(60_000);
    const claims = { actor: SECRETARY, audience: 'services' };
    const first = await cache.sign(claims);
    now += 6_001; // 30 s lifetime: at most 6 s of reuse, whatever was asked
    const second = await cache.sign(claims);
    expect(second).not.toBe(first);
    expect(signatures).toBe(2);
  });

  it('hands out tokens the subgraph accepts with what a fresh token says, and only that subgraph', async () => {
    const cache = tokens();
    const token = await cache.sign({
      actor: SECRETARY,
      audience: 'deliberation',
      purpose: '入户走访',
      budgetMs: 4_000,
    });
    await cache.sign({ actor: SECRETARY, audience: 'deliberation', purpose: '入户走访', budgetMs: 4_000 });
    const verified = await createInternalTokenVerifier(jwks, 'deliberation')(token);
    expect(verified).toMatchObject({ actor: SECRETARY, purpose: '入户走访', budgetMs: 4_000 });
    expect(verified.requestId).toMatch(/^tok-/);
    await expect(createInternalTokenVerifier(jwks, 'organization')(token)).rejects.toThrow(InternalTokenError);
  });

  it('does not keep a failed signature', async () => {
    let fail = true;
    const cache = createCachedInternalTokens({
      signer: {
        sign: (claims) => (fail ? Promise.reject(new Error('key not loaded')) : signer.sign(claims)),
      },
      lifetimeSeconds: 30,
      now: () => now,
    });
    await expect(cache.sign({ actor: RESIDENT, audience: 'services' })).rejects.toThrow('key not loaded');
    fail = false;
    await expect(cache.sign({ actor: RESIDENT, audience: 'services' })).resolves.toEqual(expect.any(String));
  });
});
