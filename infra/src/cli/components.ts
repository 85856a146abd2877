const ORGANIZATION = {
  name: 'organization',
  entry: 'services/organization/dist/main.js',
  portEnv: 'ORGANIZATION_PORT',
  defaultPort: 4001,
} as const;
const SERVICES = {
  name: 'services',
  entry: 'services/services/dist/main.js',
  portEnv: 'SERVICES_PORT',
  defaultPort: 4002,
} as const;
const FACILITIES = {
  name: 'facilities',
  entry: 'services/facilities/dist/main.js',
  portEnv: 'FACILITIES_PORT',
  defaultPort: 4003,
} as const;
const DELIBERATION = {
  name: 'deliberation',
  entry: 'services/deliberation/dist/main.js',
  portEnv: 'DELIBERATION_PORT',
  defaultPort: 4004,
} as const;

/** The subgraphs `start` runs, in start order; those not built yet are skipped. */
export const SUBGRAPHS = [ORGANIZATION, SERVICES, FACILITIES, DELIBERATION] as const;

export const GATEWAY = {
  name: 'gateway',
  entry: 'gateway/dist/main.js',
  portEnv: 'GATEWAY_PORT',
  defaultPort: 4000,
} as const;

/** The community console (apps/console): its built app and the server that forwards /graphql to the gateway. */
export const CONSOLE = {
  name: 'console',
  entry: 'apps/console/dist-server/main.js',
  portEnv: 'CONSOLE_PORT',
  defaultPort: 4010,
} as const;

/**
 * Demo data loaders, run in this order: each is part of its service and runs with that service's configuration, and
 * each loads idempotently. organization's comes first: the others build on its places and people.
 */
export const DEMO_DATA_LOADERS = [
  { entry: 'services/organization/dist/demo/load-demo-data.js', service: ORGANIZATION },
  { entry: 'services/facilities/dist/demo/load-demo-data.js', service: FACILITIES },
  { entry: 'services/services/dist/demo/load-demo-data.js', service: SERVICES },
  { entry: 'services/deliberation/dist/demo/load-demo-data.js', service: DELIBERATION },
] as const;

/** The gateway finds a subgraph through <NAME>_URL, e.g. ORGANIZATION_URL. */
export function subgraphUrlVariable(name: string): string {
  return `${name.toUpperCase()}_URL`;
}

export function portFromEnv(variable: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`${variable}=${raw} is not a valid port`);
  return port;
}
