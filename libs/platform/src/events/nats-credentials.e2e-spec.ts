import { freePort, resolveNatsServer, spawnManaged, type ManagedProcess } from '@gongzhi/infra';
import { waitFor } from '@gongzhi/testing';
import { connect } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ConfigurationError, loadConfig, natsCredentials, serviceConfigSchema } from '../config/config';
import { NatsConnectionProvider } from './nats-connection';

/** A NATS that requires a user and password, as the NATS Helm chart's accounts do (infra/k8s/README.md, "NATS"). */
describe('NATS_USER and NATS_PASSWORD (real nats-server requiring them)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-nats-auth-'));
  const password = randomBytes(18).toString('base64url');
  const logger = pino({ level: process.env.SPEC_LOG_LEVEL ?? 'silent' });
  const providers: NatsConnectionProvider[] = [];
  let server: ManagedProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `nats://127.0.0.1:${port}`;
    server = spawnManaged(
      'nats-server (auth)',
      resolveNatsServer().binary,
      ['--addr', '127.0.0.1', '--port', String(port), '--user', 'gongzhi', '--pass', password],
      {
        logPath: path.join(dir, 'nats-server.log'),
      },
    );
    await waitFor(
      () =>
        connect({ servers: url, user: 'gongzhi', pass: password }).then(
          (nc) => nc.close().then(() => true),
          () => false,
        ),
      'nats-server with auth',
      20_000,
    );
  });

  afterAll(async () => {
    await Promise.all(providers.map((provider) => provider.close()));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const provider = (credentials?: { user: string; pass: string }) => {
    const created = new NatsConnectionProvider({
      servers: url,
      name: 'credentials-spec',
      credentials,
      logger,
      firstConnectRetry: { initialMs: 100, maxMs: 200 },
    });
    providers.push(created);
    created.start();
    return created;
  };

  it('connects with the configured user and password', async () => {
    const config = loadConfig(serviceConfigSchema, {
      PORT: '4001',
      MONGODB_URI: 'mongodb://db:27017',
      NATS_USER: 'gongzhi',
      NATS_PASSWORD: password,
    });
    const connected = provider(natsCredentials(config));
    await connected.connection();
    expect(connected.isConnected()).toBe(true);
  });

  it('is refused without them, and keeps trying (not ready) instead of crashing', async () => {
    const refused = provider();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(refused.isConnected()).toBe(false);
    const wrong = provider({ user: 'gongzhi', pass: 'not-the-password' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(wrong.isConnected()).toBe(false);
  });

  it('needs both variables or neither', () => {
    expect(natsCredentials({})).toBeUndefined();
    expect(() => natsCredentials({ NATS_USER: 'gongzhi' })).toThrow(
      new ConfigurationError(['NATS_PASSWORD is required with NATS_USER']),
    );
    expect(() => natsCredentials({ NATS_PASSWORD: password })).toThrow(
      new ConfigurationError(['NATS_USER is required with NATS_PASSWORD']),
    );
  });
});
