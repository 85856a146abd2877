import { StepActorKind } from './history';
import {
  type LampRenewalProject,
  type LampRenewalProjectStep,
  LampRenewalProjectStatus,
} from './lamp-renewal-project.schema';

/** What may be done to a renewal project; each is one mutation. */
export enum LampRenewalProjectAction {
  /** Record the contractor that won the tender and its amount (tenderLampRenewalProject). */
  TENDER = 'TENDER',
  /** The contractor starts work (startLampRenewalProject). */
  START = 'START',
  /** Accept the work, 验收 (acceptLampRenewalProject). */
  ACCEPT = 'ACCEPT',
  /** Call the project off, with the reason (cancelLampRenewalProject). */
  CANCEL = 'CANCEL',
}

const { PLANNED, TENDERED, IN_PROGRESS } = LampRenewalProjectStatus;

/** The statuses each action may be taken in; anything else is LAMP_RENEWAL_PROJECT.ILLEGAL_STEP. */
export const LAMP_RENEWAL_PROJECT_STEPS = {
  [LampRenewalProjectAction.TENDER]: [PLANNED],
  [LampRenewalProjectAction.START]: [TENDERED],
  [LampRenewalProjectAction.ACCEPT]: [IN_PROGRESS],
  [LampRenewalProjectAction.CANCEL]: [PLANNED, TENDERED, IN_PROGRESS],
} as const satisfies Record<LampRenewalProjectAction, readonly LampRenewalProjectStatus[]>;

/** What each action makes of the project. */
export const LAMP_RENEWAL_PROJECT_STEP_TO = {
  [LampRenewalProjectAction.TENDER]: TENDERED,
  [LampRenewalProjectAction.START]: IN_PROGRESS,
  [LampRenewalProjectAction.ACCEPT]: LampRenewalProjectStatus.ACCEPTED,
  [LampRenewalProjectAction.CANCEL]: LampRenewalProjectStatus.CANCELLED,
} as const satisfies Record<LampRenewalProjectAction, LampRenewalProjectStatus>;

/**
 * The project's history, oldest first: PLANNED when the motion passed (deliberation's service created it from the
 * motion's event), then the steps taken on it.
 */
export function lampRenewalProjectHistory(
  project: Pick<LampRenewalProject, 'motionPassedAt' | 'steps'>,
): LampRenewalProjectStep[] {
  return [
    { status: PLANNED, at: project.motionPassedAt, note: null, actorKind: StepActorKind.SERVICE },
    ...project.steps,
  ];
}
