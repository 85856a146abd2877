import { parkingOverstayCleared, parkingOverstayDetected, parkingOverstayWithdrawn } from '@gongzhi/contracts';
import {
  childConnection,
  Clock,
  type ConnectionArgs,
  OutboxPublisher,
  type RequestLoaders,
  ScheduledSweep,
  withTransaction,
} from '@gongzhi/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Connection, Model, Types } from 'mongoose';
import type { FacilitiesConfig } from '../config';
import { FACILITIES_CONFIG } from '../facilities.tokens';
import { GateDirection, GateEvent, type GateEventDocument, VehicleRecognition } from './gate-event.schema';
import { ParkingLot, type ParkingLotDocument } from './parking-lot.schema';
import { ParkingStay, type ParkingStayDocument } from './parking-stay.schema';
import type { VisitorPassDocument } from './visitor-pass.schema';

const HOUR_MS = 3600 * 1000;

/** What the gate recognised at an entry, and the pass it came in on. */
export interface Recognition {
  recognisedAs: VehicleRecognition;
  pass: Pick<VisitorPassDocument, '_id' | 'validUntil'> | null;
}

/**
 * Overstays (超时停车) from the gate's events. Every entry opens a stay — on a visitor pass, or of an outsider's car,
 * with the time it is allowed until; a permit holder's without one —; the exit of the plate closes its open stays. A stay still open past its time is an
 * overstay: listed at once (evaluated on read), announced once by the sweep — a conditional update with its event in
 * one transaction, so replicas' sweeps never announce it twice — and cleared, with an event, by the exit.
 */
@Injectable()
export class ParkingOverstaysService extends ScheduledSweep {
  constructor(
    @InjectModel(ParkingStay.name) private readonly stays: Model<ParkingStay>,
    @InjectModel(ParkingLot.name) private readonly lots: Model<ParkingLot>,
    @InjectModel(GateEvent.name) private readonly gateEvents: Model<GateEvent>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    @Inject(FACILITIES_CONFIG) config: FacilitiesConfig,
  ) {
    super('parking overstays', config.SWEEP_INTERVAL_SECONDS);
  }

  /**
   * Opens or closes stays for a gate event, in the transaction that records it, and answers how the count of vehicles
   * inside moves: +1 for a stay opened open, −1 for each stay closed. Every entry opens a stay — a permit holder's too,
   * allowed without limit, so it never overstays. The gate may report an exit before the entry it ends (a retried
   * entry, a vendor's queue): an entry then opens its stay already ended by the first exit of the plate at or after
   * it, as the exit would have ended it had the entry come first, and the count does not move.
   */
  async onGateEvent(
    lot: ParkingLotDocument,
    event: GateEventDocument,
    { recognisedAs, pass }: Recognition,
    session: ClientSession,
  ): Promise<number> {
    if (event.direction === GateDirection.EXIT) return -(await this.closeStays(lot, event, session));
    const allowedUntil =
      recognisedAs === VehicleRecognition.PERMIT
        ? null
        : pass
          ? pass.validUntil
          : lot.maxStayHours
            ? new Date(event.occurredAt.getTime() + lot.maxStayHours * HOUR_MS)
            : null;
    const exitFirst = await this.gateEvents
      .findOne(
        { lotId: lot._id, plate: event.plate, direction: GateDirection.EXIT, occurredAt: { $gte: event.occurredAt } },
        { occurredAt: 1 },
      )
      .sort({ occurredAt: 1 })
      .session(session)
      .exec();
    await this.stays.create(
      [
        {
          plate: event.plate,
          enteredAt: event.occurredAt,
          recognisedAs,
          allowedUntil,
          exitedAt: exitFirst?.occurredAt ?? null,
          exitEventId: exitFirst?._id ?? null,
          lotId: lot._id,
          entryEventId: event._id,
          visitorPassId: pass?._id ?? null,
          communityId: lot.communityId,
          compoundId: lot.compoundId,
        },
      ],
      { session },
    );
    return exitFirst ? 0 : 1;
  }

