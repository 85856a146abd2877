import { DynamicModule, type FactoryProvider, Module, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS } from './readiness';

export type ReadinessChecksProvider =
  | { useValue: unknown[] }
  | { useFactory: (...args: never[]) => unknown[] | Promise<unknown[]>; inject?: FactoryProvider['inject'] };

@Module({})
export class HealthModule {
  /** `checks` provides (usually through a factory) the ReadinessCheck[] to report besides MongoDB. */
  static forRoot(checks: ReadinessChecksProvider): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ ...checks, provide: READINESS_CHECKS } as Provider],
    };
  }
}
