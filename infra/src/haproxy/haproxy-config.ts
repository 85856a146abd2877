export interface LoadBalancedService {
  /** haproxy's name for the frontend and backend: gateway, organization, … */
  name: string;
  /** Where clients (or gateways) connect. */
  port: number;
  /** The replicas behind it, each answering GET /health/ready with 200 when it takes requests. */
  servers: Array<{ name: string; port: number }>;
}

export interface HaproxyConfigOptions {
  services: LoadBalancedService[];
  /** haproxy's own status page (GET /stats): which replica is up, how many requests each took. */
  statsPort: number;
  /** Milliseconds between health checks of each replica. */
  checkIntervalMs?: number;
}

/**
 * A haproxy configuration for the cluster on one machine. Each replica is checked on /health/ready, so a replica
 * that starts draining (SIGTERM turns readiness 503 at once) leaves the rotation within three intervals, before it
 * closes its listener. A request that cannot reach a replica (connection refused) is sent to another one:
 * `retry-on conn-failure` with `option redispatch`. No keep-alive towards replicas (`option
 * http-server-close`): a replica closing an idle connection while shutting down then cannot race a reused one.
 */
export function renderHaproxyConfig({ services, statsPort, checkIntervalMs = 1_000 }: HaproxyConfigOptions): string {
  const lines = [
    '# Written by `npm start -- --cluster`; regenerated at every start.',
    'global',
    '  maxconn 4096',
    // One line per request into haproxy's log file (the supervisor collects stdout): what a drill's failures went to.
    '  log stdout format raw local0',
    '',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-request 10s',
    '  retries 3',
    '  option redispatch 1',
    // Only a request that never reached a replica is retried: a POST may be a mutation, and retrying one whose answer
    // was lost (empty-response, response-timeout) would apply it twice.
    '  retry-on conn-failure',
    '  option http-server-close',
    // Three failed checks in a row, each allowed 2 s: a replica slow to answer one check under load stays in the
    // rotation (two replicas briefly slow at once would otherwise leave none); a draining one leaves within 3 s.
    '  timeout check 2s',
    '  default-server inter ' + `${checkIntervalMs}ms fall 3 rise 1`,
    '',
    'frontend stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '  stats refresh 2s',
  ];
  for (const service of services) {
    lines.push(
      '',
      `frontend ${service.name}`,
      `  bind 127.0.0.1:${service.port}`,
      `  default_backend ${service.name}`,
      '',
      `backend ${service.name}`,
      '  balance roundrobin',
      '  option httpchk GET /health/ready',
      '  http-check expect status 200',
      ...service.servers.map((server) => `  server ${server.name} 127.0.0.1:${server.port} check`),
    );
  }
  return `${lines.join('\n')}\n`;
}
