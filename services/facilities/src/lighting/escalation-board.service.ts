import { Clock, paginate } from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import {
  LampFaultEscalationCard,
  type LampFaultEscalationBoardArgs,
  LampFaultEscalationStage,
} from './escalation-board.types';
import { FaultEscalationStep, LampFault, type LampFaultDocument } from './lamp-fault.schema';
import { OPEN_FAULT_STATUSES } from './lamp-steps';

/** The number of escalation steps a fault has taken at each stage: the steps only ever come in their order. */
const STEPS_TAKEN: Record<LampFaultEscalationStage, number> = {
  [LampFaultEscalationStage.WITHIN_SLA]: 0,
  [LampFaultEscalationStage.PAST_SLA]: 0,
  [LampFaultEscalationStage.COMMUNITY_CALL]: 1,
  [LampFaultEscalationStage.STREET_WHISTLE]: 2,
  [LampFaultEscalationStage.DEPARTMENT_REPORT]: 3,
};

/**
 * The escalation board (社区呼叫 → 街道吹哨 → 部门报到): the open faults of a place, the oldest report first, each with
 * its stage, since when and the department that must report in.
 */
@Injectable()
export class EscalationBoardService {
  constructor(
    @InjectModel(LampFault.name) private readonly faults: Model<LampFault>,
    private readonly clock: Clock,
  ) {}

  async list(within: QueryFilter<LampFault>, { stage, ...page }: Omit<LampFaultEscalationBoardArgs, 'placeId'>) {
    const now = this.clock.now();
    const filter: QueryFilter<LampFault> = { ...within, status: { $in: OPEN_FAULT_STATUSES } };
    if (stage) {
      filter.escalations = { $size: STEPS_TAKEN[stage] };
      if (stage === LampFaultEscalationStage.WITHIN_SLA) filter.expectedAt = { $gt: now };
      if (stage === LampFaultEscalationStage.PAST_SLA) filter.expectedAt = { $lte: now };
    }
    const faults = await paginate(this.faults, filter, page, { sortBy: 'requestedAt', direction: 1 });
    return {
      edges: faults.edges.map(({ cursor, node }) => ({ cursor, node: this.cardOf(node, now) })),
      pageInfo: faults.pageInfo,
      // Counted only when asked for, as every connection is.
      get totalCount() {
        return faults.totalCount;
      },
    };
  }

  /** A fault as the board shows it, at `now`. */
  cardOf(fault: LampFaultDocument, now: Date = this.clock.now()): LampFaultEscalationCard {
    const last = fault.escalations.at(-1);
    const card = { fault, nextStepDueAt: fault.nextEscalationAt, mustReportIn: fault.agencyResponsible };
    if (last) return { ...card, stage: stageOf(last.step), since: last.at };
    return fault.expectedAt <= now
      ? { ...card, stage: LampFaultEscalationStage.PAST_SLA, since: fault.expectedAt }
      : { ...card, stage: LampFaultEscalationStage.WITHIN_SLA, since: fault.requestedAt };
  }
}

function stageOf(step: FaultEscalationStep): LampFaultEscalationStage {
  return {
    [FaultEscalationStep.COMMUNITY_CALL]: LampFaultEscalationStage.COMMUNITY_CALL,
    [FaultEscalationStep.STREET_WHISTLE]: LampFaultEscalationStage.STREET_WHISTLE,
    [FaultEscalationStep.DEPARTMENT_REPORT]: LampFaultEscalationStage.DEPARTMENT_REPORT,
  }[step];
}
