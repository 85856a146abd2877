import { motionPassed } from './deliberation.events';

describe('deliberation.motion.passed', () => {
  const motion = {
    motionId: 'm-1',
    title: '2024年小区提质改造：路灯更新',
    matterKind: 'FACILITIES_LIGHTING',
    communityId: 'c-华盛社区',
    compoundId: 'p-麓谷小镇',
    passedAt: '2024-05-18T20:00:00+08:00',
  };

  it('names the lamps of a lighting motion, by id or in words', () => {
    expect(motionPassed.payload.safeParse({ ...motion, lampIds: ['l-1'] }).success).toBe(true);
    expect(motionPassed.payload.parse({ ...motion, lampsDescription: '底座锈蚀的路灯' })).toMatchObject({ lampIds: [], lampsDescription: '底座锈蚀的路灯' });
    expect(() => motionPassed.payload.parse(motion)).toThrow(/names its lamps/);
  });

  it('needs no lamps for a motion on another matter', () => {
    expect(motionPassed.payload.parse({ ...motion, matterKind: 'OTHER', compoundId: null })).toMatchObject({ lampIds: [], lampsDescription: null });
  });
});
