import { partnerActor, personActor, within } from '@gongzhi/testing';
import { LampRenewalProjectAction } from './lamp-renewal-steps';
import { mayTakeRenewalStep } from './lighting.access';

describe('who takes a step of a lamp renewal project', () => {
  const songyuan = '6751a1b2c3d4e5f601000001'; // 淞源社区
  const meisong = '6751a1b2c3d4e5f601000002'; // 梅淞社区
  const contractor = '6751a1b2c3d4e5f601000101'; // 苏州园区照明维护有限公司, which won the tender
  const project = { communityId: songyuan, compoundId: null, buildingId: null, contractorId: contractor };
  const steps = Object.values(LampRenewalProjectAction);
  const allowed = (actor: Parameters<typeof mayTakeRenewalStep>[2]) =>
    steps.filter((step) => mayTakeRenewalStep(project, step, actor));

  it('lets the community office take every step', () => {
    expect(allowed(personActor('oidc|沈秀英', 'COMMUNITY_SECRETARY', within({ communityIds: [songyuan] })))).toEqual(
      steps,
    );
    expect(allowed(personActor('oidc|沈秀英', 'COMMUNITY_SECRETARY', within({ communityIds: [meisong] })))).toEqual([]);
  });

  it('lets its contractor start work, and nothing else, with a key that may work on lamps in the community', () => {
    expect(allowed(partnerActor(contractor, ['facilities:lamps:write'], [songyuan]))).toEqual([
      LampRenewalProjectAction.START,
    ]);
    // A read-only key; the agreement with 淞源社区 no longer in force; another partner of the community.
    expect(allowed(partnerActor(contractor, ['facilities:lamps:read'], [songyuan]))).toEqual([]);
    expect(allowed(partnerActor(contractor, ['facilities:lamps:write'], [meisong]))).toEqual([]);
    expect(allowed(partnerActor('6751a1b2c3d4e5f601000102', ['facilities:lamps:write'], [songyuan]))).toEqual([]);
    // Before the tender there is no contractor.
    expect(
      mayTakeRenewalStep(
        { ...project, contractorId: null },
        LampRenewalProjectAction.START,
        partnerActor(contractor, ['facilities:lamps:write'], [songyuan]),
      ),
    ).toBe(false);
  });
});
