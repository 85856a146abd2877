import type { Actor } from '@gongzhi/contracts';
import { DomainError, ScheduledSweep } from '@gongzhi/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DeliberationConfig } from '../config';
import { DELIBERATION_CONFIG } from '../deliberation.tokens';
import { MotionsService } from '../motions/motions.service';
import { PublicNoticeService } from '../motions/public-notice.service';
import { VotingService } from '../voting/voting.service';

/** Who takes the steps nobody asks for: the sweep, as the motions' step records and events name it. */
export const DEADLINE_SWEEP_ACTOR: Actor = Object.freeze({
  kind: 'service',
  id: 'deliberation-deadlines',
  name: 'deliberation-deadlines',
  roles: [],
  scopes: [],
});

/**
 * Time passing is not an event: every DEADLINE_SWEEP_SECONDS this closes the votes whose time is up and the public
 * notices whose window has run out (those with unanswered objections wait for their answers). Each step is the same
 * conditional write a steward's would be, so replicas sweeping together close each thing once.
 */
@Injectable()
export class DeadlineSweep extends ScheduledSweep {
  private readonly logger = new Logger(DeadlineSweep.name);

  constructor(
    private readonly motions: MotionsService,
    private readonly voting: VotingService,
    private readonly notices: PublicNoticeService,
    @Inject(DELIBERATION_CONFIG) config: DeliberationConfig,
  ) {
    super('deliberation deadlines', config.DEADLINE_SWEEP_SECONDS);
  }

  async sweep(): Promise<void> {
    for (const vote of await this.voting.dueToClose()) {
      await this.attempt(`close the vote ${vote.id}`, async () => {
        const motion = await this.motions.motions.findById(vote.motionId).exec();
        if (motion) await this.voting.close(motion, vote, DEADLINE_SWEEP_ACTOR);
      });
    }
    for (const motion of await this.notices.dueToClose()) {
      await this.attempt(`close the notice of motion ${motion.id}`, () =>
        this.notices.close(motion, DEADLINE_SWEEP_ACTOR),
      );
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
