import './tracing'; // first: see tracing.ts
import { shutdownTracing } from '@gongzhi/telemetry';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createGateway } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const gateway = createGateway(config, { logger });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    gateway.stop().then(
      async () => {
        await shutdownTracing(); // the last spans, before exit
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await gateway.start();
}

main().catch((error: unknown) => {
  // A configuration mistake is one line naming the variable; anything else keeps its stack for whoever debugs it.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
