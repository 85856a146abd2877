import { lampFaultEscalated } from '@gongzhi/contracts';
import { OutboxPublisher, withTransaction, Clock, ScheduledSweep } from '@gongzhi/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Connection, Model, QueryFilter } from 'mongoose';
import type { FacilitiesConfig } from '../config';
import { FACILITIES_CONFIG } from '../facilities.tokens';
import { FaultEscalationStep, LampFault, type LampFaultDocument } from './lamp-fault.schema';
import { faultSteps, LampFaultAction, OPEN_FAULT_STATUSES } from './lamp-steps';
import { LightingErrors } from './lighting.errors';

const HOUR_MS = 3600 * 1000;

/**
 * 社区呼叫、街道吹哨、部门报到. A fault still open at its SLA makes the community call (COMMUNITY_CALL); still open
 * LAMP_WHISTLE_AFTER_HOURS later, the street blows the whistle on the lamp's responsible department (STREET_WHISTLE);
 * the department then reports in to the street (DEPARTMENT_REPORT), which the street records. Each step is one
 * conditional update with its event, so sweeps on several replicas, or run twice, never take a step twice.
 */
@Injectable()
export class FaultEscalationService extends ScheduledSweep {
  constructor(
    @InjectModel(LampFault.name) private readonly faults: Model<LampFault>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    @Inject(FACILITIES_CONFIG) private readonly config: FacilitiesConfig,
  ) {
    super('lamp fault escalation', config.SWEEP_INTERVAL_SECONDS);
  }

  /** Takes the next step for every open fault whose step is due; returns how many steps were taken. */
  async sweep(): Promise<number> {
    return (await this.sweepWhere({})).length;
  }

  /**
   * The sweep an operator runs now (runLampFaultEscalationSweep), over the faults of one place (`within`, a filter on
   * the fault's community, compound or building): the faults it moved on, each as it is after its step.
   */
  sweepWhere(within: QueryFilter<LampFault>): Promise<LampFaultDocument[]> {
    const now = this.clock.now();
    const escalated: LampFaultDocument[] = [];
    return this.inBatches(
      (batchSize) =>
        this.faults
          .find({ ...within, nextEscalationAt: { $lte: now }, status: { $in: OPEN_FAULT_STATUSES } })
          .sort({ nextEscalationAt: 1 })
          .limit(batchSize)
          .exec(),
      async (fault) => {
        const after = await this.escalate(fault, now);
        if (after) escalated.push(after);
        return after !== null;
      },
    ).then(() => escalated);
  }

  /** The department reported in after the whistle; the street records it. */
  async recordDepartmentReport(fault: LampFaultDocument, note: string): Promise<LampFaultDocument> {
    const refused = () =>
      LightingErrors.illegalFaultStep(fault.id, fault.status, LampFaultAction.RECORD_DEPARTMENT_REPORT);
    if (!faultSteps(fault).includes(LampFaultAction.RECORD_DEPARTMENT_REPORT)) throw refused();
    const recorded = await this.takeStep(fault, FaultEscalationStep.DEPARTMENT_REPORT, this.clock.now(), null, note);
    if (!recorded) throw refused();
    return recorded;
  }

  private escalate(fault: LampFaultDocument, now: Date): Promise<LampFaultDocument | null> {
    const last = fault.escalations.at(-1)?.step;
    if (last === undefined) {
      return this.takeStep(
        fault,
        FaultEscalationStep.COMMUNITY_CALL,
        now,
        new Date(now.getTime() + this.config.LAMP_WHISTLE_AFTER_HOURS * HOUR_MS),
      );
    }
    if (last === FaultEscalationStep.COMMUNITY_CALL)
      return this.takeStep(fault, FaultEscalationStep.STREET_WHISTLE, now, null);
    return Promise.resolve(null);
  }

  /**
   * Appends `step` if the fault is still open with the escalation it was read with, and records its event; null when
   * another sweep, or the closing of the fault, came first.
   */
  private takeStep(
    fault: LampFaultDocument,
    step: FaultEscalationStep,
    at: Date,
    nextEscalationAt: Date | null,
    note: string | null = null,
  ) {
    return withTransaction(this.connection, async (session: ClientSession) => {
      const department = fault.agencyResponsible;
      const escalated = await this.faults
        .findOneAndUpdate(
          { _id: fault._id, status: { $in: OPEN_FAULT_STATUSES }, escalations: { $size: fault.escalations.length } },
          { $push: { escalations: { step, at, department, note } }, $set: { nextEscalationAt, updatedAt: at } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!escalated) return null;
      await this.outbox.record(
        lampFaultEscalated,
        {
          faultId: fault.id,
          lampId: String(fault.lampId),
          communityId: String(fault.communityId),
          step,
          department,
          slaDueAt: fault.expectedAt.toISOString(),
        },
        { session },
      );
      return escalated;
    });
  }
}
