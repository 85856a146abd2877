import os from 'node:os';
import { ConfigurationError } from '@gongzhi/platform';
import { TEST_ISSUER } from '../testing/auth.fixture';
import { loadAuthConfig } from './auth.config';

describe('loadAuthConfig', () => {
  it('applies the defaults, with person tokens off outside production', () => {
    expect(loadAuthConfig({})).toEqual({
      personAccessTtlMs: 30_000,
      apiKeyPointsPerMinute: 20_000,
      apiKeyRegistryStaleMs: 1_500,
      apiKeyUsageFlushMs: 10_000,
      natsUrl: 'nats://127.0.0.1:4222',
      eventsNamespace: 'gongzhi',
      eventsReplicas: 1,
      gatewayId: `${os.hostname()}-${process.pid}`,
    });
  });

  it('reads every variable and treats an empty one as unset', () => {
    const config = loadAuthConfig({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://id.sipac.example/realms/songyuan/protocol/openid-connect/certs',
      AUTH_JWKS_PATH: '',
      AUTH_ISSUER: 'https://id.sipac.example/realms/songyuan',
      AUTH_AUDIENCE: 'gongzhi-songyuan',
      PERSON_ACCESS_TTL_MS: '15000',
      API_KEY_POINTS_PER_MINUTE: '50000',
      API_KEY_RATE_BURST: '',
      API_KEY_REGISTRY_STALE_MS: '1000',
      MONGODB_URI: 'mongodb://mongo-0.songyuan:27017/?replicaSet=rs0',
      MONGODB_DB: 'gongzhi_gateway_songyuan',
      RATE_LIMIT_STORE_TIMEOUT_MS: '500',
      API_KEY_USAGE_FLUSH_MS: '5000',
      NATS_URL: 'nats://nats.songyuan:4222',
      NATS_USER: 'gongzhi',
      NATS_PASSWORD: 'k8s-secret-value',
      EVENTS_NAMESPACE: 'songyuan_2',
      EVENTS_REPLICAS: '3',
      GATEWAY_ID: 'gateway-0.songyuan',
    });
    expect(config).toEqual({
      personTokens: {
        jwksUrl: 'https://id.sipac.example/realms/songyuan/protocol/openid-connect/certs',
        issuer: 'https://id.sipac.example/realms/songyuan',
        audience: 'gongzhi-songyuan',
      },
      personAccessTtlMs: 15_000,
      apiKeyPointsPerMinute: 50_000,
      apiKeyRegistryStaleMs: 1_000,
      rateLimitStore: {
        uri: 'mongodb://mongo-0.songyuan:27017/?replicaSet=rs0',
        dbName: 'gongzhi_gateway_songyuan',
        timeoutMs: 500,
      },
      apiKeyUsageFlushMs: 5_000,
      natsUrl: 'nats://nats.songyuan:4222',
      natsCredentials: { user: 'gongzhi', pass: 'k8s-secret-value' },
      eventsNamespace: 'songyuan_2',
      eventsReplicas: 3,
      gatewayId: 'gateway-0.songyuan',
    });
  });

  it('takes a local JWKS file, e.g. the development issuer', () => {
    const config = loadAuthConfig({
      AUTH_JWKS_PATH: '.gongzhi/keys/dev-issuer.jwks.json',
      AUTH_ISSUER: 'gongzhi-dev-issuer',
    });
    expect(config.personTokens).toEqual({
      jwksPath: '.gongzhi/keys/dev-issuer.jwks.json',
      issuer: 'gongzhi-dev-issuer',
      audience: 'gongzhi',
    });
  });

  const expectRefusal = (env: NodeJS.ProcessEnv, variable: string) => {
    expect(() => loadAuthConfig(env)).toThrow(ConfigurationError);
    // `$` without the m flag: the message ends on its first line.
    expect(() => loadAuthConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable}: [^\\n]+$`));
  };

  it.each([
    ['AUTH_JWKS_URL', 'ftp://id.sipac.example/certs'],
    ['AUTH_JWKS_URL', 'certs.json'],
    ['NODE_ENV', 'prod'],
    ['PERSON_ACCESS_TTL_MS', '0'],
    ['PERSON_ACCESS_TTL_MS', '3600000'],
    ['API_KEY_POINTS_PER_MINUTE', '1.5'],
    // Request counts and bursts were replaced by points: an old setting must not be ignored silently.
    ['API_KEY_RATE_LIMIT_PER_MINUTE', '600'],
    ['API_KEY_RATE_BURST', '60'],
    ['API_KEY_REGISTRY_STALE_MS', '100'],
    ['API_KEY_REGISTRY_STALE_MS', '60000'],
    ['MONGODB_URI', 'http://mongo:27017'],
    ['MONGODB_DB', 'gongzhi gateway'],
    ['RATE_LIMIT_STORE_TIMEOUT_MS', '0'],
    ['API_KEY_USAGE_FLUSH_MS', 'often'],
    ['EVENTS_NAMESPACE', 'Songyuan'],
    ['EVENTS_NAMESPACE', 'song-yuan'],
    ['GATEWAY_ID', 'gateway 1'],
    ['EVENTS_REPLICAS', '0'],
    ['EVENTS_REPLICAS', '6'],
  ])('refuses %s=%j in one line naming it', (variable, value) => {
    expectRefusal({ AUTH_ISSUER: TEST_ISSUER, [variable]: value }, variable);
  });

  it('needs a JWKS in production, one JWKS only, and an issuer to check with it', () => {
    expectRefusal({ NODE_ENV: 'production' }, 'AUTH_JWKS_URL');
    // And a shared store for partner keys' points: without it every replica would count alone.
    expectRefusal(
      { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://id.sipac.example/certs', AUTH_ISSUER: TEST_ISSUER },
      'MONGODB_URI',
    );
    expectRefusal(
      { AUTH_JWKS_URL: 'https://id.sipac.example/certs', AUTH_JWKS_PATH: 'jwks.json', AUTH_ISSUER: TEST_ISSUER },
      'AUTH_JWKS_PATH',
    );
    expectRefusal({ AUTH_JWKS_PATH: 'jwks.json' }, 'AUTH_ISSUER');
  });

  it('takes a NATS user and password together or not at all', () => {
    expectRefusal({ NATS_USER: 'gongzhi' }, 'NATS_PASSWORD');
    expectRefusal({ NATS_PASSWORD: 'k8s-secret-value' }, 'NATS_USER');
  });
});
