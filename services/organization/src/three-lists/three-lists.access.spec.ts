import { partnerActor, personActor, within } from '@gongzhi/testing';
import { CoBuildingProjectAction } from './co-building-project.steps';
import { mayTakeProjectStep } from './three-lists.access';

describe('who moves a co-building project on', () => {
  const songyuan = '6751a1b2c3d4e5f601000001'; // 淞源社区
  const meisong = '6751a1b2c3d4e5f601000002'; // 梅淞社区
  const hospital = '6751a1b2c3d4e5f601000201'; // 苏州大学附属第一医院, responsible for the project
  const project = { communityId: songyuan, partnerUnitId: hospital };
  const actions = Object.values(CoBuildingProjectAction);
  const allowed = (actor: Parameters<typeof mayTakeProjectStep>[2]) =>
    actions.filter((action) => mayTakeProjectStep(project, action, actor));

  it('lets the community office take every step', () => {
    expect(allowed(personActor('oidc|沈秀英', 'COMMUNITY_SECRETARY', within({ communityIds: [songyuan] })))).toEqual(
      actions,
    );
  });

  it('lets the partner responsible start and complete it, with organization:projects:write, in the community', () => {
    expect(allowed(partnerActor(hospital, ['organization:projects:write'], [songyuan]))).toEqual([
      CoBuildingProjectAction.START,
      CoBuildingProjectAction.COMPLETE,
    ]);
    expect(allowed(partnerActor(hospital, ['organization:resources:write'], [songyuan]))).toEqual([]);
    expect(allowed(partnerActor(hospital, ['organization:projects:write'], [meisong]))).toEqual([]);
    expect(allowed(partnerActor('6751a1b2c3d4e5f601000202', ['organization:projects:write'], [songyuan]))).toEqual([]);
  });
});
