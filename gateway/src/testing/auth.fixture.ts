/** Stand-ins for the gateway's authentication tests: an HTTP server, an identity provider, a logger that keeps its lines. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_KEY_REGISTRY_HEARTBEAT_KEY, apiKeyBucketName } from '@gongzhi/contracts';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose';
import pino, { type Logger } from 'pino';
import type { LogLine } from './gateway.fixture';

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

/** A tiny HTTP server on a free port. */
export async function listen(handler: http.RequestListener): Promise<RunningServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function memoryLogger(): { logger: Logger; logs: LogLine[] } {
  const logs: LogLine[] = [];
  return {
    logger: pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) }),
    logs,
  };
}

export const TEST_ISSUER = 'https://id.sipac.example/realms/songyuan';

export interface TestIdentityProvider {
  jwks: JSONWebKeySet;
  /** Signs a token; each claim can be overridden, or left out with `undefined`. */
  sign(
    claims?: Partial<Record<'iss' | 'aud' | 'sub' | 'name', string | undefined> & { exp: number | undefined }>,
  ): Promise<string>;
}

/** An organisation's identity provider with one signing key of `alg`. */
export async function startTestIdentityProvider(
  alg: 'RS256' | 'ES256' | 'EdDSA' = 'ES256',
): Promise<TestIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `idp-${alg.toLowerCase()}`;
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }] };
  const now = () => Math.floor(Date.now() / 1000);
  return {
    jwks,
    sign(overrides = {}) {
      const claims = {
        iss: TEST_ISSUER,
        aud: 'gongzhi',
        sub: 'idp|li-na',
        name: '李娜',
        exp: now() + 600,
        ...overrides,
      };
      const jwt = new SignJWT(claims.name === undefined ? {} : { name: claims.name })
        .setProtectedHeader({ alg, kid })
        .setIssuedAt();
      if (claims.iss !== undefined) jwt.setIssuer(claims.iss);
      if (claims.aud !== undefined) jwt.setAudience(claims.aud);
      if (claims.sub !== undefined) jwt.setSubject(claims.sub);
      if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
      return jwt.sign(privateKey);
    },
  };
}

/**
 * Organization's side of the key registry's heartbeat, for gateway tests without organization: puts the heartbeat
 * entry every `everyMs` until stopped, so the gateway's copy of the registry can be vouched for.
 */
export async function beatRegistryHeartbeat(
  natsUrl: string,
  namespace: string,
  everyMs = 200,
): Promise<{ stop(): Promise<void> }> {
  const nc = await connect({ servers: natsUrl });
  const kv = await new Kvm(nc)
    .create(apiKeyBucketName(namespace), { history: 1 })
    .catch(() => new Kvm(nc).open(apiKeyBucketName(namespace)));
  const beat = () => kv.put(API_KEY_REGISTRY_HEARTBEAT_KEY, new Date().toISOString()).catch(() => undefined);
  await beat();
  const timer = setInterval(() => void beat(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await nc.close();
    },
  };
}
