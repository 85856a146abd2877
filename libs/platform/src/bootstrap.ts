import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigurationError } from './config/config';
import { requestContextMiddleware } from './request-context/request-context.middleware';

/** A configured, not yet listening subgraph application: what main.ts runs and what tests start on port 0. */
export async function createSubgraphApp(module: DynamicModule): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  // Before every other middleware, so logs, resolvers and events all see the same request id.
  app.use(requestContextMiddleware);
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
  try {
    config = loadServiceConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`${serviceName}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createSubgraphApp(appModule(config));
  await app.listen(config.PORT, '0.0.0.0');
  app.get(Logger).log(`${serviceName} subgraph listening on http://localhost:${config.PORT}/graphql`);
}
