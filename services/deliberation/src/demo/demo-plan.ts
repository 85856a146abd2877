import { MotionStatus } from '../motions/motion-state-machine';
import type { ActorRef } from '../shared/actor-ref';
import type { DemoDeliberation } from './demo-deliberation';
import { RESIDENT } from './demo-deliberation';

/**
 * What the demo deliberates, after the field reports: the 2024 upgrade vote of 麓谷小镇 (seed 001), the naming of
 * 九龙巷62号 as 嘉定小院 among five candidates (seed 004), the bridge landing of 何山路西延 moved one junction east
 * after objections during its notice (seed 000), 淞泽家园's motions in every other stage (seed 002). People are
 * invented; the demo users of organization act where their roles cover.
 */
const person = (id: string, name: string): ActorRef => ({ kind: 'person', id, name });
const 陈志强 = person('demo:compound-secretary', '陈志强');
const 汤国平 = person('demo:owners-committee', '汤国平');
const 沈秀英 = person('demo:community-secretary', '沈秀英');
const 周海燕 = person('demo:grid-worker', '周海燕');
const 邓建平 = person('demo-data:lugu-owners-committee', '邓建平');
const 曾德明 = person('demo-data:jiulong-self-management', '曾德明');
const 钱丽娟 = person('demo-data:qingshan-secretary', '钱丽娟');
const 彭志远 = person('demo-data:niuerqiao-secretary', '彭志远');

/** The council whose presence says the demo is loaded. */
export const DEMO_MARKER_COUNCIL = '淞泽家园七区三方议事会';

