import { DomainError } from '@gongzhi/platform';
import {
  actionNameOf,
  actionOf,
  MOTION_STEPS,
  MotionAction,
  MotionStatus,
  type MotionStep,
  requireStep,
  stepsFrom,
  targetOf,
} from './motion-state-machine';

describe('the motion state machine', () => {
  it.each([
    ['RAISED', ['coSign', 'submit', 'amend', 'withdraw']],
    ['PRE_REVIEW', ['accept', 'return', 'comment', 'withdraw']],
    ['RETURNED', ['submit', 'amend', 'withdraw']],
    ['DELIBERATION', ['amend', 'comment', 'withdraw', 'openVoting']],
    ['VOTING', ['castBallot', 'closeVoting']],
    ['PASSED', ['publishNotice']],
    ['PUBLIC_NOTICE', ['object', 'answerObjection', 'closeNotice']],
    ['EXECUTION', ['recordMilestone', 'completeExecution']],
    ['EVALUATION', ['rate', 'closeEvaluation']],
    ['REJECTED', []],
    ['CLOSED', []],
    ['WITHDRAWN', []],
  ] as [MotionStatus, MotionStep[]][])('a motion %s can take exactly the steps %j', (state, steps) => {
    expect(stepsFrom(state)).toEqual(steps);
  });

  it('walks the whole path from raising to evaluation', () => {
    const path: [MotionStep, MotionStatus][] = [
      ['submit', MotionStatus.PRE_REVIEW],
      ['accept', MotionStatus.DELIBERATION],
      ['openVoting', MotionStatus.VOTING],
      ['closeVoting', MotionStatus.PASSED],
      ['publishNotice', MotionStatus.PUBLIC_NOTICE],
      ['closeNotice', MotionStatus.EXECUTION],
      ['completeExecution', MotionStatus.EVALUATION],
      ['closeEvaluation', MotionStatus.CLOSED],
    ];
    let state = MotionStatus.RAISED;
    for (const [step, to] of path) {
      requireStep(state, step, 'm1');
      state = targetOf(step, to);
    }
    expect(state).toBe(MotionStatus.CLOSED);
  });

  it('refuses an illegal step with MOTION.ILLEGAL_STEP, naming what the motion can do instead', () => {
    let error: unknown;
    try {
      requireStep(MotionStatus.PRE_REVIEW, 'openVoting', 'm1');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('MOTION.ILLEGAL_STEP');
    expect((error as DomainError).details).toEqual({
      motionId: 'm1',
      status: 'PRE_REVIEW',
      action: 'OPEN_VOTING',
      nextSteps: ['ACCEPT', 'RETURN', 'COMMENT', 'WITHDRAW'],
    });
    expect((error as DomainError).message).toBe(
      'Motion m1 is PRE_REVIEW: it cannot OPEN_VOTING now; it can ACCEPT, RETURN, COMMENT, WITHDRAW',
    );
  });

  it('says a finished motion is finished', () => {
    expect(() => requireStep(MotionStatus.WITHDRAWN, 'submit', 'm1')).toThrow(
      'Motion m1 is WITHDRAWN: it cannot SUBMIT now; it is finished',
    );
  });

  it('names every step by one action of the API, and every action a step', () => {
    const steps = Object.keys(MOTION_STEPS) as MotionStep[];
    expect(steps.map(actionOf).sort()).toEqual(Object.values(MotionAction).sort());
    expect(actionNameOf('object')).toBe('RAISE_OBJECTION');
    expect(MotionAction[actionNameOf('closeVoting') as keyof typeof MotionAction]).toBe('closeVoting');
  });

  it('lets no transition lead anywhere its table does not name', () => {
    expect(() => targetOf('accept', MotionStatus.VOTING)).toThrow('The motion step accept cannot lead to VOTING');
    expect(Object.values(MOTION_STEPS).every((step) => step.from.length > 0)).toBe(true);
  });
});
