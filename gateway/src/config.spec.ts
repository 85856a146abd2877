import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSigningKeyPair, type JWK } from '@gongzhi/contracts';
import { ConfigurationError, loadConfig as loadConfigWithoutKey, routeSubgraphs } from './config';

let signingKey: JWK;
beforeAll(async () => {
  signingKey = (await generateSigningKeyPair('gateway-test')).privateJwk;
});
/** Every gateway needs its signing key; these tests are about the other variables. */
const loadConfig = (env: NodeJS.ProcessEnv) =>
  loadConfigWithoutKey({ INTERNAL_TOKEN_KEY: JSON.stringify(signingKey), ...env });

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      nodeEnv: 'development',
      logLevel: 'info',
      subgraphTimeoutMs: 5000,
      subgraphDeduplication: true,
      healthTimeoutMs: 1000,
      subgraphUrls: {
        organization: 'http://127.0.0.1:4001/graphql',
        services: 'http://127.0.0.1:4002/graphql',
        facilities: 'http://127.0.0.1:4003/graphql',
        deliberation: 'http://127.0.0.1:4004/graphql',
      },
      limits: {
        maxDepth: 10,
        maxAliases: 15,
        maxDirectives: 50,
        maxTokens: 1000,
        maxCost: 10_000,
        blockFieldSuggestions: true,
      },
    });
    expect(config.supergraphPath).toMatch(/gateway[\\/]supergraph[\\/]supergraph\.graphql$/);
  });

  it('reads variables and treats an empty one as unset', () => {
    const config = loadConfig({
      PORT: '',
      NODE_ENV: 'production',
      // Production needs an identity provider, and a database for partner keys' points shared by every replica.
      AUTH_JWKS_URL: 'https://idp.sipac.gov.cn/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.sipac.gov.cn',
      MONGODB_URI: 'mongodb://mongo:27017/?replicaSet=rs0',
      PUBLIC_BASE_URL: 'https://gongzhi.sipac.gov.cn/',
      FACILITIES_URL: 'http://facilities:4003/graphql',
      BLOCK_FIELD_SUGGESTIONS: 'false',
      MAX_DEPTH: '8',
      SUBGRAPH_DEDUPLICATION: 'false',
    });
    expect(config.subgraphDeduplication).toBe(false);
    expect(config.port).toBe(4000);
    expect(config.nodeEnv).toBe('production');
    expect(config.publicBaseUrl).toBe('https://gongzhi.sipac.gov.cn');
    expect(config.subgraphUrls.facilities).toBe('http://facilities:4003/graphql');
    expect(config.limits).toMatchObject({ blockFieldSuggestions: false, maxDepth: 8 });
    expect(config.auth.personTokens).toEqual({
      jwksUrl: 'https://idp.sipac.gov.cn/.well-known/jwks.json',
      issuer: 'https://idp.sipac.gov.cn',
      audience: 'gongzhi',
    });
  });

  it('believes forwarded headers only when told, and then only from the hops it names', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, trustedProxies: ['loopback'] });
    expect(loadConfig({ TRUST_PROXY: 'true', TRUSTED_PROXIES: ' 10.42.0.0/16, fd00::/8 ,uniquelocal' })).toMatchObject({
      trustProxy: true,
      trustedProxies: ['10.42.0.0/16', 'fd00::/8', 'uniquelocal'],
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV'],
    [{ ORGANIZATION_URL: 'not a url' }, 'ORGANIZATION_URL'],
    [{ SERVICES_URL: 'ftp://services/graphql' }, 'SERVICES_URL'],
    [{ SUBGRAPH_TIMEOUT_MS: '-5' }, 'SUBGRAPH_TIMEOUT_MS'],
    [{ MAX_DEPTH: '20' }, 'MAX_DEPTH'],
    [{ BLOCK_FIELD_SUGGESTIONS: 'maybe' }, 'BLOCK_FIELD_SUGGESTIONS'],
    [{ TRUSTED_PROXIES: 'the ingress' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: ' , ' }, 'TRUSTED_PROXIES'],
    [{ PUBLIC_BASE_URL: 'gongzhi.sipac.gov.cn' }, 'PUBLIC_BASE_URL'],
    [{ PUBLIC_BASE_URL: 'https://gongzhi.sipac.gov.cn/?from=partner' }, 'PUBLIC_BASE_URL'],
  ])('refuses %j with a one-line message naming the variable', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    try {
      loadConfig(env);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(new RegExp(`^Invalid configuration: ${variable}: `));
      expect(message).not.toContain('\n');
    }
  });
});

