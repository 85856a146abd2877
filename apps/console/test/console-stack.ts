import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { demoUsers, findRepoRoot, freePort, spawnManaged, waitFor } from '@gongzhi/infra';
import {
  type GatewaysInFront,
  internalAuthorization,
  type OrganizationProcess,
  startGatewaysInFront,
  startOrganizationProcess,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
} from '@gongzhi/testing';
import { createConsoleApp, type DevSignInUser } from '../server/console-server';

const repoRoot = findRepoRoot(__dirname);

/** facilities from its build in a process of its own, as `npm start` runs it, with its demo data loaded first. */
async function startFacilitiesProcess(organizationDatabase: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: testDatabaseName('facilities'),
    ORGANIZATION_MONGODB_DB: organizationDatabase,
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: testEventsNamespace(),
    INTERNAL_TOKEN_JWKS: (await testInternalKeyEnv()).INTERNAL_TOKEN_JWKS,
  };
  const built = (file: string) => path.join(repoRoot, 'services', 'facilities', 'dist', file);
  await promisify(execFile)(process.execPath, [built('demo/load-demo-data.js')], { env });
  const port = await freePort();
  const child = spawnManaged('facilities', process.execPath, [built('main.js')], {
    env: { ...env, PORT: String(port) },
    logPath: path.join(tmpdir(), `gongzhi-facilities-${testEventsNamespace()}.log`),
  });
  await waitFor(
    'facilities to answer on /health/live',
    async () => (await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined))?.ok,
    { timeoutMs: 60_000, process: child },
  );
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => child.stop() };
}

/**
 * What the console needs, as `npm start` runs it: organization and facilities with their demo data, two gateway
 * replicas in front (people signed in by a development issuer), and the console's server on a free port forwarding
 * /graphql to a gateway and signing in demo users with that issuer.
 */
export interface ConsoleStack {
  /** The console's server: http://127.0.0.1:<port>. */
  consoleUrl: string;
  organization: OrganizationProcess;
  gateways: GatewaysInFront;
  stop(): Promise<void>;
}

export async function startConsoleStack(): Promise<ConsoleStack> {
  const stops: (() => Promise<void>)[] = [];
  try {
    const organization: OrganizationProcess = await startOrganizationProcess({ demoData: true });
    stops.push(() => organization.stop());
    const facilities = await startFacilitiesProcess(organization.databaseName);
    stops.push(facilities.stop);
    const facilitiesSdl = await sdlOf(facilities.url);
    const gateways: GatewaysInFront = await startGatewaysInFront(
      { sdl: organization.sdl, subgraphUrl: organization.subgraphUrl },
      [{ name: 'facilities', sdl: facilitiesSdl, url: facilities.url }],
    );
    stops.push(() => gateways.stop());

    const users: DevSignInUser[] = demoUsers(repoRoot).map(({ subject, name, role, unit }) => ({
      subject,
      name,
      role,
      unit: unit.name,
    }));
    const app = createConsoleApp({
      assetsDir: path.join(repoRoot, 'apps', 'console', 'dist-web'),
      gatewayUrl: new URL(gateways.urls[0]).origin,
      devSignIn: {
        users,
        sign: async (user) => (await gateways.asPerson(user.subject, user.name)).authorization.replace(/^Bearer /, ''),
      },
    });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    stops.push(() => new Promise((resolve) => server.close(() => resolve())));
    const consoleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      consoleUrl,
      organization,
      gateways,
      async stop() {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

/** A subgraph's SDL, asked the way the gateway's composition needs it (_service), signed for that subgraph. */
async function sdlOf(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(await internalAuthorization({ kind: 'service', id: 'console-tests', roles: [], scopes: [] }, 'facilities')),
    },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data: { _service: { sdl: string } } };
  return body.data._service.sdl;
}
