import './tracing'; // first: see tracing.ts
import { shutdownTracing } from '@gongzhi/telemetry';
import { exitOnSignals } from '@gongzhi/platform/lifecycle';
import { ConfigurationError, loadConfig } from './config';
import { createLogger } from './logger';
import { createGateway } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const gateway = createGateway(config, { logger });

  // The last spans are sent once requests have drained (nothing to send while tracing is off).
  exitOnSignals(
    async () => {
      const clean = await gateway.shutdown();
      await shutdownTracing();
      return clean;
    },
    {
      forceAfterMs: config.shutdown.delayMs + 2 * config.shutdown.timeoutMs,
      log: (message) => logger.warn(message),
    },
  );

  await gateway.start();
}

main().catch((error: unknown) => {
  // A configuration mistake is one line naming the variable; anything else keeps its stack for whoever debugs it.
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