describe('PUBLIC_BASE_URL, the origin partners are handed (Open311 discovery)', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_JWKS_URL: 'https://idp.sipac.gov.cn/.well-known/jwks.json',
    AUTH_ISSUER: 'https://idp.sipac.gov.cn',
    MONGODB_URI: 'mongodb://mongo:27017/?replicaSet=rs0',
  };

  it('is required in production, and must be https there', () => {
    expect(() => loadConfig(production)).toThrow(/^Invalid configuration: PUBLIC_BASE_URL: required in production/);
    expect(() => loadConfig({ ...production, PUBLIC_BASE_URL: 'http://gongzhi.sipac.gov.cn' })).toThrow(
      /^Invalid configuration: PUBLIC_BASE_URL: must be https:\/\/ in production/,
    );
  });

  it('defaults to this machine outside production, and keeps a path prefix without its trailing slash', () => {
    expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:4000');
    expect(loadConfig({ PORT: '4100' }).publicBaseUrl).toBe('http://localhost:4100');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://www.sipac.gov.cn/gongzhi/' }).publicBaseUrl).toBe(
      'https://www.sipac.gov.cn/gongzhi',
    );
  });
});

describe('the internal token signing key', () => {
  it('is read from INTERNAL_TOKEN_KEY_PATH or INTERNAL_TOKEN_KEY, never both', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gongzhi-keys-')), 'internal-token.private.jwk.json');
    writeFileSync(file, JSON.stringify(signingKey));
    expect(loadConfigWithoutKey({ INTERNAL_TOKEN_KEY_PATH: file }).internalToken).toEqual({
      key: signingKey,
      lifetimeSeconds: 30,
    });
    expect(() =>
      loadConfigWithoutKey({ INTERNAL_TOKEN_KEY_PATH: file, INTERNAL_TOKEN_KEY: JSON.stringify(signingKey) }),
    ).toThrow(/set one, not both/);
  });

  it.each([
    [{}, /^Invalid configuration: INTERNAL_TOKEN_KEY_PATH: required/],
    [{ INTERNAL_TOKEN_KEY_PATH: '/nonexistent/key.json' }, /cannot read \/nonexistent\/key\.json/],
    [
      { INTERNAL_TOKEN_KEY: '{"kty":"OKP","crv":"Ed25519","x":"abc"}' },
      /INTERNAL_TOKEN_KEY: expected a private Ed25519 JWK/,
    ],
  ])('refuses a missing or unusable key %j naming the variable', (env, message) => {
    expect(() => loadConfigWithoutKey(env)).toThrow(message);
  });

  it('refuses a lifetime over 60 seconds', () => {
    expect(() => loadConfig({ INTERNAL_TOKEN_LIFETIME_SECONDS: '300' })).toThrow(
      /^Invalid configuration: INTERNAL_TOKEN_LIFETIME_SECONDS: /,
    );
  });
});

describe('routeSubgraphs', () => {
  it('maps each subgraph of the supergraph to its configured URL', () => {
    expect(routeSubgraphs(['organization'], loadConfig({}).subgraphUrls)).toEqual({
      organization: 'http://127.0.0.1:4001/graphql',
    });
  });

  it('names the missing variable of a subgraph it has no URL for', () => {
    expect(() => routeSubgraphs(['notifications'], {})).toThrow(/^Invalid configuration: NOTIFICATIONS_URL: required/);
  });
});
