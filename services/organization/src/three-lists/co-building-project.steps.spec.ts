import { DomainError } from '@gongzhi/platform';
import {
  CoBuildingProjectAction,
  CoBuildingProjectStatus,
  OPEN_PROJECT_STATUSES,
  projectActionsFrom,
  requireProjectAction,
} from './co-building-project.steps';

const { APPROVE, START, COMPLETE, CANCEL } = CoBuildingProjectAction;
const { PROPOSED, IN_PROGRESS, COMPLETED, CANCELLED } = CoBuildingProjectStatus;

describe('the steps of a co-building project (设项目)', () => {
  it('goes proposed → approved → in progress → completed', () => {
    let status = PROPOSED;
    for (const action of [APPROVE, START, COMPLETE]) status = requireProjectAction(status, action);
    expect(status).toBe(COMPLETED);
  });

  it('cancels only an open project, and a closed one takes no step at all', () => {
    for (const status of OPEN_PROJECT_STATUSES) expect(requireProjectAction(status, CANCEL)).toBe(CANCELLED);
    expect(projectActionsFrom(COMPLETED)).toEqual([]);
    expect(projectActionsFrom(CANCELLED)).toEqual([]);
  });

  it('refuses a skipped step with its code and what the project can do instead', () => {
    let error: unknown;
    try {
      requireProjectAction(PROPOSED, START);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('CO_BUILDING_PROJECT.ILLEGAL_STEP');
    expect((error as DomainError).message).toBe('A proposed project cannot start: it can only approve, cancel');
    expect(() => requireProjectAction(IN_PROGRESS, APPROVE)).toThrow(
      'An in progress project cannot approve: it can only complete, cancel',
    );
  });
});
