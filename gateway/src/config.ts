import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import type { JWK } from '@gongzhi/contracts';
import { type AuthConfig, loadAuthConfig } from './auth/auth.config';
import type { ResponseCacheConfig } from './plugins/response-cache';
import { shutdownEnvShape } from '@gongzhi/platform/lifecycle';
import { ConfigurationError, loadConfig as parseEnvironment } from '@gongzhi/platform/config';

export { ConfigurationError };
import { z } from 'zod';

/** The subgraphs the gateway knows by name; each one's URL comes from `<NAME>_URL`. */
export const SUBGRAPH_DEFAULT_URLS: Readonly<Record<string, string>> = {
  organization: 'http://127.0.0.1:4001/graphql',
  services: 'http://127.0.0.1:4002/graphql',
  facilities: 'http://127.0.0.1:4003/graphql',
  deliberation: 'http://127.0.0.1:4004/graphql',
};

/** The variable that holds a subgraph's URL: `organization` → `ORGANIZATION_URL`. */
export function subgraphUrlVariable(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
/** An http(s) origin, optionally with a path prefix; no credentials, query or fragment. Kept without a trailing /. */
const publicBaseUrl = httpUrl
  .refine((value) => {
    if (!URL.canParse(value)) return true; // the URL check above says what is wrong
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'expected an origin such as https://gongzhi.example, without credentials, query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

/** The names express's `trust proxy` (proxy-addr) knows for address ranges: 127/8 and ::1; 169.254/16; 10/8, 172.16/12, 192.168/16, fc00::/7. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One hop: an address, a CIDR range of addresses, or one of PROXY_RANGE_NAMES. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** A comma-separated list of hops (see isProxyAddress), at least one. */
const proxyList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine((entries) => entries.length > 0 && entries.every(isProxyAddress), {
    error: 'expected addresses or CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated',
  });

const subgraphUrlShape = Object.fromEntries(
  Object.entries(SUBGRAPH_DEFAULT_URLS).map(([name, url]) => [subgraphUrlVariable(name), httpUrl.default(url)]),
);

/** Every variable the gateway reads, with its default. */
const envShape = {
  PORT: port.default(4000),
  /** Serves GET /metrics on this port instead of PORT (0 picks a free one), to keep it off the public ingress. */
  METRICS_PORT: port.optional(),
  /** Distinct operation names kept as metric labels; later ones are counted as `other` (clients choose names). */
  METRICS_MAX_OPERATIONS: positiveInt.max(1000).default(100),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The composed supergraph the gateway serves (convention 2: composed by `compose-supergraph`, never introspected). */
  SUPERGRAPH_PATH: z
    .string()
    .min(1)
    .default(path.resolve(__dirname, '..', 'supergraph', 'supergraph.graphql')),
  SUBGRAPH_TIMEOUT_MS: positiveInt.default(5000),
  /** Identical subgraph queries of one caller in flight at once share one request (subgraphs/deduplicate-requests.ts). */
  SUBGRAPH_DEDUPLICATION: z.stringbool().default(true),
  /**
   * Behind a TLS-terminating proxy (ingress): believe X-Forwarded-Proto/-For from the hops in TRUSTED_PROXIES, and
   * send HSTS on https requests.
   */
  TRUST_PROXY: z.stringbool().default(false),
  /**
   * With TRUST_PROXY, the hops whose X-Forwarded-For and -Proto are believed: the caller is the nearest address in
   * X-Forwarded-For that is not one of them, so an address a browser wrote into the header itself is never taken.
   */
  TRUSTED_PROXIES: proxyList.default(['loopback']),
  /**
   * Where partners reach this gateway (e.g. https://gongzhi.example): the origin of the URLs it hands out, such as
   * Open311 discovery's endpoint, never taken from a request's Host or X-Forwarded-Host. Required in production.
   */
  PUBLIC_BASE_URL: publicBaseUrl.optional(),
  /** Bound on each subgraph liveness probe behind /health/ready. */
  HEALTH_TIMEOUT_MS: positiveInt.default(1000),
  // Limits (graphql-armor); the checklist forbids a depth above 10. Depth is 10, not armor's 6, because every
  // Relay list spends two levels on edges/node: residents → edges → node → household → building → compound → name
  // is already 7 deep. A 20-deep query is still refused, and the cost limit bounds wide queries.
  MAX_DEPTH: positiveInt.max(10).default(10),
  MAX_ALIASES: positiveInt.default(15),
  MAX_DIRECTIVES: positiveInt.default(50),
  MAX_TOKENS: positiveInt.default(1000),
  /** The most nodes one operation may be able to return (plugins/cost-limit.ts), as GitHub's API limits them. */
  MAX_COST: positiveInt.default(10_000),
  BLOCK_FIELD_SUGGESTIONS: z.stringbool().default(true),
  /** The private key (a JWK with kid) that signs internal tokens to subgraphs: the JSON itself, or a file. Set one. */
  INTERNAL_TOKEN_KEY: z.string().min(1).optional(),
  INTERNAL_TOKEN_KEY_PATH: z.string().min(1).optional(),
  /** Lifetime of an internal token, at most 60 s: long enough for one subgraph call, too short to replay. */
  INTERNAL_TOKEN_LIFETIME_SECONDS: positiveInt.max(60).default(30),
  /** The response cache (plugins/response-cache.ts): on/off, its bounds, and the longest any answer is kept. */
  RESPONSE_CACHE: z.stringbool().default(true),
  RESPONSE_CACHE_MAX_ENTRIES: positiveInt.default(10_000),
  RESPONSE_CACHE_MAX_BYTES: positiveInt.default(64 * 1024 * 1024),
  RESPONSE_CACHE_MAX_TTL_SECONDS: positiveInt.max(3600).default(60),
  RESPONSE_CACHE_SETTLE_MS: positiveInt.max(60_000).default(1000),
  /** SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS: the graceful shutdown every Gongzhi process shares. */
  ...shutdownEnvShape,
  ...subgraphUrlShape,
};
const envSchema = z.object(envShape).superRefine((env, ctx) => {
  if (env.NODE_ENV !== 'production') return;
  if (!env.PUBLIC_BASE_URL)
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_BASE_URL'],
      message: 'required in production: the https origin partners reach the gateway at (e.g. https://gongzhi.example)',
    });
  else if (!env.PUBLIC_BASE_URL.startsWith('https://'))
    ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'must be https:// in production' });
});

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  blockFieldSuggestions: boolean;
}

