import { parkingLotteryDrawn, parkingPermitGranted, parkingPermitRevoked } from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  childConnection,
  loadById,
  OutboxPublisher,
  refuseDuplicates,
  type RequestLoaders,
  withTransaction,
  Clock,
  allowedSteps,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Connection, Model, Types } from 'mongoose';
import type { HouseholdPlaceIds } from '../organization-copy/place';
import { drawOrder, newLotterySeed } from './lottery';
import { type ParkingLotDocument, ParkingSpace, ParkingSpaceKind } from './parking-lot.schema';
import {
  AllocationMethod,
  ParkingLottery,
  type ParkingLotteryDocument,
  ParkingPermit,
  type ParkingPermitDocument,
  ParkingPermitStatus,
} from './parking-permit.schema';
import { ParkingPermitAction, PARKING_PERMIT_STEPS } from './parking-permit-steps';
import { ParkingErrors } from './parking.errors';
import type { ParkingPermitsArgs } from './parking.inputs';

/** What one allocation granted, and the draw behind it when it was a lottery. */
export interface Allocation {
  granted: ParkingPermitDocument[];
  lottery: ParkingLotteryDocument | null;
  /** Applications still waiting afterwards. */
  stillWaiting: number;
}

/**
 * Permits: households apply per vehicle and wait on the lot's waitlist; an allocation gives the free resident spaces
 * in waitlist order or by lottery, one permit per household before anyone gets a second (tiers). A race between two
 * allocations of a lot is refused whole rather than giving one space twice.
 */