export function planDemo(d: DemoDeliberation): void {
  const t = d.territory;
  const qiqu = t.place('淞泽家园七区');
  const qiqu3 = t.place('淞泽家园七区', '3幢');

  // Councils
  const threeParty = d.council(
    qiqu,
    'THREE_PARTY_COUNCIL',
    DEMO_MARKER_COUNCIL,
    [
      ['PARTY_BRANCH', '陈志强'],
      ['OWNERS_COMMITTEE', '汤国平'],
      ['PROPERTY_COMPANY', '七区物业服务中心'],
    ],
    400,
  );
  d.council(
    qiqu3,
    'BUILDING_COUNCIL',
    '七区3幢楼栋议事会',
    [
      ['PARTY_MEMBER', '马建华'],
      ['BUILDING_HEAD', '张伟'],
      ['VOLUNTEER', '林晓雨'],
      ['SOCIAL_WORKER', '吕静'],
      ['PROPERTY_COMPANY', '七区物业服务中心'],
      ['OWNER', '王欣怡'],
    ],
    380,
  );
  const jointMeeting = d.council(
    t.place('淞源社区'),
    'JOINT_MEETING',
    '淞源社区联席会议',
    [
      ['COMMUNITY_PARTY_COMMITTEE', '沈秀英'],
      ['DEPARTMENT', '园区交通运输局'],
      ['PARK', '独墅湖科教创新区'],
      ['PARTNER_UNIT', '苏州园区物业服务有限公司'],
    ],
    360,
  );
  const courtyard = d.council(
    t.place('九龙巷62号'),
    'COURTYARD_MEETING',
    '九龙巷62号院坝会',
    [
      ['SELF_MANAGEMENT_COMMITTEE', '曾德明'],
      ['RESIDENT_REPRESENTATIVE', '郭敏'],
      ['RESIDENT_REPRESENTATIVE', '刘明'],
      ['SOCIAL_WORKER', '同心社会工作服务中心'],
    ],
    300,
  );
  const lugu = d.council(
    t.place('麓谷小镇'),
    'THREE_PARTY_COUNCIL',
    '麓谷小镇三方议事会',
    [
      ['PARTY_BRANCH', '麓谷小镇党支部'],
      ['OWNERS_COMMITTEE', '邓建平'],
      ['PROPERTY_COMPANY', '麓谷小镇物业'],
    ],
    260,
  );
  const hall = d.council(
    t.place('青山绿庭社区'),
    'DELIBERATION_HALL',
    '青山绿庭社区议事厅',
    [
      ['COMMUNITY_PARTY_COMMITTEE', '钱丽娟'],
      ['DEPARTMENT', '何山路西延工程施工单位'],
      ['RESIDENT_REPRESENTATIVE', '前山澜庭居民代表'],
    ],
    240,
  );

  // 麓谷小镇: the owners voted the 2024 upgrade projects; lamps and playground are nearly done (seed 001).
  const upgrade = d.motion(
    t.place('麓谷小镇'),
    {
      title: '2024年小区提质改造项目：路灯更新、游乐场翻新',
      description:
        '小区路灯年久失修、底座锈蚀，游乐场设施老旧。提议使用专项维修资金更新全部路灯、翻新游乐场（新增滑滑梯、单杠、双杠，修复秋千、摇摇马）。',
      matterKind: 'FACILITIES_LIGHTING',
      ownersMatter: 'USE_MAINTENANCE_FUND',
    },
    RESIDENT,
    200,
  );
  d.step(upgrade, 'submit', MotionStatus.PRE_REVIEW, 邓建平, 196);
  d.review(upgrade, 'ACCEPTED', null, person('demo-data:lugu-branch', '麓谷小镇党支部书记'), 190);
  d.meeting(
    lugu,
    '提质改造项目三方议事',
    '麓谷小镇党群会客厅',
    [['2024年提质改造项目', upgrade]],
    170,
    '三方同意将路灯更新、游乐场翻新提交业主共同决定；业主代表带头设计图纸。',
  );
  d.comment(
    upgrade,
    '我是采购招标库的专家，可以为路灯改造提供技术指导。',
    { kind: 'person', id: 'demo-resident', name: null },
    165,
  );
  d.vote(
    upgrade,
    { method: 'OWNERS_JOINT_DECISION', openedDaysAgo: 150, closedDaysAgo: 143 },
    (i) =>
      i % 8 === 7
        ? null
        : i % 11 === 3
          ? { choice: 'AGAINST' }
          : i % 13 === 5
            ? { choice: 'ABSTAIN' }
            : { choice: 'FOR' },
    邓建平,
  );
  d.notice(upgrade, 邓建平, 142, 7);
  d.execute(
    upgrade,
    135,
    [
      '业主代表带头设计图纸',
      '业委会专家业主提供技术指导',
      '业主带尺子抽查灯杆壁厚：合格',
      '游乐场新增滑滑梯、单杠、双杠',
    ],
    邓建平,
  );

  // 九龙巷62号 got its name by ranked choice among five candidates (seed 004): decided, carried out, evaluated.
  const naming = d.motion(
    t.place('九龙巷62号'),
    {
      title: '为小院取名',
      description: '改造后的小院需要一个自己的名字。自管委征集了5个备选名，请全体居民排序投票。',
      matterKind: 'NAMING',
    },
    曾德明,
    120,
  );
  d.step(naming, 'submit', MotionStatus.DELIBERATION, 曾德明, 118);
  d.meeting(
    courtyard,
    '院坝会：小院取名',
    '九龙巷62号院坝',
    [['备选名介绍', naming]],
    110,
    '居民提出5个备选名：嘉定小院、九龙小院、海棠小院、大佛小院、古巷人家。决定排序投票。',
  );
  const names = ['嘉定小院', '九龙小院', '海棠小院', '大佛小院', '古巷人家'];
  const rankings = [
    ['嘉定小院'],
    ['嘉定小院'],
    ['九龙小院', '嘉定小院'],
    ['海棠小院', '嘉定小院'],
    ['大佛小院', '九龙小院'],
  ];
  d.vote(
    naming,
    { method: 'RANKED_CHOICE', options: names, openedDaysAgo: 100, closedDaysAgo: 93 },
    (i, id) => ({ ranking: (rankings[i] ?? ['嘉定小院']).map(id) }),
    曾德明,
  );
  d.notice(naming, 曾德明, 92, 7);
  d.execute(naming, 85, ['小区门头挂上“嘉定小院”名牌'], 曾德明);
  d.complete(naming, '小院改名嘉定小院，成了游客拍照的网红景点。', 70, [5, 5, 4, 5, 5], 曾德明, 60);

  // 何山路西延: objections during the notice; face to face, the bridge landing moved one junction east (seed 000).
  const bridge = d.motion(
    t.place('青山绿庭社区'),
    {
      title: '何山路西延跨线桥（高架）落地方案',
      description: '跨线桥主线在华佗路落地，距前山澜庭小区较近。请居民对施工方案表决。',
      matterKind: 'SAFETY',
      major: true,
    },
    钱丽娟,
    90,
  );
  d.step(bridge, 'submit', MotionStatus.PRE_REVIEW, 钱丽娟, 89);
  d.review(bridge, 'ACCEPTED', null, 钱丽娟, 88);
  d.vote(
    bridge,
    { method: 'SIMPLE_MAJORITY', openedDaysAgo: 80, closedDaysAgo: 73 },
    (i) => (i % 4 === 3 ? { choice: 'AGAINST' } : { choice: 'FOR' }),
    钱丽娟,
  );
  d.notice(bridge, 钱丽娟, 72, 7, [
    ['落地点离小区太近，施工和通车后噪声大', 'UPHELD', '与施工单位面对面议事：落地点往东移动一个路口。'],
    ['高峰时段交通出行受影响', 'DISMISSED', '东移后不再经过小区出入口。'],
  ]);
  d.step(bridge, 'answerObjection', MotionStatus.DELIBERATION, 钱丽娟, 70);
  (bridge.notice as { closedAt: Date }).closedAt = d.at(70);
  d.meeting(
    hall,
    '跨线桥落地点面对面议事',
    '青山绿庭社区议事厅',
    [['居民与施工单位面对面议事', bridge]],
    65,
    '施工单位同意将跨线桥主线落地位置往东移动一个路口。',
  );
  (bridge.amendments as unknown[]).push({
    number: 1,
    summary: '落地点往东移动一个路口',
    previousTitle: bridge.title,
    previousDescription: bridge.description,
    at: d.at(64),
    by: 钱丽娟,
  });
  bridge.description = '跨线桥主线落地位置由华佗路往东移动一个路口，远离前山澜庭小区。请居民对调整后的方案表决。';
  d.vote(
    bridge,
    { method: 'SIMPLE_MAJORITY', openedDaysAgo: 10, closedDaysAgo: 3 },
    (i) => (i % 9 === 8 ? { choice: 'AGAINST' } : { choice: 'FOR' }),
    钱丽娟,
  );
  d.notice(bridge, 钱丽娟, 2, 7);

  // 淞泽家园 (seed 002): motions in the stages not shown above.
  const shed = d.motion(
    qiqu,
    {
      title: '电动自行车棚扩建',
      description: '七区电动自行车充电车位不足，提议在4幢北侧扩建车棚并加装智能充电桩。',
      matterKind: 'FACILITIES_PARKING',
    },
    RESIDENT,
    20,
  );
  d.step(shed, 'submit', MotionStatus.DELIBERATION, 陈志强, 18);
  d.comment(shed, '充电桩要有定时断电，防止夜间过充。', 周海燕, 15);
  d.vote(
    shed,
    { method: 'SIMPLE_MAJORITY', openedDaysAgo: 3, endsInDays: 4 },
    (i) => (i % 3 === 0 ? { choice: 'FOR' } : null),
    汤国平,
  );

  const garage = d.motion(
    qiqu,
    {
      title: '地下车库清理与停车位划线',
      description: '车库堆放杂物占用车位。提议清理车库、重新划线，由相邻三个社区共享。',
      matterKind: 'FACILITIES_PARKING',
      major: true,
    },
    RESIDENT,
    6,
  );
  d.step(garage, 'submit', MotionStatus.PRE_REVIEW, 陈志强, 2);
  d.meeting(threeParty, '三方议事：车库清理', '七区党群会客厅', [['车库清理与划线', garage]], -3);

  const barrier = d.motion(
    t.place('淞泽家园八区'),
    {
      title: '外来车辆管理：安装智能道闸',
      description: '外来车辆占用消防通道，提议在南门安装智能道闸，费用由业主分摊。',
      matterKind: 'FACILITIES_PARKING',
      major: true,
    },
    RESIDENT,
    30,
  );
  d.step(barrier, 'submit', MotionStatus.PRE_REVIEW, 陈志强, 28);
  d.review(barrier, 'RETURNED', '请补充费用分摊方案和道闸供应商比选。', 陈志强, 25);

  const garden = d.motion(
    t.place('淞源社区'),
    {
      title: '共享花圃认领与养护',
      description: '在社区空地开辟共享花圃，居民认领地块，按花圃契约养护。',
      matterKind: 'FACILITIES_GARDEN',
    },
    沈秀英,
    15,
  );
  d.step(garden, 'submit', MotionStatus.DELIBERATION, 沈秀英, 14);
  d.comment(garden, '建议组建花田守护人志愿者队伍。', { kind: 'person', id: 'demo-resident', name: null }, 12);
  d.meeting(jointMeeting, '联席会议：共享花圃', '淞源社区党群服务中心', [['共享花圃选址与认领机制', garden]], -5);

  const meterBoxes = d.motion(
    qiqu3,
    {
      title: '楼道电表箱手绘美化',
      description: '楼道电表箱褪色，大学生志愿者愿意手绘垃圾分类宣传画。',
      matterKind: 'ENVIRONMENT',
    },
    RESIDENT,
    1,
  );
  d.opinion(qiqu3, '楼道电表箱褪色，看着很旧', ['楼道', '美化'], 'HOME_VISIT', 周海燕, 3, meterBoxes);

  const covenant = d.motion(
    t.place('梅淞苑'),
    {
      title: '花圃契约：认领与养护机制',
      description: '制定包含认领机制、养护机制等7个方面的花圃契约，由花田守护人团队负责打理。',
      matterKind: 'FACILITIES_GARDEN',
    },
    RESIDENT,
    25,
  );
  d.step(covenant, 'submit', MotionStatus.DELIBERATION, person('demo-data:meisong-branch', '梅淞苑党支部书记'), 24);
  d.vote(
    covenant,
    { method: 'SIMPLE_MAJORITY', openedDaysAgo: 8, closedDaysAgo: 1 },
    (i) => (i % 5 === 4 ? null : { choice: 'FOR' }),
    person('demo-data:meisong-branch', '梅淞苑党支部书记'),
  );

  const bridgeWidening = d.motion(
    t.place('莲花新村一区'),
    {
      title: '北门桥梁拓宽改造费用分摊',
      description: '北门桥梁拓宽改造，提议由居民分摊部分配套费用。',
      matterKind: 'OTHER',
    },
    RESIDENT,
    40,
  );
  d.step(
    bridgeWidening,
    'submit',
    MotionStatus.DELIBERATION,
    person('demo-data:lianhua-branch', '莲花新村一区党支部书记'),
    38,
  );
  d.vote(
    bridgeWidening,
    { method: 'TWO_THIRDS', openedDaysAgo: 20, closedDaysAgo: 13 },
    (i) => (i % 4 === 0 ? { choice: 'FOR' } : null),
    person('demo-data:lianhua-branch', '莲花新村一区党支部书记'),
  );

  const lanes = d.motion(
    t.place('红旗小区'),
    {
      title: '背街小巷路灯亮化',
      description: '巷道一下雨就被淹、晚上没有路灯。提议争取资金硬化道路、安装路灯。',
      matterKind: 'FACILITIES_LIGHTING',
    },
    彭志远,
    160,
  );
  d.step(lanes, 'submit', MotionStatus.DELIBERATION, 彭志远, 158);
  d.vote(
    lanes,
    { method: 'SIMPLE_MAJORITY', openedDaysAgo: 150, closedDaysAgo: 143 },
    () => ({ choice: 'FOR' }),
    彭志远,
  );
  d.notice(lanes, 彭志远, 142, 7);
  d.execute(lanes, 135, ['下水道改造完成', '道路硬化完成', '路灯安装点亮'], 彭志远);
  d.complete(lanes, '巷道硬化、路灯安上、外墙翻新，“像搬了个新小区”。', 10, [5, 5, 4, 5], 彭志远);

  const greenery = d.motion(
    t.place('翰林缘花园'),
    { title: '破损绿地改造为花圃', description: '破损老化的绿地景观改造成花圃。', matterKind: 'FACILITIES_GARDEN' },
    RESIDENT,
    50,
  );
  d.step(greenery, 'withdraw', MotionStatus.WITHDRAWN, person('demo-data:hanlin-branch', '翰林缘花园党支部书记'), 45);

  d.opinion(
    t.place('淞泽家园八区'),
    '外来车辆占用消防通道，晚上车开不进来',
    ['停车', '消防'],
    'SERVICE_ROOM',
    周海燕,
    35,
    barrier,
  );
  d.opinion(t.place('淞源社区'), '希望社区增加老年助餐点', ['养老', '助餐'], 'HOME_VISIT', 周海燕, 4);
  d.opinion(
    qiqu,
    '小区健身器材有的松动了',
    ['健身器材', '安全'],
    'ONLINE',
    { kind: 'person', id: 'demo-resident', name: null },
    2,
  );
}
