import { lampFaultSlaChanged } from '@gongzhi/contracts';
import { Clock, currentActor, isDuplicateKeyError, OutboxPublisher, withTransaction } from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { LampFault } from './lamp-fault.schema';
import {
  defaultSlaHoursOf,
  LAMP_FAULT_SERVICES,
  type LampFaultService,
  LampFaultServiceCode,
} from './lamp-fault-services';
import { LampFaultSla } from './lamp-fault-sla.schema';
import { OPEN_FAULT_STATUSES } from './lamp-steps';

const HOUR_MS = 3600 * 1000;

/**
 * The SLA hours of each kind of lamp fault, as data: a report's expected time (and the sweep's first step) comes from
 * them, and a change reschedules the open faults of that kind the community has not yet called on, from their report.
 */
@Injectable()
export class LampFaultSlasService implements OnModuleInit {
  constructor(
    @InjectModel(LampFaultSla.name) private readonly slas: Model<LampFaultSla>,
    @InjectModel(LampFault.name) private readonly faults: Model<LampFault>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  /** Seeds today's hours for the kinds that have none yet; hours an operator set stay as they are. */
  async onModuleInit(): Promise<void> {
    try {
      await this.slas.bulkWrite(
        LAMP_FAULT_SERVICES.map(({ serviceCode, slaHours }) => ({
          updateOne: {
            filter: { _id: serviceCode },
            update: { $setOnInsert: { slaHours, changedAt: null, changedBy: null } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    } catch (error) {
      // Another replica seeding at the same moment inserted them first.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The hours in force for one kind. */
  async hoursOf(serviceCode: LampFaultServiceCode): Promise<number> {
    const sla = await this.slas.findById(serviceCode, { slaHours: 1 }).lean().exec();
    return sla?.slaHours ?? defaultSlaHoursOf(serviceCode);
  }

  /** Every kind of fault (Open311 GET services) with its SLA as it is now, in the order of LAMP_FAULT_SERVICES. */
  async services(): Promise<LampFaultService[]> {
    const hours = new Map((await this.slas.find().lean().exec()).map((sla) => [sla._id, sla.slaHours]));
    return LAMP_FAULT_SERVICES.map((service) => ({
      ...service,
      slaHours: hours.get(service.serviceCode) ?? service.slaHours,
    }));
  }

  /**
   * Sets the hours of one kind and moves the expected time of its open faults not yet escalated to report + hours, in
   * one transaction with its event (which names who changed it). A fault already called on keeps its escalation.
   */
  async set(
    serviceCode: LampFaultServiceCode,
    slaHours: number,
  ): Promise<{ service: LampFaultService; rescheduledFaults: number }> {
    const now = this.clock.now();
    const actor = currentActor();
    const rescheduledFaults = await withTransaction(this.connection, async (session) => {
      const before = await this.slas
        .findOneAndUpdate(
          { _id: serviceCode },
          { $set: { slaHours, changedAt: now, changedBy: actor.id } },
          { session, upsert: true, returnDocument: 'before' },
        )
        .lean()
        .exec();
      const due = { $add: ['$requestedAt', slaHours * HOUR_MS] };
      const { modifiedCount } = await this.faults
        .updateMany(
          { serviceCode, status: { $in: OPEN_FAULT_STATUSES }, escalations: { $size: 0 } },
          [{ $set: { expectedAt: due, nextEscalationAt: due } }],
          { session, updatePipeline: true },
        )
        .exec();
      await this.outbox.record(
        lampFaultSlaChanged,
        {
          serviceCode,
          slaHours,
          previousSlaHours: before?.slaHours ?? defaultSlaHoursOf(serviceCode),
          rescheduledFaults: modifiedCount,
        },
        { session },
      );
      return modifiedCount;
    });
    const service = (await this.services()).find((known) => known.serviceCode === serviceCode)!;
    return { service, rescheduledFaults };
  }
}
