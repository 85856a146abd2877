import { DomainError } from '@gongzhi/platform';
import { registerEnumType } from '@nestjs/graphql';

/** Where a co-building project (共建项目, 设项目) stands. */
export enum CoBuildingProjectStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CoBuildingProjectStatus, {
  name: 'CoBuildingProjectStatus',
  description: 'Where a co-building project (共建项目) stands.',
  valuesMap: {
    PROPOSED: { description: 'Set up from a need and resources, waiting for the community to approve it.' },
    APPROVED: { description: 'Approved by the community; the partner unit may begin.' },
    IN_PROGRESS: { description: 'Being carried out by the partner unit responsible.' },
    COMPLETED: { description: 'Done: the need it took up is met.' },
    CANCELLED: { description: 'Given up before it was completed, with the reason in its history.' },
  },
});

export enum CoBuildingProjectAction {
  APPROVE = 'APPROVE',
  START = 'START',
  COMPLETE = 'COMPLETE',
  CANCEL = 'CANCEL',
}
registerEnumType(CoBuildingProjectAction, {
  name: 'CoBuildingProjectAction',
  description: 'A step a co-building project can take next.',
  valuesMap: {
    APPROVE: { description: 'Approve it (approveCoBuildingProject).' },
    START: { description: 'Record that the work began (startCoBuildingProject).' },
    COMPLETE: { description: 'Record that it is done (completeCoBuildingProject).' },
    CANCEL: { description: 'Give it up, with a reason (cancelCoBuildingProject).' },
  },
});

const { PROPOSED, APPROVED, IN_PROGRESS, COMPLETED, CANCELLED } = CoBuildingProjectStatus;

/** The state machine of a project: each action, the statuses it may start from and the status it leads to. */
export const PROJECT_ACTIONS: Readonly<
  Record<CoBuildingProjectAction, { from: readonly CoBuildingProjectStatus[]; to: CoBuildingProjectStatus }>
> = {
  APPROVE: { from: [PROPOSED], to: APPROVED },
  START: { from: [APPROVED], to: IN_PROGRESS },
  COMPLETE: { from: [IN_PROGRESS], to: COMPLETED },
  CANCEL: { from: [PROPOSED, APPROVED, IN_PROGRESS], to: CANCELLED },
};

/** Projects still under way: a need they took up is not free for another project. */
export const OPEN_PROJECT_STATUSES: readonly CoBuildingProjectStatus[] = [PROPOSED, APPROVED, IN_PROGRESS];

export function projectActionsFrom(status: CoBuildingProjectStatus): CoBuildingProjectAction[] {
  return Object.values(CoBuildingProjectAction).filter((action) => PROJECT_ACTIONS[action].from.includes(status));
}

/** The status `action` leads to from `status`, or CO_BUILDING_PROJECT.ILLEGAL_STEP naming what it can do instead. */
export function requireProjectAction(
  status: CoBuildingProjectStatus,
  action: CoBuildingProjectAction,
): CoBuildingProjectStatus {
  if (PROJECT_ACTIONS[action].from.includes(status)) return PROJECT_ACTIONS[action].to;
  const possible = projectActionsFrom(status);
  const instead = possible.length ? `it can only ${possible.map((a) => a.toLowerCase()).join(', ')}` : 'it is closed';
  const label = status.toLowerCase().replace('_', ' ');
  const article = /^[aeiou]/.test(label) ? 'An' : 'A';
  throw new DomainError(
    'CO_BUILDING_PROJECT.ILLEGAL_STEP',
    `${article} ${label} project cannot ${action.toLowerCase()}: ${instead}`,
    {
      status,
      action,
      possibleActions: possible,
    },
  );
}
