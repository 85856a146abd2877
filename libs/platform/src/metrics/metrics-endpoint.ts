import { metricsHandler, type MetricsServer, startMetricsServer, SubgraphMetrics } from '@gongzhi/metrics';
import {
  type BeforeApplicationShutdown,
  type INestApplication,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Connection } from 'mongoose';

/**
 * Where a subgraph's `GET /metrics` is served: on its own HTTP port (before the internal-token check: Prometheus
 * holds no gateway token), or, when METRICS_PORT is set, only on that port, which production keeps off the ingress.
 */
@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: MetricsServer | undefined;

  constructor(
    readonly metrics: SubgraphMetrics,
    private readonly metricsPort: number | undefined,
  ) {}

  /** Called by createSubgraphApp before any other middleware. */
  mount(app: INestApplication): void {
    if (this.metricsPort === undefined) app.use('/metrics', metricsHandler(this.metrics.registry));
  }

  /** The separate port actually listened on (METRICS_PORT=0 picks one), if any. */
  get port(): number | undefined {
    return this.server?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.metricsPort !== undefined) this.server = await startMetricsServer(this.metricsPort, this.metrics.registry);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}

/**
 * Times every MongoDB command the service sends (the driver's command monitoring, switched on with
 * `monitorCommands`) into `gongzhi_mongodb_command_duration_seconds{command, outcome}`.
 */
export function monitorMongoCommands(connection: Connection, metrics: SubgraphMetrics): Connection {
  const client = connection.getClient();
  client.on('commandSucceeded', (event) => {
    metrics.mongoCommandDuration.observe({ command: event.commandName, outcome: 'success' }, event.duration / 1000);
  });
  client.on('commandFailed', (event) => {
    metrics.mongoCommandDuration.observe({ command: event.commandName, outcome: 'failure' }, event.duration / 1000);
  });
  return connection;
}
