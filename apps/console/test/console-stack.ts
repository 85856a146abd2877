import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { demoUsers, findRepoRoot } from '@gongzhi/infra';
import {
  type GatewaysInFront,
  type OrganizationProcess,
  type SubgraphProcess,
  startGatewaysInFront,
  startOrganizationProcess,
  startSubgraphProcess,
} from '@gongzhi/testing';
import { createConsoleApp, type DevSignInUser } from '../server/console-server';

const repoRoot = findRepoRoot(__dirname);

/**
 * What the console needs, as `npm start` runs it: organization, services, facilities and deliberation with their demo
 * data, two gateway replicas in front (people signed in by a development issuer), and the console's server on a free
 * port forwarding /graphql to a gateway and signing in demo users with that issuer.
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
    // Side by side; whichever started is stopped again if the other did not.
    const started = await Promise.allSettled(
      (['services', 'facilities', 'deliberation'] as const).map((name) =>
        startSubgraphProcess(name, { organizationDatabase: organization.databaseName, demoData: true }),
      ),
    );
    for (const subgraph of started) if (subgraph.status === 'fulfilled') stops.push(() => subgraph.value.stop());
    const failed = started.find((subgraph) => subgraph.status === 'rejected');
    if (failed) throw failed.reason;
    const [services, facilities, deliberation] = started.map(
      (subgraph) => (subgraph as PromiseFulfilledResult<SubgraphProcess>).value,
    );
    const gateways: GatewaysInFront = await startGatewaysInFront(
      { sdl: organization.sdl, subgraphUrl: organization.subgraphUrl },
      [
        { name: 'services', sdl: services.sdl, url: services.url },
        { name: 'facilities', sdl: facilities.sdl, url: facilities.url },
        { name: 'deliberation', sdl: deliberation.sdl, url: deliberation.url },
      ],
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
