import { DomainError } from '@gongzhi/platform';
import { MOTION_STEPS, MotionState, type MotionStep, requireStep, stepsFrom, targetOf } from './motion-state-machine';

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
  ] as [MotionState, MotionStep[]][])('a motion %s can take exactly the steps %j', (state, steps) => {
    expect(stepsFrom(state)).toEqual(steps);
  });

  it('walks the whole path from raising to evaluation', () => {
    const path: [MotionStep, MotionState][] = [
      ['submit', MotionState.PRE_REVIEW],
      ['accept', MotionState.DELIBERATION],
      ['openVoting', MotionState.VOTING],
      ['closeVoting', MotionState.PASSED],
      ['publishNotice', MotionState.PUBLIC_NOTICE],
      ['closeNotice', MotionState.EXECUTION],
      ['completeExecution', MotionState.EVALUATION],
      ['closeEvaluation', MotionState.CLOSED],
    ];
    let state = MotionState.RAISED;
    for (const [step, to] of path) {
      requireStep(state, step, 'm1');
      state = targetOf(step, to);
    }
    expect(state).toBe(MotionState.CLOSED);
  });

  it('refuses an illegal step with MOTION.ILLEGAL_STEP, naming what the motion can do instead', () => {
    let error: unknown;
    try {
      requireStep(MotionState.PRE_REVIEW, 'openVoting', 'm1');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('MOTION.ILLEGAL_STEP');
    expect((error as DomainError).details).toEqual({
      motionId: 'm1',
      state: 'PRE_REVIEW',
      step: 'openVoting',
      possibleSteps: ['accept', 'return', 'comment', 'withdraw'],
    });
    expect((error as DomainError).message).toBe(
      'Motion m1 is PRE_REVIEW: it cannot openVoting now; it can accept, return, comment, withdraw',
    );
  });

  it('says a finished motion is finished', () => {
    expect(() => requireStep(MotionState.WITHDRAWN, 'submit', 'm1')).toThrow(
      'Motion m1 is WITHDRAWN: it cannot submit now; it is finished',
    );
  });

  it('lets no transition lead anywhere its table does not name', () => {
    expect(() => targetOf('accept', MotionState.VOTING)).toThrow('The motion step accept cannot lead to VOTING');
    expect(Object.values(MOTION_STEPS).every((step) => step.from.length > 0)).toBe(true);
  });
});
