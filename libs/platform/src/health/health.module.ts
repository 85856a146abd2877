import { DynamicModule, type FactoryProvider, Module, Provider } from '@nestjs/common';
import { ShutdownState } from '../lifecycle/graceful-shutdown';
import { HealthController } from './health.controller';
import { READINESS_CHECKS } from './readiness';

export type ReadinessChecksProvider =
  | { useValue: unknown[] }
  | { useFactory: (...args: never[]) => unknown[] | Promise<unknown[]>; inject?: FactoryProvider['inject'] };

@Module({})
export class HealthModule {
  /**
   * `checks` provides (usually through a factory) the ReadinessCheck[] to report besides MongoDB. ShutdownState is
   * global: the shutdown path sets it, /health/ready reads it.
   */
  static forRoot(checks: ReadinessChecksProvider): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      controllers: [HealthController],
      providers: [
        { ...checks, provide: READINESS_CHECKS } as Provider,
        { provide: ShutdownState, useValue: new ShutdownState() },
      ],
      exports: [ShutdownState],
    };
  }
}
