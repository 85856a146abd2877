import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { createInternalTokenSigner, importSigningKey, type InternalTokenSigner } from '@gongzhi/contracts';
import { GatewayMetrics, metricsHandler, type MetricsServer, startMetricsServer } from '@gongzhi/metrics';
import { gracefulShutdown, ShutdownState } from '@gongzhi/platform/lifecycle';
import { connect } from '@nats-io/transport-node';
import {
  actorOf,
  createPersonDirectory,
  createPersonTokenVerifier,
  createCostLimiter,
  createUsageReporter,
  type NatsConnection,
  openApiKeyRegistry,
  partnerMeterOf,
  useAuthentication,
} from './auth';
import { ConfigurationError, type GatewayConfig, routeSubgraphs } from './config';
import type { GatewayContext } from './context';
import { healthRouter } from './health/health.router';
import { OPEN311_PATH, open311Router } from './open311/open311.router';
import { createLogger } from './logger';
import { useCostLimit } from './plugins/cost-limit';
import { useErrorMasking } from './plugins/error-masking';
import { useGraphiQL } from './plugins/graphiql';
import { type IdempotencyStore, openIdempotencyStore, useIdempotency } from './plugins/idempotency';
import { useLimits } from './plugins/limits';
import { useProtocolErrors } from './plugins/protocol-errors';
import { useSecurityHeaders } from './plugins/security-headers';
import { useMetrics } from './plugins/metrics';
import { requestIdOf, useRequestId } from './plugins/request-id';
import { requestLogOf, useRequestLog } from './plugins/request-log';
import { createResponseCache } from './plugins/response-cache';
import { createCachedInternalTokens } from './subgraphs/internal-token-cache';
import { createSubgraphDataSource } from './subgraphs/subgraph.data-source';
import { subgraphNames } from './supergraph/subgraph-names';

export interface GatewayOptions {
  /** The composed supergraph SDL. Default: the file at config.supergraphPath. */
  supergraphSdl?: string;
  logger?: Logger;
  /** Default: a registry of its own for this gateway. */
  metrics?: GatewayMetrics;
}

export interface Gateway {
  /** The express app: mount nothing else on it; hand it to supertest in tests. */
  app: Express;
  /** Loads the supergraph, then listens on config.port (0 picks a free port). */
  start(): Promise<{ url: string }>;
  /**
   * The graceful shutdown SIGTERM runs: /health/ready turns 503 at once, config.shutdown.delayMs for the load balancer
   * to notice, in-flight requests finish (config.shutdown.timeoutMs at most), then Apollo and the NATS connection
   * (partner keys, usage counted so far) stop. Resolves true when all of it was clean.
   */
  shutdown(): Promise<boolean>;
  /** shutdown() without the load-balancer delay, for tests. */
  stop(): Promise<void>;
  /** The port of GET /metrics when METRICS_PORT moved it off the gateway's own port (known after start). */
  metricsPort?: number;
}

function readSupergraph(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ConfigurationError([`SUPERGRAPH_PATH: cannot read ${file} (run \`npm run compose\`)`]);
  }
}

/**
 * Who is calling: people's tokens (verified against the identity provider, roles from organization), partners' API
 * keys (mirrored from NATS KV, rate-limited, usage reported back) or nobody. NATS must be reachable at start.
 */
async function startAuthentication(
  config: GatewayConfig,
  routes: Record<string, string>,
  signer: InternalTokenSigner,
  logger: Logger,
  metrics: GatewayMetrics,
) {
  const { auth } = config;
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: auth.natsUrl.split(',').map((url) => url.trim()),
      name: `gongzhi-gateway ${auth.gatewayId}`,
      ...auth.natsCredentials,
      maxReconnectAttempts: -1,
    });
  } catch (error) {
    throw new ConfigurationError([`NATS_URL: cannot connect to ${auth.natsUrl} (${(error as Error).message})`]);
  }
  const apiKeys = openApiKeyRegistry({
    nc,
    namespace: auth.eventsNamespace,
    replicas: auth.eventsReplicas,
    logger,
    staleMs: auth.apiKeyRegistryStaleMs,
  });
  try {
    await apiKeys.ready;
  } catch (error) {
    await nc.close();
    throw error;
  }
  // Idempotent mutations: the same NATS, one KV bucket shared by every replica.
  let idempotency: IdempotencyStore;
  try {
    idempotency = await openIdempotencyStore({ nc, namespace: auth.eventsNamespace, replicas: auth.eventsReplicas });
  } catch (error) {
    apiKeys.close();
    await nc.close();
    throw error;
  }
  const costLimiter = createCostLimiter({
    mongo: auth.rateLimitStore,
    logger,
    onStoreCall: () => metrics.rateLimitStoreCalls.inc(),
  });
  if (!costLimiter.shared)
    logger.warn("MONGODB_URI is not set: each gateway replica counts partner keys' points on its own");
  const usage = createUsageReporter({
    nc,
    namespace: auth.eventsNamespace,
    gatewayId: auth.gatewayId,
    flushMs: auth.apiKeyUsageFlushMs,
    logger,
  });
  const authenticate = useAuthentication({
    personTokens: auth.personTokens && createPersonTokenVerifier(auth.personTokens),
    personDirectory: createPersonDirectory({
      organizationUrl: routes.organization,
      signer,
      ttlMs: auth.personAccessTtlMs,
      timeoutMs: config.subgraphTimeoutMs,
    }),
    apiKeys,
    costLimiter,
    pointsPerMinute: auth.apiKeyPointsPerMinute,
    usage,
    logger,
    onApiKey: (outcome) => metrics.apiKeyRequests.inc({ outcome }),
  });
  const stop = async () => {
    await usage.close();
    apiKeys.close();
    await costLimiter.close();
    // drain() needs the server; while NATS is away close() is all there is (usage not published is lost with it).
    await nc.drain().catch(() => nc.close());
  };
  return { authenticate, idempotency, stop, nc };
}

