import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { internalAuthMiddleware, type InternalTokenVerifier } from './access/internal-auth.middleware';
import { ConfigurationError, type ServiceConfig } from './config/config';
import { exitOnSignals, gracefulShutdown, ShutdownState } from './lifecycle/graceful-shutdown';
import { JsonNotFoundFilter, subgraphSecurityHeaders } from './http/security-headers';
import { MetricsEndpoint } from './metrics/metrics-endpoint';
import { requestContextMiddleware } from './request-context/request-context.middleware';
import { INTERNAL_TOKEN_VERIFIER } from './subgraph-platform.module';

/** A configured, not yet listening subgraph application: what main.ts runs and what tests start on port 0. */
// abortOnError off: a configuration error in a provider reaches runSubgraph as itself, not as process.exit.
export async function createSubgraphApp(module: DynamicModule): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  // Headers first, so every answer carries them, refusals and 404s included.
  app.use(subgraphSecurityHeaders());
  app.useGlobalFilters(new JsonNotFoundFilter());
  // GET /metrics answers Prometheus before anything else (it holds no gateway token), unless METRICS_PORT moved it.
  app.get(MetricsEndpoint).mount(app);
  // Before every other middleware, so logs, resolvers and events all see the same request id.
  app.use(requestContextMiddleware);
  // Then the trust boundary: nothing but the health checks answers a request the gateway did not sign.
  app.use(internalAuthMiddleware(app.get<InternalTokenVerifier>(INTERNAL_TOKEN_VERIFIER)));
  app.useLogger(app.get(Logger));
  // No enableShutdownHooks(): runSubgraph installs the graceful path (shutdownSubgraph) for SIGTERM and SIGINT.
  return app;
}

/**
 * Entry point of a subgraph process: validates configuration (a bad variable stops the process with its
 * name, not a stack trace), starts the app and says where it listens.
 */
export async function runSubgraph<C extends Pick<ServiceConfig, 'PORT' | 'SHUTDOWN_DELAY_MS' | 'SHUTDOWN_TIMEOUT_MS'>>(
  serviceName: string,
  loadServiceConfig: () => C,
  appModule: (config: C) => DynamicModule,
): Promise<void> {
  let config: C;
  let app: INestApplication;
  try {
    config = loadServiceConfig();
    app = await createSubgraphApp(appModule(config));
    // Modules' start-up checks run here (onModuleInit): a configuration they refuse is said in one line too.
    await app.listen(config.PORT, '0.0.0.0');
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`${serviceName}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = app.get(Logger);
  exitOnSignals(() => shutdownSubgraph(app, config), {
    // Draining requests, then the current event of each consumer (its ack wait bounds it), then connections.
    forceAfterMs: config.SHUTDOWN_DELAY_MS + 3 * config.SHUTDOWN_TIMEOUT_MS,
    log: (message) => logger.warn(message),
  });
  logger.log(`${serviceName} subgraph listening on http://localhost:${config.PORT}/graphql`);
}

/**
 * The graceful shutdown of a subgraph (what SIGTERM runs): /health/ready answers 503 at once, SHUTDOWN_DELAY_MS for
 * the load balancer to notice, in-flight requests finish (SHUTDOWN_TIMEOUT_MS at most), then app.close(): event
 * consumers finish the event in hand and stop pulling, the outbox relay stops and hands its lease over, NATS drains,
 * MongoDB closes. Resolves true when all of it was clean.
 */
export function shutdownSubgraph(
  app: INestApplication,
  config: Pick<ServiceConfig, 'SHUTDOWN_DELAY_MS' | 'SHUTDOWN_TIMEOUT_MS'>,
): Promise<boolean> {
  const logger = app.get(Logger);
  return gracefulShutdown({
    state: app.get(ShutdownState),
    server: app.getHttpServer() as import('node:http').Server,
    delayMs: config.SHUTDOWN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    steps: [{ name: 'event consumers, outbox relay, NATS and MongoDB', run: () => app.close() }],
    log: (message, fields) => logger.log(fields ? `${message} ${JSON.stringify(fields)}` : message),
  });
}
