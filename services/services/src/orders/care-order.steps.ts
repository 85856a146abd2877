import { DomainError } from '@gongzhi/platform';
import { registerEnumType } from '@nestjs/graphql';

export enum CareOrderStatus {
  /** Waiting for the provider to take it (接单). */
  PLACED = 'PLACED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  /** A visit is set. */
  SCHEDULED = 'SCHEDULED',
  /** Delivered, with its visit log. */
  COMPLETED = 'COMPLETED',
  RATED = 'RATED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CareOrderStatus, {
  name: 'CareOrderStatus',
  description: 'Where an order stands.',
  valuesMap: {
    PLACED: { description: 'Waiting for the provider to take it (接单).' },
    ACCEPTED: { description: 'Taken by the provider.' },
    DECLINED: { description: 'Turned down by the provider, with a reason.' },
    SCHEDULED: { description: 'A visit is set.' },
    COMPLETED: { description: 'Delivered, with its visit log.' },
    RATED: { description: 'Rated by the resident’s side (民事民评).' },
    CANCELLED: { description: 'Cancelled before it was delivered, or because the resident moved out.' },
  },
});

export enum CareOrderAction {
  ACCEPT = 'ACCEPT',
  DECLINE = 'DECLINE',
  SCHEDULE = 'SCHEDULE',
  COMPLETE = 'COMPLETE',
  RATE = 'RATE',
  CANCEL = 'CANCEL',
}
registerEnumType(CareOrderAction, {
  name: 'CareOrderAction',
  description: 'A step an order can take next.',
  valuesMap: {
    ACCEPT: { description: 'Take it (acceptCareOrder).' },
    DECLINE: { description: 'Turn it down (declineCareOrder).' },
    SCHEDULE: { description: 'Set or move the visit (scheduleCareOrder).' },
    COMPLETE: { description: 'Record the visit that delivered it (completeCareOrder).' },
    RATE: { description: 'Rate it (rateCareOrder).' },
    CANCEL: { description: 'Cancel it (cancelCareOrder).' },
  },
});

const { PLACED, ACCEPTED, DECLINED, SCHEDULED, COMPLETED, RATED, CANCELLED } = CareOrderStatus;

/** The state machine of an order: each action, the statuses it may start from and the status it leads to. */
export const ORDER_ACTIONS: Readonly<
  Record<CareOrderAction, { from: readonly CareOrderStatus[]; to: CareOrderStatus }>
> = {
  ACCEPT: { from: [PLACED], to: ACCEPTED },
  DECLINE: { from: [PLACED], to: DECLINED },
  // Scheduling again moves the visit.
  SCHEDULE: { from: [ACCEPTED, SCHEDULED], to: SCHEDULED },
  // A neighbour's help is often given the day it is asked for, without a visit set first.
  COMPLETE: { from: [ACCEPTED, SCHEDULED], to: COMPLETED },
  RATE: { from: [COMPLETED], to: RATED },
  CANCEL: { from: [PLACED, ACCEPTED, SCHEDULED], to: CANCELLED },
};

/** Orders still waiting for something to happen: a resident who moves out has these closed. */
export const OPEN_STATUSES: readonly CareOrderStatus[] = [PLACED, ACCEPTED, SCHEDULED];

export function actionsFrom(status: CareOrderStatus): CareOrderAction[] {
  return Object.values(CareOrderAction).filter((action) => ORDER_ACTIONS[action].from.includes(status));
}

/** The status `action` leads to from `status`, or CARE_ORDER.ILLEGAL_STEP naming what the order can do instead. */
export function requireAction(status: CareOrderStatus, action: CareOrderAction): CareOrderStatus {
  if (ORDER_ACTIONS[action].from.includes(status)) return ORDER_ACTIONS[action].to;
  throw illegalStep(status, action);
}

export function illegalStep(status: CareOrderStatus, action: CareOrderAction): DomainError {
  const possible = actionsFrom(status);
  const instead = possible.length ? `it can only ${possible.map((a) => a.toLowerCase()).join(', ')}` : 'it is closed';
  return new DomainError(
    'CARE_ORDER.ILLEGAL_STEP',
    `A ${status.toLowerCase()} order cannot ${action.toLowerCase()}: ${instead}`,
    {
      status,
      action,
      possibleActions: possible,
    },
  );
}