/** `X-Purpose` (percent-encoded when not ASCII, e.g. 入户走访), kept short and on one line: it lands in the audit trail. */
function purposeOf(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  let value = header;
  try {
    value = decodeURIComponent(header);
  } catch {
    // Not percent-encoded after all: keep it as sent.
  }
  return (
    value
      .replace(/[\r\n\t]+/g, ' ')
      .trim()
      .slice(0, 200) || undefined
  );
}

export function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Gateway {
  const logger = options.logger ?? createLogger(config.logLevel);
  const supergraphSdl = options.supergraphSdl ?? readSupergraph(config.supergraphPath);
  const routes = routeSubgraphs(subgraphNames(supergraphSdl), config.subgraphUrls);
  const metrics = options.metrics ?? new GatewayMetrics({ maxOperations: config.metrics.maxOperations });

  const internalTokens = importSigningKey(config.internalToken.key).then((key) =>
    createInternalTokenSigner(key, config.internalToken.lifetimeSeconds),
  );
  // Surfaces at the first subgraph request too, but a bad key should stop start() with a clear message.
  let signingKeyLoaded = false;
  internalTokens.then(
    () => (signingKeyLoaded = true),
    () => undefined,
  );
  const shutdownState = new ShutdownState();
  const cachedInternalTokens = internalTokens.then((signer) =>
    createCachedInternalTokens({ signer, lifetimeSeconds: config.internalToken.lifetimeSeconds }),
  );
  // Reported by start(); without this a bad key would also surface as an unhandled rejection.
  cachedInternalTokens.catch(() => undefined);

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name }) =>
      createSubgraphDataSource({
        name,
        url: routes[name],
        timeoutMs: config.subgraphTimeoutMs,
        internalTokens: cachedInternalTokens,
        metrics,
        deduplicate: config.subgraphDeduplication,
      }),
  });

  const app = express();
  app.disable('x-powered-by');
  // Only the declared hops (the ingress, the console's server) are believed about the caller's protocol and address,
  // and only when configured: req.ip is then the nearest address in X-Forwarded-For that is not one of them.
  if (config.trustProxy) app.set('trust proxy', config.trustedProxies);
  const httpServer = http.createServer(app);

  const { maxCost, ...armorLimits } = config.limits;
  const limits = useLimits(armorLimits);
  const errorMasking = useErrorMasking({ logger });
  const requestLog = useRequestLog({ logger });
  // Opened in start() with the NATS connection; until then a keyed mutation is refused, never run unguarded.
  let idempotencyStore: IdempotencyStore | undefined;
  // Off until start() subscribes it to the subgraphs' events.
  const responseCache = createResponseCache({ config: config.responseCache, supergraphSdl, metrics, logger });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    csrfPrevention: true,
    // Apollo's own SIGTERM handler would stop it at once (failing requests still in flight) and signal the process
    // again; main.ts runs the graceful shutdown instead.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    introspection: config.nodeEnv !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: errorMasking.formatError,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [
      ...limits.plugins,
      // Before error masking, which logs errors without a code as unexpected.
      useProtocolErrors(),
      useCostLimit({ maxCost }),
      errorMasking.plugin,
      requestLog.plugin,
      useIdempotency({ store: () => idempotencyStore, logger }),
      ...responseCache.plugins,
      // Apollo's landing page loads from a CDN; the development IDE is served by useGraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      // Operations and their shapes stay here: nothing is reported to Apollo's cloud, even if APOLLO_KEY is set.
      ApolloServerPluginUsageReportingDisabled(),
      // No ApolloServerPluginDrainHttpServer: shutdown() drains the HTTP server itself, the way every subgraph does.
    ],
  });

  // Replaced by Apollo's middleware once the supergraph is loaded; until then /graphql answers 503.
  let graphql: RequestHandler | undefined;
  // Set up in start(): it needs NATS (partners' keys) and the signing key (the person directory).
  let authenticate: RequestHandler | undefined;
  let stopAuthentication = async () => {};

  // Headers first, so every answer carries them, /metrics, refusals and 404s included.
  app.use(useSecurityHeaders({ trustProxy: config.trustProxy }));
  // Prometheus scrapes without credentials: /metrics sits before everything else, unless METRICS_PORT moved it.
  if (config.metrics.port === undefined) app.get('/metrics', metricsHandler(metrics.registry));
  let metricsServer: MetricsServer | undefined;
  app.use(useRequestId(), requestLog.middleware);
  app.use(
    healthRouter({
      isSupergraphLoaded: () => graphql !== undefined,
      isSigningKeyLoaded: () => signingKeyLoaded,
      isDraining: () => shutdownState.draining,
      subgraphUrls: routes,
      timeoutMs: config.healthTimeoutMs,
    }),
  );
  if (config.nodeEnv === 'development') app.get('/graphql', useGraphiQL({ endpoint: '/graphql' }));
  app.use('/graphql', useMetrics(metrics), express.json({ limit: '100kb' }), (req, res, next) => {
    if (graphql && authenticate)
      authenticate(req, res, (error?: unknown) => (error ? next(error) : graphql!(req, res, next)));
    else
      res.status(503).json({ errors: [{ message: 'The gateway is starting', extensions: { code: 'UNAVAILABLE' } }] });
  });
  // Open311 GeoReport v2 for lamp faults: GraphQL operations on this gateway's own /graphql with the caller's api_key.
  app.use(
    OPEN311_PATH,
    open311Router({
      graphqlUrl: () => `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`,
      publicBaseUrl: config.publicBaseUrl,
      timeoutMs: config.subgraphTimeoutMs * 2,
      logger,
    }),
  );
  app.use((req, res) => {
    res.status(404).json({
      errors: [{ message: `Not found: ${req.method} ${req.path.slice(0, 200)}`, extensions: { code: 'NOT_FOUND' } }],
    });
  });
  // Express's default error page shows stack traces; a malformed or oversized body gets a plain JSON error instead.
  const onError: ErrorRequestHandler = (
    error: { status?: number; expose?: boolean; message?: string },
    req,
    res,
    next,
  ) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? 500;
    if (status >= 500) logger.error({ requestId: requestIdOf(res), err: error }, 'request failed');
    const message = status < 500 && error.expose ? error.message : 'Internal server error';
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
  app.use(onError);

  const shutdown = (delayMs: number) =>
    gracefulShutdown({
      state: shutdownState,
      server: httpServer,
      delayMs,
      timeoutMs: config.shutdown.timeoutMs,
      steps: [
        { name: 'apollo', run: () => apollo.stop() },
        { name: 'response cache', run: async () => responseCache.close() },
        // Usage counted so far is flushed, then the NATS connection drains.
        { name: 'authentication', run: () => stopAuthentication() },
        { name: 'metrics', run: async () => metricsServer?.close() },
      ],
      log: (message, fields) => logger.info(fields ?? {}, message),
    });

  const self: Gateway = {
    app,
    async start() {
      await internalTokens.catch((error: unknown) => {
        throw new ConfigurationError([`INTERNAL_TOKEN_KEY: cannot be imported (${(error as Error).message})`]);
      });
      let nc: NatsConnection;
      ({
        authenticate,
        idempotency: idempotencyStore,
        stop: stopAuthentication,
        nc,
      } = await startAuthentication(config, routes, await internalTokens, logger, metrics));
      responseCache.listen(nc, config.auth.eventsNamespace);
      await apollo.start();
      graphql = expressMiddleware(apollo, {
        context: async ({ req, res }) => ({
          requestId: requestIdOf(res),
          requestLog: requestLogOf(res),
          actor: actorOf(res),
          partnerMeter: partnerMeterOf(res),
          purpose: purposeOf(req.headers['x-purpose']),
        }),
      });
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, () => resolve());
      });
      if (config.metrics.port !== undefined) {
        metricsServer = await startMetricsServer(config.metrics.port, metrics.registry);
        self.metricsPort = metricsServer.port;
      }
      const url = `http://localhost:${(httpServer.address() as AddressInfo).port}/graphql`;
      const routing = Object.entries(routes)
        .map(([name, subgraphUrl]) => `${name} → ${subgraphUrl}`)
        .join(', ');
      logger.info(
        { url, subgraphs: routes, nodeEnv: config.nodeEnv },
        `gateway listening on ${url}, routing to ${routing}`,
      );
      return { url };
    },
    shutdown: () => shutdown(config.shutdown.delayMs),
    async stop() {
      await shutdown(0);
    },
  };
  return self;
}
