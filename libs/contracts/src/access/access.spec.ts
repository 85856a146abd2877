import { SignJWT } from 'jose';
import { type Actor, grantsCovering, jurisdictionCovers } from './actor';
import { apiKeyLookupKey, API_KEY_PATTERN } from './api-keys';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  generateSigningKeyPair,
  importSigningKey,
  INTERNAL_TOKEN_ISSUER,
} from './internal-token';

const buildingLeader: Actor = {
  kind: 'person',
  id: 'idp|zhang-wei',
  name: '张伟',
  roles: [
    {
      role: 'BUILDING_GROUP_LEADER',
      orgUnitId: 'u-3幢楼道党小组',
      jurisdiction: { communityIds: [], compoundIds: [], buildingIds: ['b-3幢'] },
    },
  ],
  scopes: [],
};

describe('jurisdiction', () => {
  it('covers a place through its building, compound or community', () => {
    const community = { communityIds: ['c-淞源'], compoundIds: [], buildingIds: [] };
    expect(jurisdictionCovers(community, { communityId: 'c-淞源', compoundId: 'p-七区', buildingId: 'b-3幢' })).toBe(
      true,
    );
    expect(jurisdictionCovers(community, { communityId: 'c-梅淞' })).toBe(false);
    expect(
      grantsCovering(buildingLeader, { communityId: 'c-淞源', compoundId: 'p-七区', buildingId: 'b-3幢' }),
    ).toHaveLength(1);
    expect(
      grantsCovering(buildingLeader, { communityId: 'c-淞源', compoundId: 'p-七区', buildingId: 'b-4幢' }),
    ).toHaveLength(0);
    expect(
      grantsCovering(buildingLeader, { communityId: 'c-淞源', buildingId: 'b-3幢' }, ['COMMUNITY_SECRETARY']),
    ).toHaveLength(0);
  });
});

describe('internal token', () => {
  it('round-trips the actor, request id and purpose for its audience only', async () => {
    const pair = await generateSigningKeyPair('gateway-1');
    const signer = createInternalTokenSigner(await importSigningKey(pair.privateJwk));
    const token = await signer.sign({
      actor: buildingLeader,
      audience: 'organization',
      requestId: 'req-1',
      purpose: '楼道走访',
    });

    const verified = await createInternalTokenVerifier(pair.jwks, 'organization')(token);
    expect(verified).toEqual({ actor: buildingLeader, requestId: 'req-1', purpose: '楼道走访' });
    await expect(createInternalTokenVerifier(pair.jwks, 'services')(token)).rejects.toThrow(
      'not for this service (aud)',
    );
  });

  it('refuses an expired token, a foreign key and a token without an actor', async () => {
    const pair = await generateSigningKeyPair('gateway-1');
    const key = await importSigningKey(pair.privateJwk);
    const verify = createInternalTokenVerifier(pair.jwks, 'organization');
    const expired = await new SignJWT({ act: buildingLeader, rid: 'r' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience('organization')
      .setSubject(buildingLeader.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key.key);
    await expect(verify(expired)).rejects.toThrow('expired');

    const stranger = await generateSigningKeyPair('gateway-1');
    const forged = await createInternalTokenSigner(await importSigningKey(stranger.privateJwk)).sign({
      actor: buildingLeader,
      audience: 'organization',
      requestId: 'r',
    });
    await expect(verify(forged)).rejects.toThrow('invalid');

    const noActor = await new SignJWT({ rid: 'r' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience('organization')
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(key.key);
    await expect(verify(noActor)).rejects.toThrow('no valid actor');
  });

  it('will not sign for longer than 60 seconds', async () => {
    const key = await importSigningKey((await generateSigningKeyPair('k')).privateJwk);
    expect(() => createInternalTokenSigner(key, 61)).toThrow(RangeError);
  });
});

describe('API keys', () => {
  it('are looked up by the SHA-256 of the whole secret', () => {
    const secret = `gz_live_${'A'.repeat(43)}`;
    expect(API_KEY_PATTERN.test(secret)).toBe(true);
    expect(apiKeyLookupKey(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyLookupKey(secret)).not.toBe(apiKeyLookupKey(`${secret.slice(0, -1)}B`));
  });
});
