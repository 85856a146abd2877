import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Response } from 'express';
import { type Connection, ConnectionStates } from 'mongoose';
import { ShutdownState } from '../lifecycle/graceful-shutdown';
import { READINESS_CHECKS, ReadinessCheck } from './readiness';

type Check = { status: 'up' } | { status: 'down'; reason?: string };

const MONGODB_PING_TIMEOUT_MS = 3_000;

/**
 * Liveness says the process runs. Readiness says it can serve: not shutting down, and MongoDB's primary answers a
 * ping. NATS is reported but informational: without it writes still succeed and their events wait in the outbox.
 * `{ status: 'ok' | 'unavailable' | 'draining', checks: { mongodb: {status: 'up'} }, informational: { nats: … } }`.
 */
@Controller('health')
export class HealthController {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const [mongodb, ...others] = await Promise.all([this.pingMongo(), ...this.checks.map((check) => this.run(check))]);
    const checks: Record<string, Check> = { mongodb };
    const informational: Record<string, Check> = {};
    this.checks.forEach((check, i) => ((check.informational ? informational : checks)[check.name] = others[i]));
    const serving = Object.values(checks).every((check) => check.status === 'up');
    const status = this.shutdown.draining ? 'draining' : serving ? 'ok' : 'unavailable';
    res.status(status === 'ok' ? 200 : 503);
    return { status, checks, informational };
  }

  /** A real round trip to the primary (terminus's mongoose check only reads the driver's connection state). */
  private async pingMongo(): Promise<Check> {
    const db = this.connection.db;
    if (!db || this.connection.readyState !== ConnectionStates.connected)
      return { status: 'down', reason: 'not connected' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Check>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: 'down', reason: `no answer within ${MONGODB_PING_TIMEOUT_MS} ms` }),
        MONGODB_PING_TIMEOUT_MS,
      );
    });
    const ping = db
      .admin()
      .command({ ping: 1 }, { readPreference: 'primary' })
      .then(
        (): Check => ({ status: 'up' }),
        (error: unknown): Check => ({ status: 'down', reason: error instanceof Error ? error.name : 'unreachable' }),
      );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(check: ReadinessCheck): Promise<Check> {
    try {
      return (await check.isReady()) ? { status: 'up' } : { status: 'down' };
    } catch {
      return { status: 'down' };
    }
  }
}
