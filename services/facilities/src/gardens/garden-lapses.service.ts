import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Clock, ScheduledSweep } from '@gongzhi/platform';
import type { FacilitiesConfig } from '../config';
import { FACILITIES_CONFIG } from '../facilities.tokens';
import { GardenClaim, GardenClaimStatus } from './garden-claim.schema';
import { GardensService } from './gardens.service';

/** Ends the claims whose covenant term is over or whose care stopped, passing each plot to the next on its list. */
@Injectable()
export class GardenLapsesService extends ScheduledSweep {
  constructor(
    @InjectModel(GardenClaim.name) private readonly claims: Model<GardenClaim>,
    private readonly gardens: GardensService,
    private readonly clock: Clock,
    @Inject(FACILITIES_CONFIG) config: FacilitiesConfig,
  ) {
    super('garden claim lapses', config.SWEEP_INTERVAL_SECONDS);
  }

  sweep(): Promise<number> {
    const now = this.clock.now();
    return this.inBatches(
      (batchSize) =>
        this.claims
          .find({ status: GardenClaimStatus.ACTIVE, lapsesAt: { $lte: now } })
          .sort({ lapsesAt: 1 })
          .limit(batchSize)
          .exec(),
      (claim) => this.gardens.lapse(claim, now),
    );
  }
}