export interface GatewayConfig {
  port: number;
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: string;
  supergraphPath: string;
  /** Subgraph name → GraphQL URL. The supergraph's URLs are placeholders; only these are dialled. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  /** Identical queries of one caller in flight at once share one subgraph request. */
  subgraphDeduplication: boolean;
  healthTimeoutMs: number;
  trustProxy: boolean;
  /** The hops believed about the caller's address and protocol when `trustProxy` (express's `trust proxy`). */
  trustedProxies: string[];
  /** The origin partners reach the gateway at (PUBLIC_BASE_URL; http://localhost:PORT outside production). */
  publicBaseUrl: string;
  /** On SIGTERM: readiness false at once, `delayMs` for load balancers to notice, in-flight requests get `timeoutMs`. */
  shutdown: { delayMs: number; timeoutMs: number };
  limits: LimitsConfig;
  /** GET /metrics: on `port` when set, else on the gateway's own port; how many operation names become labels. */
  metrics: { port?: number; maxOperations: number };
  internalToken: { key: JWK; lifetimeSeconds: number };
  /** Answers to queries kept per caller's visibility, dropped by the subgraphs' events. */
  responseCache: ResponseCacheConfig;
  /** Who may call: people's tokens, partners' API keys (NATS KV), rate limits. */
  auth: AuthConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const e = parseEnvironment(envSchema, env);
  const urls = e as unknown as Record<string, string>;
  return {
    port: e.PORT,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    supergraphPath: e.SUPERGRAPH_PATH,
    subgraphUrls: Object.fromEntries(
      Object.keys(SUBGRAPH_DEFAULT_URLS).map((name) => [name, urls[subgraphUrlVariable(name)]]),
    ),
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    subgraphDeduplication: e.SUBGRAPH_DEDUPLICATION,
    trustProxy: e.TRUST_PROXY,
    trustedProxies: e.TRUSTED_PROXIES,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
    healthTimeoutMs: e.HEALTH_TIMEOUT_MS,
    metrics: { port: e.METRICS_PORT, maxOperations: e.METRICS_MAX_OPERATIONS },
    shutdown: { delayMs: e.SHUTDOWN_DELAY_MS, timeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    internalToken: {
      key: internalTokenKey(e.INTERNAL_TOKEN_KEY, e.INTERNAL_TOKEN_KEY_PATH),
      lifetimeSeconds: e.INTERNAL_TOKEN_LIFETIME_SECONDS,
    },
    auth: loadAuthConfig(env),
    responseCache: {
      enabled: e.RESPONSE_CACHE,
      maxEntries: e.RESPONSE_CACHE_MAX_ENTRIES,
      maxBytes: e.RESPONSE_CACHE_MAX_BYTES,
      maxTtlSeconds: e.RESPONSE_CACHE_MAX_TTL_SECONDS,
      settleMs: e.RESPONSE_CACHE_SETTLE_MS,
    },
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_COST,
      blockFieldSuggestions: e.BLOCK_FIELD_SUGGESTIONS,
    },
  };
}

function internalTokenKey(inline: string | undefined, file: string | undefined): JWK {
  if (inline && file)
    throw new ConfigurationError(['INTERNAL_TOKEN_KEY and INTERNAL_TOKEN_KEY_PATH: set one, not both']);
  const variable = inline ? 'INTERNAL_TOKEN_KEY' : 'INTERNAL_TOKEN_KEY_PATH';
  let text = inline;
  if (!text && file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigurationError([`INTERNAL_TOKEN_KEY_PATH: cannot read ${file}`]);
    }
  }
  if (!text) {
    throw new ConfigurationError([
      'INTERNAL_TOKEN_KEY_PATH: required, the key that signs requests to subgraphs ' +
        '(npm start writes .gongzhi/keys/internal-token.private.jwk.json)',
    ]);
  }
  let key: JWK;
  try {
    key = JSON.parse(text) as JWK;
  } catch {
    throw new ConfigurationError([`${variable}: not JSON`]);
  }
  if (key.kty !== 'OKP' || key.crv !== 'Ed25519' || !key.d || !key.kid) {
    throw new ConfigurationError([`${variable}: expected a private Ed25519 JWK with a kid`]);
  }
  return key;
}

/** Every subgraph in the supergraph needs a configured URL; fails naming the variable to set. */
export function routeSubgraphs(subgraphNames: string[], subgraphUrls: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    subgraphNames.map((name) => {
      const url = subgraphUrls[name];
      if (!url) {
        throw new ConfigurationError([
          `${subgraphUrlVariable(name)}: required, subgraph "${name}" is in the supergraph ` +
            '(list it in SUBGRAPH_DEFAULT_URLS in gateway/src/config.ts)',
        ]);
      }
      return [name, url];
    }),
  );
}
