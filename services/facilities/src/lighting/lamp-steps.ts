import { FaultEscalationStep, type LampFault, LampFaultStatus } from './lamp-fault.schema';
import { type LampWorkOrder, LampWorkOrderStatus } from './lamp-work-order.schema';

/** The steps someone can take on a lamp fault (the escalation itself is the sweep's, not a caller's). */
export enum LampFaultAction {
  ASSIGN_WORK_ORDER = 'ASSIGN_WORK_ORDER',
  RECORD_DEPARTMENT_REPORT = 'RECORD_DEPARTMENT_REPORT',
}

/** The steps on a work order: progress and closing are the assigned partner's, reassigning the managers'. */
export enum LampWorkOrderAction {
  REPORT_PROGRESS = 'REPORT_PROGRESS',
  CLOSE = 'CLOSE',
  REASSIGN = 'REASSIGN',
}

export const OPEN_FAULT_STATUSES = [LampFaultStatus.OPEN, LampFaultStatus.ASSIGNED, LampFaultStatus.IN_PROGRESS];

/**
 * The fault's state machine: an OPEN fault is given to a partner (ASSIGN_WORK_ORDER, then ASSIGNED → IN_PROGRESS →
 * CLOSED with its work order); while it is not closed and the street has blown the whistle last, the department's
 * reporting in can be recorded, once. Who may take each step is lighting.access.ts's.
 */
export function faultSteps(fault: Pick<LampFault, 'status' | 'escalations'>): LampFaultAction[] {
  const steps: LampFaultAction[] = [];
  if (fault.status === LampFaultStatus.OPEN) steps.push(LampFaultAction.ASSIGN_WORK_ORDER);
  if (
    OPEN_FAULT_STATUSES.includes(fault.status) &&
    fault.escalations.at(-1)?.step === FaultEscalationStep.STREET_WHISTLE
  )
    steps.push(LampFaultAction.RECORD_DEPARTMENT_REPORT);
  return steps;
}

/**
 * A work order takes progress reports (as often as there is news), reassignment to another partner (as often as one
 * fails to come) and its closing until it is closed.
 */
export function workOrderSteps(order: Pick<LampWorkOrder, 'status'>): LampWorkOrderAction[] {
  return order.status === LampWorkOrderStatus.CLOSED
    ? []
    : [LampWorkOrderAction.REPORT_PROGRESS, LampWorkOrderAction.CLOSE, LampWorkOrderAction.REASSIGN];
}
