import { DomainError } from '@gongzhi/platform';

/** Where a motion (议题) stands, from raising to evaluation. */
export enum MotionState {
  /** Raised by a resident; collecting co-signatures (联名). */
  RAISED = 'RAISED',
  /** A major matter before the branch committee (重大事项支委会前置审议). */
  PRE_REVIEW = 'PRE_REVIEW',
  /** Sent back by the pre-review with reasons; the raiser may amend and submit again. */
  RETURNED = 'RETURNED',
  /** Discussed in meetings and comments, amended. */
  DELIBERATION = 'DELIBERATION',
  VOTING = 'VOTING',
  PASSED = 'PASSED',
  /** Voted down, or the vote decided nothing (too few took part, a tie). */
  REJECTED = 'REJECTED',
  /** Posted (公示) with a window for objections. */
  PUBLIC_NOTICE = 'PUBLIC_NOTICE',
  /** Being carried out, with milestones. */
  EXECUTION = 'EXECUTION',
  /** Done; residents rate the outcome. */
  EVALUATION = 'EVALUATION',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}

const {
  RAISED,
  PRE_REVIEW,
  RETURNED,
  DELIBERATION,
  VOTING,
  PASSED,
  REJECTED,
  PUBLIC_NOTICE,
  EXECUTION,
  EVALUATION,
  CLOSED,
  WITHDRAWN,
} = MotionState;

/**
 * Every step a motion can take, the states it may take it from and the state it leads to. Steps without `to` act on
 * the motion where it stands (a co-signature, a ballot, an objection). `to` as a list: the service picks by the facts
 * (a major matter goes to pre-review; a vote ends PASSED or REJECTED; an upheld objection reopens deliberation).
 */
export const MOTION_STEPS = {
  coSign: { from: [RAISED] },
  submit: { from: [RAISED, RETURNED], to: [PRE_REVIEW, DELIBERATION] },
  accept: { from: [PRE_REVIEW], to: [DELIBERATION] },
  return: { from: [PRE_REVIEW], to: [RETURNED] },
  amend: { from: [RAISED, RETURNED, DELIBERATION] },
  comment: { from: [PRE_REVIEW, DELIBERATION] },
  withdraw: { from: [RAISED, RETURNED, PRE_REVIEW, DELIBERATION], to: [WITHDRAWN] },
  openVoting: { from: [DELIBERATION], to: [VOTING] },
  castBallot: { from: [VOTING] },
  closeVoting: { from: [VOTING], to: [PASSED, REJECTED] },
  publishNotice: { from: [PASSED], to: [PUBLIC_NOTICE] },
  object: { from: [PUBLIC_NOTICE] },
  answerObjection: { from: [PUBLIC_NOTICE], to: [PUBLIC_NOTICE, DELIBERATION] },
  closeNotice: { from: [PUBLIC_NOTICE], to: [EXECUTION] },
  recordMilestone: { from: [EXECUTION] },
  completeExecution: { from: [EXECUTION], to: [EVALUATION] },
  rate: { from: [EVALUATION] },
  closeEvaluation: { from: [EVALUATION], to: [CLOSED] },
} as const satisfies Record<string, { from: readonly MotionState[]; to?: readonly MotionState[] }>;

export type MotionStep = keyof typeof MOTION_STEPS;

/** The steps a motion in `state` can take now. */
export function stepsFrom(state: MotionState): MotionStep[] {
  return (Object.keys(MOTION_STEPS) as MotionStep[]).filter((step) =>
    (MOTION_STEPS[step].from as readonly MotionState[]).includes(state),
  );
}

/** Refuses a step the motion cannot take where it stands, naming the steps it can take: nothing is changed. */
export function requireStep(state: MotionState, step: MotionStep, motionId: string): void {
  if ((MOTION_STEPS[step].from as readonly MotionState[]).includes(state)) return;
  const possible = stepsFrom(state);
  throw new DomainError(
    'MOTION.ILLEGAL_STEP',
    `Motion ${motionId} is ${state}: it cannot ${step} now${possible.length ? `; it can ${possible.join(', ')}` : '; it is finished'}`,
    { motionId, state, step, possibleSteps: possible },
  );
}

/** Checks that a transition leads where the table says; a service asking for another target has a bug. */
export function targetOf(step: MotionStep, to: MotionState): MotionState {
  const targets = 'to' in MOTION_STEPS[step] ? (MOTION_STEPS[step] as { to: readonly MotionState[] }).to : [];
  if (!targets.includes(to)) throw new Error(`The motion step ${step} cannot lead to ${to}`);
  return to;
}

/** States a motion never leaves. */
export const FINAL_STATES: readonly MotionState[] = [REJECTED, CLOSED, WITHDRAWN];
