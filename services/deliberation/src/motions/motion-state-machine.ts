import { DomainError } from '@gongzhi/platform';

/** Where a motion (议题) stands, from raising to evaluation. */
export enum MotionStatus {
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
} = MotionStatus;

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
} as const satisfies Record<string, { from: readonly MotionStatus[]; to?: readonly MotionStatus[] }>;

export type MotionStep = keyof typeof MOTION_STEPS;

/**
 * The steps of MOTION_STEPS as the API names them (`nextSteps`, and the step each history entry took): the GraphQL
 * name of each value is SCREAMING_SNAKE, its value the step's key here, so a step converts to its action as it is.
 */
export enum MotionAction {
  /** A resident of the place co-signs (联名). */
  CO_SIGN = 'coSign',
  /** The raiser or a steward submits it: to pre-review when major, to deliberation otherwise. */
  SUBMIT = 'submit',
  /** The branch committee's pre-review accepts it for deliberation. */
  ACCEPT = 'accept',
  /** The pre-review returns it to the raiser with reasons. */
  RETURN = 'return',
  /** The raiser or a steward changes its title or description. */
  AMEND = 'amend',
  /** People living in or serving the place comment on it. */
  COMMENT = 'comment',
  /** The raiser or a steward withdraws it. */
  WITHDRAW = 'withdraw',
  /** A steward opens the vote. */
  OPEN_VOTING = 'openVoting',
  /** A voter on the roll casts a ballot, or staff record one. */
  CAST_BALLOT = 'castBallot',
  /** A steward (or the deadline sweep) closes the vote and counts it. */
  CLOSE_VOTING = 'closeVoting',
  /** A steward posts the decision (公示) with a window for objections. */
  PUBLISH_NOTICE = 'publishNotice',
  /** A resident of the place objects to the notice. */
  RAISE_OBJECTION = 'object',
  /** A steward answers an objection: upholding it reopens deliberation. */
  ANSWER_OBJECTION = 'answerObjection',
  /** A steward (or the deadline sweep) ends the notice: the decision goes to execution. */
  CLOSE_NOTICE = 'closeNotice',
  /** A steward records a milestone of the execution. */
  RECORD_MILESTONE = 'recordMilestone',
  /** A steward reports the work done: residents then rate the outcome. */
  COMPLETE_EXECUTION = 'completeExecution',
  /** A resident of the place rates the outcome. */
  RATE_OUTCOME = 'rate',
  /** A steward closes the evaluation, and the motion. */
  CLOSE_EVALUATION = 'closeEvaluation',
}

/** The steps a motion in `state` can take now. */
export function stepsFrom(state: MotionStatus): MotionStep[] {
  return (Object.keys(MOTION_STEPS) as MotionStep[]).filter((step) =>
    (MOTION_STEPS[step].from as readonly MotionStatus[]).includes(state),
  );
}

/** The action of the API that names `step` (its value; GraphQL shows its name). */
export function actionOf(step: MotionStep): MotionAction {
  return step as MotionAction;
}

const ACTION_NAMES = new Map(Object.entries(MotionAction).map(([name, value]) => [value as string, name]));

/** `step` as clients read it: OPEN_VOTING for openVoting. */
export function actionNameOf(step: MotionStep): string {
  return ACTION_NAMES.get(step)!;
}

/** Refuses a step the motion cannot take where it stands, naming the steps it can take: nothing is changed. */
export function requireStep(state: MotionStatus, step: MotionStep, motionId: string): void {
  if ((MOTION_STEPS[step].from as readonly MotionStatus[]).includes(state)) return;
  const next = stepsFrom(state).map(actionNameOf);
  const action = actionNameOf(step);
  throw new DomainError(
    'MOTION.ILLEGAL_STEP',
    `Motion ${motionId} is ${state}: it cannot ${action} now${next.length ? `; it can ${next.join(', ')}` : '; it is finished'}`,
    { motionId, status: state, action, nextSteps: next },
  );
}

/** Checks that a transition leads where the table says; a service asking for another target has a bug. */
export function targetOf(step: MotionStep, to: MotionStatus): MotionStatus {
  const targets = 'to' in MOTION_STEPS[step] ? (MOTION_STEPS[step] as { to: readonly MotionStatus[] }).to : [];
  if (!targets.includes(to)) throw new Error(`The motion step ${step} cannot lead to ${to}`);
  return to;
}

/** States a motion never leaves. */
export const FINAL_STATES: readonly MotionStatus[] = [REJECTED, CLOSED, WITHDRAWN];
