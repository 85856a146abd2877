import {
  type ConnectionArgs,
  childConnection,
  isDuplicateKeyError,
  loadById,
  paginate,
  refuseDuplicates,
  type RequestLoaders,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type Connection, type Model, Types } from 'mongoose';
import type { PlaceIds } from '../organization-copy/place';
import type { InPlaceArgs } from '../organization-copy/place.inputs';
import { TerritoryService } from '../organization-copy/territory.service';
import { GateEvent, VehicleRecognition } from './gate-event.schema';
import { ParkingLot, type ParkingLotDocument, ParkingSpace } from './parking-lot.schema';
import { ParkingPermit, ParkingPermitStatus } from './parking-permit.schema';
import { ParkingErrors } from './parking.errors';
import { ParkingOverstaysService, type Recognition } from './parking-overstays.service';
import type { AddParkingSpacesInput, RecordGateEventInput, RegisterParkingLotInput } from './parking.inputs';
import { VisitorPass } from './visitor-pass.schema';

const BY_NAME = { sortBy: 'name' } as const;

/** Lots and their spaces, and how full they are: the barrier gate's entries and exits move the count. */
@Injectable()
export class ParkingLotsService {
  constructor(
    @InjectModel(ParkingLot.name) readonly lots: Model<ParkingLot>,
    @InjectModel(ParkingSpace.name) private readonly spaces: Model<ParkingSpace>,
    @InjectModel(GateEvent.name) private readonly gateEvents: Model<GateEvent>,
    @InjectModel(ParkingPermit.name) private readonly permits: Model<ParkingPermit>,
    @InjectModel(VisitorPass.name) private readonly passes: Model<VisitorPass>,
    @InjectConnection() private readonly connection: Connection,
    private readonly territory: TerritoryService,
    private readonly overstays: ParkingOverstaysService,
  ) {}

  register(input: RegisterParkingLotInput, compound: PlaceIds) {
    return refuseDuplicates(
      () =>
        this.lots.create({
          name: input.name,
          gateVendorId: input.gateVendorId ? new Types.ObjectId(input.gateVendorId) : null,
          communityId: compound.communityId,
          compoundId: compound.compoundId!,
        }),
      () => ParkingErrors.lotAlreadyExists(input.name),
    );
  }

  addSpaces(lot: ParkingLotDocument, { kind, numbers }: AddParkingSpacesInput) {
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          await this.spaces.insertMany(
            numbers.map((number) => ({
              number,
              kind,
              lotId: lot._id,
              communityId: lot.communityId,
              compoundId: lot.compoundId,
            })),
            { session },
          );
          const updated = await this.lots
            .findByIdAndUpdate(lot._id, { $inc: { capacity: numbers.length } }, { session, returnDocument: 'after' })
            .exec();
          // Lots are not removed; should one go meanwhile, the spaces go with the transaction and the caller hears so.
          if (!updated) throw ParkingErrors.lotNotFound(String(lot._id));
          return updated;
        }),
      () => ParkingErrors.spaceAlreadyExists(),
    );
  }

  /**
   * Records what the gate saw, the stay it opens or closes (parking-overstays.service.ts), and moves the count of
   * vehicles inside with the stays: a vehicle is inside exactly while it has an open stay. An entry that opens an open
   * stay counts +1; an exit counts −1 for each open stay it closes; an exit with no open stay (reported before its
   * entry), and the entry that arrives later already ended by it, move nothing; the count never goes below zero. A
   * retried report (same vendor event id) is the event already recorded, and moves nothing. Each event first bumps
   * the lot's `gateEventsRecorded` in its transaction, so two events of the lot at once (an entry and the exit of the
   * same plate) conflict: `withTransaction` retries the later one, which then sees the other's stay.
   */
  async recordGateEvent(lot: ParkingLotDocument, input: RecordGateEventInput) {
    const already = () => this.gateEvents.findOne({ lotId: lot._id, vendorEventId: input.vendorEventId }).exec();
    const recorded = await already();
    if (recorded) return recorded;
    const recognition = await this.recognise(lot, input.plate, input.occurredAt);
    const { recognisedAs } = recognition;
    try {
      return await withTransaction(this.connection, async (session) => {
        await this.lots.updateOne({ _id: lot._id }, { $inc: { gateEventsRecorded: 1 } }, { session });
        const [event] = await this.gateEvents.create(
          [{ ...input, recognisedAs, lotId: lot._id, communityId: lot.communityId, compoundId: lot.compoundId }],
          { session },
        );
        const moved = await this.overstays.onGateEvent(lot, event, recognition, session);
        if (moved !== 0)
          await this.lots.updateOne(
            { _id: lot._id },
            [{ $set: { occupied: { $max: [0, { $add: ['$occupied', moved] }] } } }],
            { session, updatePipeline: true },
          );
        return event;
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await already())!;
    }
  }

  /**
   * A permit of the lot, else a visitor pass valid (and not revoked) at that moment — the one valid longest —, else an
   * outsider.
   */
  private async recognise(lot: ParkingLotDocument, plate: string, at: Date): Promise<Recognition> {
    const [permit, pass] = await Promise.all([
      this.permits.exists({ lotId: lot._id, plate, status: ParkingPermitStatus.ACTIVE }),
      // A pass revoked admits no more from then on (revokedAt null also matches passes from before revocation existed).
      this.passes
        .findOne(
          {
            lotId: lot._id,
            plate,
            validFrom: { $lte: at },
            validUntil: { $gt: at },
            $or: [{ revokedAt: null }, { revokedAt: { $gt: at } }],
          },
          { validUntil: 1, revokedAt: 1 },
        )
        .sort({ validUntil: -1 })
        .exec(),
    ]);
    if (permit) return { recognisedAs: VehicleRecognition.PERMIT, pass: null };
    if (!pass) return { recognisedAs: VehicleRecognition.UNKNOWN, pass: null };
    // A pass revoked later than the entry (the gate reports late) allows the stay until its revocation.
    const validUntil = pass.revokedAt && pass.revokedAt < pass.validUntil ? pass.revokedAt : pass.validUntil;
    return { recognisedAs: VehicleRecognition.VISITOR_PASS, pass: { _id: pass._id, validUntil } };
  }

  async list(loaders: RequestLoaders, { placeId, ...page }: InPlaceArgs) {
    return paginate(this.lots, placeId ? await this.territory.within(loaders, placeId) : {}, page, BY_NAME);
  }

  /** The lots of each community or compound of a page, in one query for all of them. */
  of(loaders: RequestLoaders, level: 'communityId' | 'compoundId', placeId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.lots, level, placeId, args, BY_NAME);
  }

  spacesOf(loaders: RequestLoaders, lotId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.spaces, 'lotId', lotId, args, { sortBy: 'number' });
  }

  /** Newest first. */
  gateEventsOf(loaders: RequestLoaders, lotId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.gateEvents, 'lotId', lotId, args, { sortBy: 'occurredAt', direction: -1 });
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.lots, id);
  }

  loadSpace(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.spaces, id);
  }
}
