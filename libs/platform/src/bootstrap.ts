import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { internalAuthMiddleware, type InternalTokenVerifier } from './access/internal-auth.middleware';
import { ConfigurationError } from './config/config';
import { requestContextMiddleware } from './request-context/request-context.middleware';
import { INTERNAL_TOKEN_VERIFIER } from './subgraph-platform.module';

/** A configured, not yet listening subgraph application: what main.ts runs and what tests start on port 0. */
// abortOnError off: a configuration error in a provider reaches runSubgraph as itself, not as process.exit.
export async function createSubgraphApp(module: DynamicModule): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  // Before every other middleware, so logs, resolvers and events all see the same request id.
  app.use(requestContextMiddleware);
  // Then the trust boundary: nothing but the health checks answers a request the gateway did not sign.
  app.use(internalAuthMiddleware(app.get<InternalTokenVerifier>(INTERNAL_TOKEN_VERIFIER)));
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}

/**
 * Entry point of a subgraph process: validates configuration (a bad variable stops the process with its
 * name, not a stack trace), starts the app and says where it listens.
 */
export async function runSubgraph<C extends { PORT: number }>(
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
  app.get(Logger).log(`${serviceName} subgraph listening on http://localhost:${config.PORT}/graphql`);
}