  /**
   * The plate left: every stay of it in the lot that began by then ends, and each announced overstay is cleared.
   * Returns how many stays it closed.
   */
  private async closeStays(lot: ParkingLotDocument, exit: GateEventDocument, session: ClientSession) {
    const open = await this.stays
      .find({ lotId: lot._id, plate: exit.plate, exitedAt: null, enteredAt: { $lte: exit.occurredAt } }, { _id: 1 })
      .session(session)
      .exec();
    let closedCount = 0;
    for (const { _id } of open) {
      const closed = await this.stays
        .findOneAndUpdate(
          { _id, exitedAt: null },
          { $set: { exitedAt: exit.occurredAt, exitEventId: exit._id } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!closed) continue;
      closedCount += 1;
      if (closed.announcedAt)
        await this.outbox.record(
          parkingOverstayCleared,
          {
            overstayId: closed.id,
            lotId: String(lot._id),
            communityId: String(lot.communityId),
            exitedAt: exit.occurredAt.toISOString(),
          },
          { session },
        );
    }
    return closedCount;
  }

  /** Announces every overstay not yet announced; returns how many it announced. */
  sweep(): Promise<number> {
    const now = this.clock.now();
    return this.inBatches(
      (batchSize) =>
        this.stays
          .find({ exitedAt: null, announcedAt: null, allowedUntil: { $ne: null, $lte: now } })
          .sort({ allowedUntil: 1 })
          .limit(batchSize)
          .exec(),
      (stay) => this.announce(stay, now),
    );
  }

  private announce(stay: ParkingStayDocument, now: Date): Promise<boolean> {
    return withTransaction(this.connection, async (session) => {
      const announced = await this.stays
        .findOneAndUpdate(
          { _id: stay._id, exitedAt: null, announcedAt: null },
          { $set: { announcedAt: now } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!announced) return false;
      await this.outbox.record(
        parkingOverstayDetected,
        {
          overstayId: announced.id,
          lotId: String(announced.lotId),
          compoundId: String(announced.compoundId),
          communityId: String(announced.communityId),
          recognisedAs: announced.recognisedAs as VehicleRecognition.VISITOR_PASS | VehicleRecognition.UNKNOWN,
          visitorPassId: announced.visitorPassId ? String(announced.visitorPassId) : null,
          enteredAt: announced.enteredAt.toISOString(),
          allowedUntil: announced.allowedUntil!.toISOString(),
        },
        { session },
      );
      return true;
    });
  }

  /**
   * Sets (or, with null, lifts) the lot's maximum stay for outsiders' cars; the outsiders inside now are held to it
   * from their entry. An overstay announced before that is within the new time is withdrawn, with its event, and
   * announced again should the car outstay the new time too.
   */
  setMaxStay(lot: ParkingLotDocument, maxStayHours: number | null) {
    const now = this.clock.now();
    return withTransaction(this.connection, async (session) => {
      const updated = await this.lots
        .findByIdAndUpdate(lot._id, { $set: { maxStayHours } }, { session, returnDocument: 'after' })
        .exec();
      await this.stays.updateMany(
        { lotId: lot._id, exitedAt: null, recognisedAs: VehicleRecognition.UNKNOWN },
        [
          {
            $set: {
              allowedUntil: maxStayHours === null ? null : { $add: ['$enteredAt', maxStayHours * HOUR_MS] },
            },
          },
        ],
        { session, updatePipeline: true },
      );
      const withinTimeNow = await this.stays
        .find({
          lotId: lot._id,
          exitedAt: null,
          recognisedAs: VehicleRecognition.UNKNOWN,
          announcedAt: { $ne: null },
          $or: [{ allowedUntil: null }, { allowedUntil: { $gt: now } }],
        })
        .session(session)
        .exec();
      for (const stay of withinTimeNow) {
        await this.stays.updateOne({ _id: stay._id }, { $set: { announcedAt: null } }, { session }).exec();
        await this.outbox.record(
          parkingOverstayWithdrawn,
          {
            overstayId: stay.id,
            lotId: String(lot._id),
            communityId: String(lot.communityId),
            allowedUntil: stay.allowedUntil?.toISOString() ?? null,
          },
          { session },
        );
      }
      return updated ?? lot;
    });
  }

  /** A pass revoked at `at`: the visitor inside on it may stay no longer than that. */
  async passRevoked(passId: Types.ObjectId, at: Date): Promise<void> {
    await this.stays
      .updateMany({ visitorPassId: passId, exitedAt: null, allowedUntil: { $gt: at } }, { $set: { allowedUntil: at } })
      .exec();
  }

  /** The lot's vehicles inside past their time now, the longest overdue first; every lot of a page in one query. */
  ofLot(loaders: RequestLoaders, lotId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.stays, 'lotId', lotId, args, {
      sortBy: 'allowedUntil',
      filter: { exitedAt: null, allowedUntil: { $ne: null, $lte: this.clock.now() } },
    });
  }
}
