import { lampFaultClosed, lampWorkOrderAssigned, lampWorkOrderReassigned } from '@gongzhi/contracts';
import {
  loadById,
  OutboxPublisher,
  paginate,
  refuseDuplicates,
  type RequestLoaders,
  withTransaction,
  Clock,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Connection, type Model, type QueryFilter, Types } from 'mongoose';
import { PartnersService } from '../organization-copy/partners.service';
import { stepOf } from './history';
import { LampFault, type LampFaultDocument, LampFaultStatus } from './lamp-fault.schema';
import { faultSteps, LampFaultAction, LampWorkOrderAction, OPEN_FAULT_STATUSES } from './lamp-steps';
import { Lamp, LampStatus } from './lamp.schema';
import { LampWorkOrder, type LampWorkOrderDocument, LampWorkOrderStatus } from './lamp-work-order.schema';
import { LightingErrors } from './lighting.errors';
import type { AssignLampWorkOrderInput, LampWorkOrdersArgs, ReassignLampWorkOrderInput } from './lighting.inputs';

/**
 * Work orders: the community gives a fault to a maintenance partner (共建单位), the partner reports progress and closes
 * it with its API key. Each change moves the fault along with it, in the same transaction.
 */
@Injectable()
export class LampWorkOrdersService {
  constructor(
    @InjectModel(LampWorkOrder.name) readonly orders: Model<LampWorkOrder>,
    @InjectModel(LampFault.name) private readonly faults: Model<LampFault>,
    @InjectModel(Lamp.name) private readonly lamps: Model<Lamp>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly partners: PartnersService,
    private readonly clock: Clock,
  ) {}

