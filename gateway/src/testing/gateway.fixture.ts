import { testEventsNamespace, testInternalKeyEnv, testNatsUrl } from '@gongzhi/testing';
import pino from 'pino';
import { type GatewayConfig, loadConfig } from '../config';
import { type Gateway, createGateway } from '../server';
import { composeSupergraph } from '../supergraph/compose';
import { FACILITIES_SDL, ORGANIZATION_SDL } from './subgraphs.fixture';

export type LogLine = Record<string, unknown> & { msg: string; level: number };

export interface TestGateway {
  gateway: Gateway;
  /** Every JSON line the gateway logged, parsed. */
  logs: LogLine[];
  /** Where it listens, e.g. http://localhost:41234/graphql. */
  url: string;
}

/**
 * A test gateway's configuration: the run's NATS, this file's events namespace and a test internal-token key, then
 * `env` (more variables, EVENTS_NAMESPACE included) and `overrides`; any free port, the given subgraphs.
 */
export async function testGatewayConfig(
  subgraphUrls: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
  overrides: Partial<GatewayConfig> = {},
): Promise<GatewayConfig> {
  const { INTERNAL_TOKEN_KEY } = await testInternalKeyEnv();
  return {
    ...loadConfig({
      NODE_ENV: 'test',
      INTERNAL_TOKEN_KEY,
      NATS_URL: testNatsUrl(),
      EVENTS_NAMESPACE: testEventsNamespace(),
      ...env,
    }),
    port: 0,
    subgraphUrls,
    ...overrides,
  };
}

/** Composes the fixture subgraphs with the real compose.ts and starts a gateway on them, logging into memory. */
export async function startTestGateway(
  subgraphUrls: { organization: string; facilities: string },
  overrides: Partial<GatewayConfig> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<TestGateway> {
  const composed = composeSupergraph([
    { name: 'organization', sdl: ORGANIZATION_SDL },
    { name: 'facilities', sdl: FACILITIES_SDL },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const config = await testGatewayConfig(subgraphUrls, env, overrides);
  const gateway = createGateway(config, { supergraphSdl: composed.supergraphSdl, logger });
  const { url } = await gateway.start();
  return { gateway, logs, url };
}