@Injectable()
export class ParkingPermitsService {
  constructor(
    @InjectModel(ParkingPermit.name) readonly permits: Model<ParkingPermit>,
    @InjectModel(ParkingLottery.name) private readonly lotteries: Model<ParkingLottery>,
    @InjectModel(ParkingSpace.name) private readonly spaces: Model<ParkingSpace>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  apply(lot: ParkingLotDocument, household: HouseholdPlaceIds, plate: string) {
    return refuseDuplicates(
      () =>
        this.permits.create({
          plate,
          appliedAt: this.clock.now(),
          lotId: lot._id,
          householdId: household.householdId,
          buildingId: household.buildingId,
          compoundId: household.compoundId,
          communityId: household.communityId,
        }),
      () => ParkingErrors.permitAlreadyExists(plate),
    );
  }

  allocate(lot: ParkingLotDocument, method: AllocationMethod): Promise<Allocation> {
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const now = this.clock.now();
          const free = await this.freeResidentSpaces(lot, session);
          const tiers = await this.waitlistTiers(lot, session);
          const waiting = tiers.flat();
          let order = waiting;
          let lottery: ParkingLotteryDocument | null = null;
          if (method === AllocationMethod.LOTTERY) {
            const seed = newLotterySeed();
            order = drawOrder(seed, tiers);
            [lottery] = await this.lotteries.create(
              [
                {
                  seed,
                  candidateTiers: tiers.map((tier) => tier.map((permit) => permit._id)),
                  spacesOffered: free.length,
                  winnerIds: order.slice(0, free.length).map((permit) => permit._id),
                  drawnAt: now,
                  lotId: lot._id,
                  communityId: lot.communityId,
                  compoundId: lot.compoundId,
                },
              ],
              { session },
            );
            await this.outbox.record(
              parkingLotteryDrawn,
              {
                lotteryId: lottery.id,
                lotId: lot.id,
                communityId: String(lot.communityId),
                seed,
                candidates: waiting.length,
                winners: Math.min(free.length, waiting.length),
              },
              { session },
            );
          }
          const granted = [];
          for (const [index, permit] of order.slice(0, free.length).entries()) {
            granted.push(await this.grant(permit, free[index]._id, method, lottery?._id ?? null, now, session));
          }
          return { granted, lottery, stillWaiting: waiting.length - granted.length };
        }),
      () => ParkingErrors.allocationRaced(),
    );
  }

  revoke(permit: ParkingPermitDocument, reason: string) {
    const from = PARKING_PERMIT_STEPS[ParkingPermitAction.REVOKE];
    const refused = () => ParkingErrors.illegalStep(permit.id, ParkingPermitAction.REVOKE);
    if (!allowedSteps(PARKING_PERMIT_STEPS, permit.status).includes(ParkingPermitAction.REVOKE)) throw refused();
    return withTransaction(this.connection, async (session) => {
      const revoked = await this.permits
        .findOneAndUpdate(
          { _id: permit._id, status: { $in: from } },
          { $set: { status: ParkingPermitStatus.REVOKED, revokedReason: reason, revokedAt: this.clock.now() } },
          { session, returnDocument: 'after' },
        )
        .exec();
      // Revoked meanwhile by another request.
      if (!revoked) throw refused();
      await this.outbox.record(
        parkingPermitRevoked,
        {
          permitId: permit.id,
          lotId: String(permit.lotId),
          spaceId: String(permit.spaceId),
          householdId: String(permit.householdId),
          communityId: String(permit.communityId),
          reason,
        },
        { session },
      );
      return revoked;
    });
  }

  /** The order the recorded seed gives, drawn again: equal to `winnerIds` unless the record was tampered with. */
  redraw(lottery: ParkingLotteryDocument): Types.ObjectId[] {
    return drawOrder(lottery.seed, lottery.candidateTiers).slice(0, lottery.spacesOffered);
  }

  /** The lot's permits in waitlist order. */
  ofLot(loaders: RequestLoaders, lotId: string, { status, ...page }: ParkingPermitsArgs) {
    return childConnection(loaders, this.permits, 'lotId', lotId, page, {
      sortBy: 'appliedAt',
      filter: status ? { status } : {},
    });
  }

  ofHousehold(loaders: RequestLoaders, householdId: string, page: ConnectionArgs) {
    return childConnection(loaders, this.permits, 'householdId', householdId, page, { sortBy: 'appliedAt' });
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.permits, id);
  }

  loadLottery(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.lotteries, id);
  }

  private async freeResidentSpaces(lot: ParkingLotDocument, session: ClientSession) {
    // One after the other: operations of one transaction must not start it concurrently.
    const spaces = await this.spaces
      .find({ lotId: lot._id, kind: ParkingSpaceKind.RESIDENT })
      .sort({ number: 1 })
      .session(session)
      .exec();
    const held = await this.permits
      .distinct('spaceId', { lotId: lot._id, status: ParkingPermitStatus.ACTIVE })
      .session(session)
      .exec();
    const taken = new Set(held.map(String));
    return spaces.filter((space) => !taken.has(String(space._id)));
  }

  /**
   * The waitlist in tiers: a household's next permit goes in the tier of how many it would then hold in the compound —
   * its first in tier 1, its second in tier 2 — each tier in waitlist order.
   */
  private async waitlistTiers(lot: ParkingLotDocument, session: ClientSession): Promise<ParkingPermitDocument[][]> {
    const waiting = await this.permits
      .find({ lotId: lot._id, status: ParkingPermitStatus.WAITING })
      .sort({ appliedAt: 1, _id: 1 })
      .session(session)
      .exec();
    const active = await this.permits
      .find({ compoundId: lot.compoundId, status: ParkingPermitStatus.ACTIVE }, { householdId: 1 })
      .session(session)
      .exec();
    const held = new Map<string, number>();
    for (const permit of active) held.set(String(permit.householdId), (held.get(String(permit.householdId)) ?? 0) + 1);
    const tiers: ParkingPermitDocument[][] = [];
    for (const permit of waiting) {
      const household = String(permit.householdId);
      const tier = held.get(household) ?? 0;
      held.set(household, tier + 1);
      (tiers[tier] ??= []).push(permit);
    }
    return tiers.filter(Boolean);
  }

  private async grant(
    permit: ParkingPermitDocument,
    spaceId: Types.ObjectId,
    method: AllocationMethod,
    lotteryId: Types.ObjectId | null,
    now: Date,
    session: ClientSession,
  ) {
    const granted = await this.permits
      .findOneAndUpdate(
        { _id: permit._id, status: ParkingPermitStatus.WAITING },
        { $set: { status: ParkingPermitStatus.ACTIVE, spaceId, grantedAt: now, grantedBy: method, lotteryId } },
        { session, returnDocument: 'after' },
      )
      .exec();
    // Granted or withdrawn by someone else since this allocation read the waitlist.
    if (!granted) throw ParkingErrors.allocationRaced();
    await this.outbox.record(
      parkingPermitGranted,
      {
        permitId: granted.id,
        lotId: String(granted.lotId),
        spaceId: String(spaceId),
        householdId: String(granted.householdId),
        compoundId: String(granted.compoundId),
        communityId: String(granted.communityId),
        method,
        lotteryId: lotteryId && String(lotteryId),
      },
      { session },
    );
    return granted;
  }
}