  async assign(fault: LampFaultDocument, { partnerUnitId, note }: AssignLampWorkOrderInput) {
    if (!faultSteps(fault).includes(LampFaultAction.ASSIGN_WORK_ORDER))
      throw LightingErrors.illegalFaultStep(fault.id, fault.status, LampFaultAction.ASSIGN_WORK_ORDER);
    const now = this.clock.now();
    if (!(await this.partners.worksIn(partnerUnitId, fault.communityId, now)))
      throw LightingErrors.partnerNotInCommunity(partnerUnitId);
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const [order] = await this.orders.create(
            [
              {
                faultId: fault._id,
                lampId: fault.lampId,
                partnerUnitId: new Types.ObjectId(partnerUnitId),
                communityId: fault.communityId,
                compoundId: fault.compoundId,
                buildingId: fault.buildingId,
                assignedAt: now,
                updates: [stepOf(LampWorkOrderStatus.ASSIGNED, now, note ?? null)],
              },
            ],
            { session },
          );
          await this.moveFault(fault._id, [LampFaultStatus.OPEN], LampFaultStatus.ASSIGNED, now, note ?? null, session);
          await this.outbox.record(
            lampWorkOrderAssigned,
            {
              workOrderId: order.id,
              faultId: fault.id,
              lampId: String(fault.lampId),
              communityId: String(fault.communityId),
              partnerUnitId,
            },
            { session },
          );
          return order;
        }),
      () => LightingErrors.alreadyAssigned(fault.id),
    );
  }

  /**
   * The partner holding the order did not come: the managers give it to another partner of the community, with the
   * reason. The order is REASSIGNED (the new partner has reported nothing yet) and its fault ASSIGNED again; the
   * previous partner may no longer report on it or close it.
   */
  async reassign(order: LampWorkOrderDocument, { partnerUnitId, reason }: ReassignLampWorkOrderInput) {
    if (order.status === LampWorkOrderStatus.CLOSED)
      throw LightingErrors.workOrderClosed(order.id, LampWorkOrderAction.REASSIGN);
    if (String(order.partnerUnitId) === partnerUnitId) throw LightingErrors.samePartner(partnerUnitId);
    const now = this.clock.now();
    if (!(await this.partners.worksIn(partnerUnitId, order.communityId, now)))
      throw LightingErrors.partnerNotInCommunity(partnerUnitId);
    return withTransaction(this.connection, async (session) => {
      const reassigned = await this.orders
        .findOneAndUpdate(
          // Only from the partner the caller saw: a concurrent reassignment or closing wins, this one is refused.
          { _id: order._id, partnerUnitId: order.partnerUnitId, status: { $ne: LampWorkOrderStatus.CLOSED } },
          {
            $set: { status: LampWorkOrderStatus.REASSIGNED, partnerUnitId: new Types.ObjectId(partnerUnitId) },
            $push: { updates: stepOf(LampWorkOrderStatus.REASSIGNED, now, reason) },
          },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!reassigned) throw LightingErrors.workOrderClosed(order.id, LampWorkOrderAction.REASSIGN);
      await this.moveFault(
        order.faultId,
        [LampFaultStatus.ASSIGNED, LampFaultStatus.IN_PROGRESS],
        LampFaultStatus.ASSIGNED,
        now,
        reason,
        session,
      );
      await this.outbox.record(
        lampWorkOrderReassigned,
        {
          workOrderId: reassigned.id,
          faultId: String(order.faultId),
          lampId: String(order.lampId),
          communityId: String(order.communityId),
          partnerUnitId,
          previousPartnerUnitId: String(order.partnerUnitId),
          reason,
        },
        { session },
      );
      return reassigned;
    });
  }

  /** The partner reports work under way (and may do so again with each news). */
  progress(order: LampWorkOrderDocument, note: string) {
    const now = this.clock.now();
    return withTransaction(this.connection, async (session) => {
      const updated = await this.orders
        .findOneAndUpdate(
          { _id: order._id, status: { $ne: LampWorkOrderStatus.CLOSED } },
          {
            $set: { status: LampWorkOrderStatus.IN_PROGRESS },
            $push: { updates: stepOf(LampWorkOrderStatus.IN_PROGRESS, now, note) },
          },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!updated) throw LightingErrors.workOrderClosed(order.id, LampWorkOrderAction.REPORT_PROGRESS);
      await this.moveFault(
        order.faultId,
        [LampFaultStatus.ASSIGNED, LampFaultStatus.IN_PROGRESS],
        LampFaultStatus.IN_PROGRESS,
        now,
        note,
        session,
      );
      return updated;
    });
  }

  /** Closes the order and its fault; the lamp works again unless another of its faults is still open. */
  close(order: LampWorkOrderDocument, resolution: string) {
    const now = this.clock.now();
    return withTransaction(this.connection, async (session) => {
      const closed = await this.orders
        .findOneAndUpdate(
          { _id: order._id, status: { $ne: LampWorkOrderStatus.CLOSED } },
          {
            $set: { status: LampWorkOrderStatus.CLOSED, closedAt: now, resolution },
            $push: { updates: stepOf(LampWorkOrderStatus.CLOSED, now, resolution) },
          },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!closed) throw LightingErrors.workOrderClosed(order.id, LampWorkOrderAction.CLOSE);
      const fault = await this.moveFault(
        order.faultId,
        OPEN_FAULT_STATUSES,
        LampFaultStatus.CLOSED,
        now,
        resolution,
        session,
        { nextEscalationAt: null },
      );
      if (
        !(await this.faults.exists({ lampId: order.lampId, status: { $in: OPEN_FAULT_STATUSES } }).session(session))
      ) {
        await this.lamps.updateOne({ _id: order.lampId }, { $set: { status: LampStatus.WORKING } }, { session });
      }
      await this.outbox.record(
        lampFaultClosed,
        {
          faultId: String(order.faultId),
          workOrderId: closed.id,
          lampId: String(order.lampId),
          communityId: String(order.communityId),
          partnerUnitId: String(order.partnerUnitId),
          withinSla: now <= fault.expectedAt,
        },
        { session },
      );
      return closed;
    });
  }

  list(filter: QueryFilter<LampWorkOrder>, { status, ...page }: LampWorkOrdersArgs) {
    return paginate(this.orders, status ? { $and: [filter, { status }] } : filter, page, {
      sortBy: 'assignedAt',
      direction: -1,
    });
  }

  /** The work order of each fault of a page, in one query. */
  ofFault(loaders: RequestLoaders, faultId: string) {
    return loaders
      .get<string, LampWorkOrderDocument | null>('LampWorkOrder.byFault', async (faultIds) => {
        const orders = await this.orders
          .find({ faultId: { $in: faultIds.map((id) => new Types.ObjectId(id)) } })
          .exec();
        return faultIds.map((id) => orders.find((order) => String(order.faultId) === id) ?? null);
      })
      .load(faultId);
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.orders, id);
  }

  private async moveFault(
    faultId: Types.ObjectId,
    from: readonly LampFaultStatus[],
    to: LampFaultStatus,
    at: Date,
    note: string | null,
    session: ClientSession,
    also: Partial<LampFault> = {},
  ) {
    const fault = await this.faults
      .findOneAndUpdate(
        { _id: faultId, status: { $in: from } },
        { $set: { status: to, updatedAt: at, ...also }, $push: { statusHistory: stepOf(to, at, note) } },
        { session, returnDocument: 'after' },
      )
      .exec();
    if (!fault) throw LightingErrors.faultMovedOn(String(faultId), to);
    return fault;
  }
}
