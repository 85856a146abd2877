import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, MongooseHealthIndicator } from '@nestjs/terminus';
import { READINESS_CHECKS, ReadinessCheck } from './readiness';

/** Liveness says the process runs; readiness says it can serve: MongoDB answers and NATS is connected. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongoose: MongooseHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.mongoose.pingCheck('mongodb', { timeout: 3000 }),
      ...this.checks.map((check) => async () => {
        const indicator = this.indicators.check(check.name);
        return (await check.isReady()) ? indicator.up() : indicator.down();
      }),
    ]);
  }
}
