import { DynamicModule, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { shutdownTracing } from '@gongzhi/telemetry';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ScheduleModule } from '@nestjs/schedule';
import { createInternalTokenVerifier } from '@gongzhi/contracts';
import { SubgraphMetrics } from '@gongzhi/metrics';
import { loadInternalTokenJwks } from './access/internal-auth.middleware';
import { SensitiveReadAudit } from './access/sensitive-read-audit';
import { SignedInGuard } from './access/signed-in.guard';
import type { Connection } from 'mongoose';
import { databaseNameOf, natsCredentials, type ServiceConfig } from './config/config';
import { createValidationPipe } from './graphql/validation.pipe';
import { SubgraphGraphQLModule, SubgraphGraphQLOptions } from './graphql/subgraph-graphql.module';
import { EventsModule } from './events/events.module';
import { defaultEventsLogger } from './events/events.logger';
import { NatsConnectionProvider } from './events/nats-connection';
import { natsReadinessCheck } from './events/nats-readiness';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { Clock, systemClock } from './time/clock';
import { Scheduler } from './time/scheduler';
import { MetricsEndpoint, monitorMongoCommands } from './metrics/metrics-endpoint';

/** Sends the spans still buffered when the application closes (SIGTERM); nothing to do while tracing is off. */
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return shutdownTracing();
  }
}

/** Provider of the function that checks the gateway's internal token for this service. */
export const INTERNAL_TOKEN_VERIFIER = Symbol('INTERNAL_TOKEN_VERIFIER');

export interface SubgraphPlatformOptions extends SubgraphGraphQLOptions {
  /** The subgraph's name: organization, services, facilities, deliberation. */
  serviceName: string;
  config: ServiceConfig;
  /** What time it is for the domain; tests pass a ManualClock they move on. The system clock otherwise. */
  clock?: Clock;
}

/** What every subgraph's `AppModule.forRoot(config, options)` accepts besides its configuration. */
export type SubgraphAppOptions = Pick<SubgraphPlatformOptions, 'clock'>;

/**
 * Everything a Gongzhi subgraph stands on, in one import: JSON logs with request ids, its own MongoDB
 * database, a federation-2 GraphQL endpoint with per-request DataLoaders, input validation and a signed-in caller
 * for every resolver not marked @Public(), events through a transactional outbox, the audit of sensitive reads,
 * health checks, Prometheus metrics, one Clock and one Scheduler for periodic work.
 */
@Module({})
export class SubgraphPlatformModule {
  static forRoot(options: SubgraphPlatformOptions): DynamicModule {
    const { config, serviceName } = options;
    // One registry per application: tests run several subgraphs (and a gateway) in one process.
    const metrics = new SubgraphMetrics();
    return {
      module: SubgraphPlatformModule,
      global: true,
      imports: [
        LoggingModule.forRoot({ serviceName, level: config.LOG_LEVEL }),
        MongooseModule.forRoot(config.MONGODB_URI, {
          dbName: databaseNameOf(config, serviceName),
          monitorCommands: true,
          connectionFactory: (connection: Connection) => monitorMongoCommands(connection, metrics),
        }),
        SubgraphGraphQLModule.forRoot({ ...options, metrics }),
        EventsModule.forRoot({
          serviceName,
          natsUrl: config.NATS_URL,
          natsCredentials: natsCredentials(config),
          namespace: config.EVENTS_NAMESPACE,
          replicas: config.EVENTS_REPLICAS,
          logger: defaultEventsLogger(serviceName, config.LOG_LEVEL),
          metrics,
        }),
        ScheduleModule.forRoot(),
        HealthModule.forRoot({
          useFactory: (nats: NatsConnectionProvider) => [natsReadinessCheck(nats)],
          inject: [NatsConnectionProvider],
        }),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_GUARD, useClass: SignedInGuard },
        SensitiveReadAudit,
        TracingShutdown,
        { provide: SubgraphMetrics, useValue: metrics },
        { provide: MetricsEndpoint, useFactory: () => new MetricsEndpoint(metrics, config.METRICS_PORT) },
        { provide: Clock, useValue: options.clock ?? systemClock },
        Scheduler,
        {
          provide: INTERNAL_TOKEN_VERIFIER,
          useFactory: () => createInternalTokenVerifier(loadInternalTokenJwks(config), serviceName),
        },
      ],
      exports: [INTERNAL_TOKEN_VERIFIER, SensitiveReadAudit, SubgraphMetrics, MetricsEndpoint, Clock, Scheduler],
    };
  }
}
