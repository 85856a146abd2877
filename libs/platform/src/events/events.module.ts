import type { AnyEventContract } from '@gongzhi/contracts';
import type { SubgraphMetrics } from '@gongzhi/metrics';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  type InjectionToken,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Connection } from 'mongoose';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';
import { defaultEventsLogger, type EventsLogger } from './events.logger';
import { NatsConnectionProvider } from './nats-connection';
import { OutboxPublisher } from './outbox-publisher';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';

export interface EventsModuleOptions {
  serviceName: string;
  /** EVENTS_NAMESPACE; `gongzhi` in production, one per test file in tests. */
  namespace: string;
  /** One server, or several separated by commas (the client also learns a cluster's other nodes from the first). */
  natsUrl: string;
  /** NATS_USER and NATS_PASSWORD, when the server requires them. */
  natsCredentials?: { user: string; pass: string };
  /** EVENTS_REPLICAS: copies JetStream keeps of the streams, when this service creates them. */
  replicas?: number;
  logger?: EventsLogger;
  relay?: Pick<OutboxRelayOptions, 'pollIntervalMs' | 'leaseMs' | 'batchSize' | 'retry'>;
  /**
   * The mongoose connection to write the outbox with. Defaults to @nestjs/mongoose's default connection token
   * (what getConnectionToken() returns); not imported from there because @nestjs/mongoose 12 is ESM-only.
   */
  connectionToken?: InjectionToken;
  /** The subgraph's metrics: the relay and consumers count into them, and their gauges read the outbox and JetStream. */
  metrics?: SubgraphMetrics;
}

const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');
const EVENTS_LOGGER = Symbol('EVENTS_LOGGER');
const MONGOOSE_CONNECTION = Symbol('EVENTS_MONGOOSE_CONNECTION');
const DEFAULT_CONNECTION_TOKEN = 'DatabaseConnection';

/** Creates consumers tied to the application's life: started at once, stopped on shutdown. */
@Injectable()
export class EventConsumers {
  private readonly consumers: EventConsumer<AnyEventContract>[] = [];

  constructor(
    @Inject(MONGOOSE_CONNECTION) private readonly connection: Connection,
    private readonly nats: NatsConnectionProvider,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsModuleOptions,
    @Inject(EVENTS_LOGGER) private readonly logger: EventsLogger,
  ) {}

  /** Call from a provider's onModuleInit: `consumers.register({ name: 'roster', events: [residentMovedIn], handle })`. */
  register<C extends AnyEventContract>(
    options: Omit<EventConsumerOptions<C>, 'serviceName' | 'namespace' | 'logger'>,
  ): EventConsumer<C> {
    const consumer = new EventConsumer<C>(this.connection, this.nats, {
      serviceName: this.options.serviceName,
      namespace: this.options.namespace,
      replicas: this.options.replicas,
      logger: this.logger,
      metrics: this.options.metrics,
      ...options,
    });
    this.consumers.push(consumer);
    consumer.start();
    return consumer;
  }

  /** Unacknowledged events per durable consumer; a consumer JetStream cannot answer for is left out. */
  async pending(): Promise<Map<string, number>> {
    const counts = await Promise.all(
      this.consumers.map(
        async (consumer) => [consumer.durableName, await consumer.pending().catch(() => undefined)] as const,
      ),
    );
    return new Map(counts.filter((entry): entry is readonly [string, number] => entry[1] !== undefined));
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}

/** Starts NATS and the relay once the app is up; stops consumers, then the relay, then NATS, before MongoDB closes. */
@Injectable()
class EventsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly nats: NatsConnectionProvider,
    private readonly relay: OutboxRelay,
    private readonly consumers: EventConsumers,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.options.metrics?.observe({
      outbox: () => this.relay.state(),
      consumersPending: () => this.consumers.pending(),
    });
    this.nats.start();
    await this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stopAll();
    await this.relay.stop();
    await this.nats.close();
  }
}

/**
 * Events for a subgraph: OutboxPublisher to record events in transactions, the relay that sends them, EventConsumers
 * to subscribe, and NatsConnectionProvider (for natsReadinessCheck). Nest-free cores; this only wires them.
 */
@Module({})
export class EventsModule {
  static forRoot(options: EventsModuleOptions): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        { provide: EVENTS_LOGGER, useValue: options.logger ?? defaultEventsLogger(options.serviceName) },
        { provide: MONGOOSE_CONNECTION, useExisting: options.connectionToken ?? DEFAULT_CONNECTION_TOKEN },
        {
          provide: NatsConnectionProvider,
          useFactory: (logger: EventsLogger) =>
            new NatsConnectionProvider({
              servers: options.natsUrl.split(',').map((url) => url.trim()),
              name: options.serviceName,
              credentials: options.natsCredentials,
              logger,
            }),
          inject: [EVENTS_LOGGER],
        },
        {
          provide: OutboxPublisher,
          useFactory: (connection: Connection) =>
            new OutboxPublisher(connection, { serviceName: options.serviceName, namespace: options.namespace }),
          inject: [MONGOOSE_CONNECTION],
        },
        {
          provide: OutboxRelay,
          useFactory: (connection: Connection, nats: NatsConnectionProvider, logger: EventsLogger) =>
            new OutboxRelay(connection, nats, {
              serviceName: options.serviceName,
              namespace: options.namespace,
              replicas: options.replicas,
              logger,
              metrics: options.metrics,
              ...options.relay,
            }),
          inject: [MONGOOSE_CONNECTION, NatsConnectionProvider, EVENTS_LOGGER],
        },
        EventConsumers,
        EventsLifecycle,
      ],
      exports: [OutboxPublisher, EventConsumers, NatsConnectionProvider],
    };
  }
}
