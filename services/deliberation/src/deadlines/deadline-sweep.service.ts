import type { Actor } from '@gongzhi/contracts';
import { DomainError } from '@gongzhi/platform';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { DeliberationConfig } from '../config';
import { DELIBERATION_CONFIG } from '../deliberation.tokens';
import { MotionsService } from '../motions/motions.service';
import { PublicNoticeService } from '../public-notice/public-notice.service';
import { VotingService } from '../voting/voting.service';

/** Who takes the steps nobody asks for: the sweep, as the motions' step records and events name it. */
export const DEADLINE_SWEEP_ACTOR: Actor = Object.freeze({ kind: 'service', id: 'deliberation-deadlines', name: 'deliberation-deadlines', roles: [], scopes: [] }) as Actor;

/**
 * Time passing is not an event: every DEADLINE_SWEEP_SECONDS this closes the votes whose time is up and the public
 * notices whose window has run out (those with unanswered objections wait for their answers). Each step is the same
 * conditional write a steward's would be, so replicas sweeping together close each thing once.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly motions: MotionsService,
    private readonly voting: VotingService,
    private readonly notices: PublicNoticeService,
    @Inject(DELIBERATION_CONFIG) private readonly config: DeliberationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, this.config.DEADLINE_SWEEP_SECONDS * 1000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<void> {
    for (const vote of await this.voting.dueToClose()) {
      await this.attempt(`close the vote ${vote.id}`, async () => {
        const motion = await this.motions.motions.findById(vote.motionId).exec();
        if (motion) await this.voting.close(motion, vote, DEADLINE_SWEEP_ACTOR);
      });
    }
    for (const motion of await this.notices.dueToClose()) {
      await this.attempt(`close the notice of motion ${motion.id}`, () => this.notices.close(motion, DEADLINE_SWEEP_ACTOR));
    }
  }

  /** A refusal (another replica was first, objections await answers) is expected; anything else is logged and retried next sweep. */
  private async attempt(what: string, step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (error instanceof DomainError) this.logger.debug(`did not ${what}: ${error.message}`);
      else this.logger.error(`could not ${what}: ${(error as Error).message}`);
    }
  }
}
