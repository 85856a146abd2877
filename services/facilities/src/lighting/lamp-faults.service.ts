import { lampFaultReported } from '@gongzhi/contracts';
import {
  childConnection,
  type ConnectionArgs,
  currentActor,
  isDuplicateKeyError,
  loadById,
  OutboxPublisher,
  paginate,
  type RequestLoaders,
  withTransaction,
  Clock,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type Connection, type Model, type QueryFilter, Types } from 'mongoose';
import { objectIdOrNull } from '../organization-copy/place';
import { TerritoryService } from '../organization-copy/territory.service';
import { stepOf } from './history';
import { LampFault, LampFaultStatus } from './lamp-fault.schema';
import { LampFaultSlasService } from './lamp-fault-slas.service';
import { OPEN_FAULT_STATUSES } from './lamp-steps';
import { Lamp, type LampDocument, LampStatus } from './lamp.schema';
import { LightingErrors } from './lighting.errors';
import type { LampFaultsArgs, ReportLampFaultInput } from './lighting.inputs';

const HOUR_MS = 3600 * 1000;

/** Residents' fault reports (Open311 service requests): each starts its SLA clock and darkens its lamp's status. */
@Injectable()
export class LampFaultsService {
  constructor(
    @InjectModel(LampFault.name) readonly faults: Model<LampFault>,
    @InjectModel(Lamp.name) private readonly lamps: Model<Lamp>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
    private readonly slas: LampFaultSlasService,
  ) {}

  async report(lamp: LampDocument, input: ReportLampFaultInput) {
    const actor = currentActor();
    const now = this.clock.now();
    const expectedAt = new Date(now.getTime() + (await this.slas.hoursOf(input.serviceCode)) * HOUR_MS);
    try {
      const fault = await withTransaction(this.connection, async (session) => {
        const [fault] = await this.faults.create(
          [
            {
              serviceCode: input.serviceCode,
              description: input.description,
              location: input.location ?? lamp.location,
              mediaUrl: input.mediaUrl ?? null,
              statusHistory: [stepOf(LampFaultStatus.OPEN, now)],
              requestedAt: now,
              updatedAt: now,
              expectedAt,
              agencyResponsible: lamp.responsibleDepartment,
              nextEscalationAt: expectedAt,
              lampId: lamp._id,
              communityId: lamp.communityId,
              compoundId: lamp.compoundId,
              buildingId: lamp.buildingId,
              reporterSubject: actor.id,
              reporterResidentId: actor.residentId ? objectIdOrNull(actor.residentId) : null,
            },
          ],
          { session },
        );
        await this.lamps.updateOne({ _id: lamp._id }, { $set: { status: LampStatus.FAULTY } }, { session });
        await this.outbox.record(
          lampFaultReported,
          {
            faultId: fault.id,
            lampId: lamp.id,
            assetNumber: lamp.assetNumber,
            communityId: String(lamp.communityId),
            compoundId: lamp.compoundId && String(lamp.compoundId),
            serviceCode: fault.serviceCode,
            slaDueAt: expectedAt.toISOString(),
          },
          { session },
        );
        return fault;
      });
      return fault;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const open = await this.faults
        .findOne({ lampId: lamp._id, serviceCode: input.serviceCode, status: { $in: OPEN_FAULT_STATUSES } }, { _id: 1 })
        .exec();
      throw LightingErrors.alreadyReported(String(open?._id));
    }
  }

  async list(
    loaders: RequestLoaders,
    { placeId, status, statuses, serviceCodes, ids, from, until, ...page }: LampFaultsArgs,
  ) {
    const filter: QueryFilter<LampFault> = placeId ? await this.territory.within(loaders, placeId) : {};
    const and: QueryFilter<LampFault>[] = [];
    if (status) and.push({ status });
    if (statuses) and.push({ status: { $in: statuses } });
    if (serviceCodes) filter.serviceCode = { $in: serviceCodes };
    if (ids) filter._id = { $in: ids.map((id) => new Types.ObjectId(id)) };
    if (from || until) filter.requestedAt = { ...(from && { $gte: from }), ...(until && { $lte: until }) };
    if (and.length) filter.$and = and;
    return paginate(this.faults, filter, page, { sortBy: 'requestedAt', direction: -1 });
  }

  /** The faults of each lamp of a page, newest first, in one query for all of them. */
  ofLamp(loaders: RequestLoaders, lampId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.faults, 'lampId', lampId, args, { sortBy: 'requestedAt', direction: -1 });
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.faults, id);
  }
}
