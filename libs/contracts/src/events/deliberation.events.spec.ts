import { motionPassed } from './deliberation.events';

describe('deliberation.motion.passed', () => {
  const motion = {
    motionId: 'm-1',
    title: '2024年小区提质改造：路灯更新',
    matterKind: 'FACILITIES_LIGHTING',
    communityId: 'c-华盛社区',
    compoundId: 'p-麓谷小镇',
    description: '更换底座锈蚀的路灯',
    passedAt: '2024-05-18T20:00:00+08:00',
  };

  it('says what was decided, naming the lamps when it can', () => {
    expect(motionPassed.payload.parse({ ...motion, lampIds: ['l-1'] })).toMatchObject({ lampIds: ['l-1'] });
    expect(motionPassed.payload.parse(motion)).toMatchObject({ lampIds: [], description: '更换底座锈蚀的路灯' });
    const { description: _none, ...undescribed } = motion;
    expect(() => motionPassed.payload.parse(undescribed)).toThrow(/description/);
  });

  it('refuses a matter kind deliberation does not know', () => {
    expect(() => motionPassed.payload.parse({ ...motion, matterKind: 'FIREWORKS' })).toThrow(/matterKind/);
  });
});
