import { DomainError } from '@gongzhi/platform';
import { CareOrderAction, CareOrderStatus, OPEN_STATUSES, actionsFrom, requireAction } from './care-order.steps';

const stepError = (status: CareOrderStatus, action: CareOrderAction) => {
  try {
    requireAction(status, action);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error(`${action} from ${status} was allowed`);
};

describe('the steps of a care order', () => {
  it('goes placed → accepted → scheduled → completed → rated', () => {
    let status = CareOrderStatus.PLACED;
    for (const action of [
      CareOrderAction.ACCEPT,
      CareOrderAction.SCHEDULE,
      CareOrderAction.COMPLETE,
      CareOrderAction.RATE,
    ])
      status = requireAction(status, action);
    expect(status).toBe(CareOrderStatus.RATED);
  });

  it('lets a visit be moved and a neighbour complete without scheduling', () => {
    expect(requireAction(CareOrderStatus.SCHEDULED, CareOrderAction.SCHEDULE)).toBe(CareOrderStatus.SCHEDULED);
    expect(requireAction(CareOrderStatus.ACCEPTED, CareOrderAction.COMPLETE)).toBe(CareOrderStatus.COMPLETED);
  });

  it('cancels only open orders, and a closed order takes no step at all', () => {
    for (const status of OPEN_STATUSES)
      expect(requireAction(status, CareOrderAction.CANCEL)).toBe(CareOrderStatus.CANCELLED);
    for (const status of [CareOrderStatus.DECLINED, CareOrderStatus.RATED, CareOrderStatus.CANCELLED])
      expect(actionsFrom(status)).toEqual([]);
    expect(stepError(CareOrderStatus.COMPLETED, CareOrderAction.CANCEL).code).toBe('CARE_ORDER.ILLEGAL_STEP');
  });

  it('refuses an illegal step with a code and what the order can do instead', () => {
    const error = stepError(CareOrderStatus.PLACED, CareOrderAction.RATE);
    expect(error.code).toBe('CARE_ORDER.ILLEGAL_STEP');
    expect(error.message).toBe('A placed order cannot rate: it can only accept, decline, cancel');
    expect(error.details).toEqual({
      status: 'PLACED',
      action: 'RATE',
      possibleActions: ['ACCEPT', 'DECLINE', 'CANCEL'],
    });
    expect(stepError(CareOrderStatus.RATED, CareOrderAction.RATE).message).toBe(
      'A rated order cannot rate: it is closed',
    );
  });
});
