import { residentAgeBandChanged } from '@gongzhi/contracts';
import { Clock, OutboxPublisher, ScheduledSweep, withTransaction } from '@gongzhi/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { OrganizationConfig } from '../config';
import { ORGANIZATION_CONFIG } from '../organization.tokens';
import { bandAfter, isAdultBand } from './age-bands';
import { Resident, type ResidentDocument } from './territory.schema';

/**
 * Moves residents on to their next age band at the birthday that crosses it (residents registered with a birth
 * date), each with `org.resident.age-band-changed` in the same transaction: services follows care eligibility and
 * the under-14 rule, deliberation adds a new adult to residents' rolls not yet opened. Every replica sweeps; the
 * conditional update lets one of them move a resident on, once.
 */
@Injectable()
export class AgeBandSweep extends ScheduledSweep {
  constructor(
    @InjectModel(Resident.name) private readonly residents: Model<Resident>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    @Inject(ORGANIZATION_CONFIG) config: OrganizationConfig,
  ) {
    super('age bands', config.AGE_BAND_SWEEP_SECONDS);
  }

  sweep(): Promise<number> {
    const now = this.clock.now();
    return this.inBatches(
      (batchSize) =>
        this.residents
          .find({ movedOutAt: null, ageBandChangesAt: { $lte: now } })
          .sort({ ageBandChangesAt: 1 })
          .limit(batchSize)
          .exec(),
      (resident) => this.moveOn(resident),
    );
  }

  /** One birthday: the next band, and when that one changes (a resident several bands behind moves one per sweep). */
  private moveOn(resident: ResidentDocument): Promise<boolean> {
    const from = resident.ageBand;
    const changedAt = resident.ageBandChangesAt!;
    const next = bandAfter(from, changedAt);
    return withTransaction(this.connection, async (session) => {
      const moved = await this.residents
        .findOneAndUpdate(
          { _id: resident._id, ageBand: from, ageBandChangesAt: changedAt },
          { $set: { ageBand: next.ageBand, ageBandChangesAt: next.changesAt } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!moved) return false;
      await this.outbox.record(
        residentAgeBandChanged,
        {
          residentId: moved.id,
          householdId: String(moved.householdId),
          buildingId: String(moved.buildingId),
          compoundId: String(moved.compoundId),
          communityId: String(moved.communityId),
          from,
          to: next.ageBand,
          adult: isAdultBand(next.ageBand),
          changedAt: changedAt.toISOString(),
        },
        { session, actor: { kind: 'service', id: 'organization-age-bands' } },
      );
      return true;
    });
  }
}
