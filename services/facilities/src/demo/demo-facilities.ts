/**
 * The facilities of the field reports' places (shared/seeds), by compound. Coordinates are near the real places;
 * asset numbers and departments are invented.
 */
export interface LampPlan {
  /** The compound, by its name in organization's demo data. */
  compound: string;
  assetPrefix: string;
  count: number;
  /** Near the compound's gate; lamps stand about 30 m apart from there. */
  origin: { latitude: number; longitude: number };
  responsibleDepartment: string;
  /** Lamp n stands beside building n (n幢) when the compound has it. */
  besideBuildings: boolean;
}

const SIP_LIGHTING = '苏州工业园区城市管理局路灯管理所';

export const DEMO_LAMPS: readonly LampPlan[] = [
  // 淞源社区: the demo users' compound.
  {
    compound: '淞泽家园七区',
    assetPrefix: 'XT-SZ7',
    count: 8,
    origin: { latitude: 31.3016, longitude: 120.7322 },
    responsibleDepartment: SIP_LIGHTING,
    besideBuildings: true,
  },
  {
    compound: '莲花新村二区',
    assetPrefix: 'XT-LH2',
    count: 4,
    origin: { latitude: 31.2968, longitude: 120.7255 },
    responsibleDepartment: SIP_LIGHTING,
    besideBuildings: true,
  },
  // 麓谷小镇: lamps whose rusted bases the owners voted to renew (seed 001).
  {
    compound: '麓谷小镇',
    assetPrefix: 'HS-LG',
    count: 6,
    origin: { latitude: 28.2113, longitude: 112.8856 },
    responsibleDepartment: '湘江新区城市管理和综合执法局',
    besideBuildings: true,
  },
  // 牛咡桥社区: back-lane lighting (背街小巷路灯亮化) after 社区呼叫、街道吹哨、部门报到 (seed 004).
  {
    compound: '红旗小区',
    assetPrefix: 'SZ-NEQ',
    count: 5,
    origin: { latitude: 29.5712, longitude: 103.7605 },
    responsibleDepartment: '乐山市市中区住房和城乡建设局',
    besideBuildings: true,
  },
];

/** A lamp fault at one stage of 社区呼叫 → 街道吹哨 → 部门报到, so the escalation board shows every stage in the demo. */
export interface LampFaultPlan {
  assetNumber: string;
  serviceCode: 'LAMP_OUT' | 'LAMP_FLICKERING' | 'LAMP_ON_BY_DAY' | 'POLE_DAMAGED';
  description: string;
  /** How long before the demo was loaded it was reported. */
  reportedHoursAgo: number;
  /** The escalation steps taken, each so many hours after the report (the default SLA, then the whistle 24 h later). */
  steps: { step: 'COMMUNITY_CALL' | 'STREET_WHISTLE' | 'DEPARTMENT_REPORT'; afterHours: number; note?: string }[];
}

/**
 * 彩莲社区's and 淞源社区's open faults, each at another stage: within its SLA, past it (the next sweep calls), called
 * on, whistled, and reported in by 路灯所 (seed 004's 背街小巷路灯亮化 went through the same steps).
 */
export const DEMO_LAMP_FAULTS: readonly LampFaultPlan[] = [
  {
    assetNumber: 'XT-LH2-001',
    serviceCode: 'LAMP_OUT',
    description: '1幢北侧路灯晚上不亮，老人夜里出门看不清台阶',
    reportedHoursAgo: 6,
    steps: [],
  },
  {
    assetNumber: 'XT-LH2-002',
    serviceCode: 'LAMP_FLICKERING',
    description: '2幢旁路灯一闪一闪，已经好几天了',
    reportedHoursAgo: 121,
    steps: [],
  },
  {
    assetNumber: 'XT-LH2-003',
    serviceCode: 'LAMP_OUT',
    description: '3幢到南门的路灯不亮，晚上跳广场舞回来一片黑',
    reportedHoursAgo: 80,
    steps: [{ step: 'COMMUNITY_CALL', afterHours: 72 }],
  },
  {
    assetNumber: 'XT-LH2-004',
    serviceCode: 'POLE_DAMAGED',
    description: '4幢旁灯杆底座锈穿，灯杆有点歪',
    reportedHoursAgo: 60,
    steps: [
      { step: 'COMMUNITY_CALL', afterHours: 24 },
      { step: 'STREET_WHISTLE', afterHours: 48 },
    ],
  },
  {
    assetNumber: 'XT-SZ7-008',
    serviceCode: 'LAMP_OUT',
    description: '8幢旁路灯不亮，电缆可能被施工挖断',
    reportedHoursAgo: 110,
    steps: [
      { step: 'COMMUNITY_CALL', afterHours: 72 },
      { step: 'STREET_WHISTLE', afterHours: 96 },
      { step: 'DEPARTMENT_REPORT', afterHours: 100, note: '路灯所已到场勘察：电缆被挖断，三日内重新敷设' },
    ],
  },
];

/** A lamp renewal project at one stage of planned → tendered → in progress → accepted, or cancelled. */
export interface RenewalProjectPlan {
  compound: string;
  /** As the motion was titled. */
  title: string;
  lampsDescription: string;
  assetNumbers: string[];
  /** How long before the demo was loaded the motion passed. */
  passedDaysAgo: number;
  /** The steps after PLANNED, each so many days after the motion passed. */
  steps: { status: 'TENDERED' | 'IN_PROGRESS' | 'ACCEPTED' | 'CANCELLED'; afterDays: number; note: string }[];
  tenderAmountFen?: number;
  residentsRepresentative?: string;
}

/**
 * 麓谷小镇's lamp renewals (seed 001: the owners voted to renew the lamps whose bases had rusted through), one at each
 * stage; the contractor is the first partner unit with an agreement in 华盛社区. The motions stand for decisions taken
 * before deliberation's demo records begin.
 */
export const DEMO_RENEWAL_PROJECTS: readonly RenewalProjectPlan[] = [
  {
    compound: '麓谷小镇',
    title: '麓谷小镇6幢旁庭院灯增设',
    lampsDescription: '6幢旁步道照明不足，增设庭院灯',
    assetNumbers: ['HS-LG-006'],
    passedDaysAgo: 5,
    steps: [],
  },
  {
    compound: '麓谷小镇',
    title: '麓谷小镇主路路灯LED节能改造',
    lampsDescription: '主路5幢旁路灯更换为LED灯头',
    assetNumbers: ['HS-LG-005'],
    passedDaysAgo: 40,
    steps: [{ status: 'TENDERED', afterDays: 20, note: '三家比选，业主代表参与评标' }],
    tenderAmountFen: 1_280_000,
  },
  {
    compound: '麓谷小镇',
    title: '2024年小区提质改造项目：路灯更新（二期）',
    lampsDescription: '1幢、2幢旁底座锈蚀的路灯整杆更换',
    assetNumbers: ['HS-LG-001', 'HS-LG-002'],
    passedDaysAgo: 150,
    steps: [
      { status: 'TENDERED', afterDays: 30, note: '使用专项维修资金，公开比选' },
      { status: 'IN_PROGRESS', afterDays: 60, note: '分段施工，施工期间夜间临时照明' },
    ],
    tenderAmountFen: 4_360_000,
  },
  {
    compound: '麓谷小镇',
    title: '2024年小区提质改造项目：路灯更新（一期）',
    lampsDescription: '3幢、4幢旁底座锈穿的路灯整杆更换',
    assetNumbers: ['HS-LG-003', 'HS-LG-004'],
    passedDaysAgo: 200,
    steps: [
      { status: 'TENDERED', afterDays: 20, note: '业主代表带头设计图纸，三家比选' },
      { status: 'IN_PROGRESS', afterDays: 45, note: '11月起施工' },
      { status: 'ACCEPTED', afterDays: 90, note: '2盏路灯全部点亮，灯杆壁厚抽检合格' },
    ],
    tenderAmountFen: 4_120_000,
    residentsRepresentative: '业主代表 邓建平',
  },
  {
    compound: '麓谷小镇',
    title: '麓谷小镇沿湖步道景观灯带',
    lampsDescription: '沿湖步道新增景观灯带',
    assetNumbers: [],
    passedDaysAgo: 120,
    steps: [{ status: 'CANCELLED', afterDays: 15, note: '纳入湘江新区滨水步道整体亮化工程，本项目撤销' }],
  },
];

/** A visitor's car still inside after its pass ended, so the lot's overstays show one (seed 003's barrier gate). */
export interface OverstayPlan {
  lot: string;
  /** The household that invited the visitor: the compound's first. */
  compound: string;
  plate: string;
  /** The pass: from when and until when, in hours before the demo was loaded; the car came in at its start. */
  passFromHoursAgo: number;
  passUntilHoursAgo: number;
}

export const DEMO_OVERSTAYS: readonly OverstayPlan[] = [
  { lot: '痘祠堂小区 停车场', compound: '痘祠堂小区', plate: '苏E·D7788', passFromHoursAgo: 30, passUntilHoursAgo: 6 },
];

export interface RoomPlan {
  community: string;
  /** Set when the room is inside a compound. */
  compound?: string;
  name: string;
  description: string;
  capacity: number;
  opens: string;
  closes: string;
  slotMinutes: number;
  /** The community alliance (社区联盟) it is shared with, by name. */
  sharedWithAlliance?: string;
}

export const DEMO_ROOMS: readonly RoomPlan[] = [
  // 龙景社区's 乐邻驿站: a courtyard of function rooms, chess room and library among them (seed 000).
  {
    community: '龙景社区',
    name: '乐邻驿站 象棋室',
    description: '小四合院里的象棋室，居民下棋、比赛',
    capacity: 12,
    opens: '08:30',
    closes: '21:00',
    slotMinutes: 30,
    // 载体配套共用: 龙昌 and 龙康's residents book it as 龙景's do.
    sharedWithAlliance: '大龙景社区联盟',
  },
  {
    community: '龙景社区',
    name: '乐邻驿站 图书馆',
    description: '阅读、自习与读书会',
    capacity: 30,
    opens: '08:30',
    closes: '21:00',
    slotMinutes: 60,
  },
  // 金星苑社区's 党群会客厅 at 北极星花园: 活力社 for exercise, 志趣馆 for every age (seed 002).
  {
    community: '金星苑社区',
    compound: '北极星花园',
    name: '党群会客厅 活力社',
    description: '健身器材齐全，饮用水补给充足',
    capacity: 40,
    opens: '07:00',
    closes: '21:00',
    slotMinutes: 60,
  },
  {
    community: '金星苑社区',
    compound: '北极星花园',
    name: '党群会客厅 志趣馆',
    description: '家庭影院与各类图书，面向全年龄段',
    capacity: 25,
    opens: '08:00',
    closes: '20:00',
    slotMinutes: 60,
  },
  // 淞源社区: where the demo users are; the building party groups' micro party lessons (楼道微党课) meet here.
  {
    community: '淞源社区',
    compound: '淞泽家园七区',
    name: '淞泽家园七区 党群服务站活动室',
    description: '楼道微党课、议事与兴趣活动',
    capacity: 20,
    opens: '08:00',
    closes: '21:00',
    slotMinutes: 60,
  },
];

export interface LotPlan {
  compound: string;
  name: string;
  /** Space numbers are this prefix and a running number, by kind. */
  spaces: { prefix: string; kind: 'RESIDENT' | 'VISITOR' | 'SHARED' | 'ACCESSIBLE'; count: number }[];
  /** How long an outsider's car may stay; no limit when absent. */
  maxStayHours?: number;
}

export const DEMO_LOTS: readonly LotPlan[] = [
  {
    compound: '淞泽家园七区',
    name: '淞泽家园七区 地面停车场',
    spaces: [
      { prefix: 'A', kind: 'RESIDENT', count: 8 },
      { prefix: 'V', kind: 'VISITOR', count: 2 },
      { prefix: 'W', kind: 'ACCESSIBLE', count: 1 },
    ],
  },
  // 痘祠堂小区: no property company; residents shared the cost of a smart barrier gate (智能道杆) to keep outsiders' cars out (seed 003).
  {
    compound: '痘祠堂小区',
    name: '痘祠堂小区 停车场',
    maxStayHours: 4,
    spaces: [
      { prefix: 'D', kind: 'RESIDENT', count: 6 },
      { prefix: 'V', kind: 'VISITOR', count: 1 },
    ],
  },
  // 龙昌家园: the garage three neighbouring communities cleaned up together (车库治理, seed 000).
  {
    compound: '龙昌家园',
    name: '龙昌家园 地下车库',
    spaces: [
      { prefix: 'B', kind: 'RESIDENT', count: 10 },
      { prefix: 'S', kind: 'SHARED', count: 10 },
    ],
  },
];

export interface PlotPlan {
  community: string;
  compound?: string;
  name: string;
  area: number;
  description: string;
}

export const DEMO_PLOTS: readonly PlotPlan[] = [
  // 彩莲社区: a park-like shared flower bed on a waste plot at 莲花新村二区's south gate (seed 002).
  ...[1, 2, 3, 4].map((n) => ({
    community: '彩莲社区',
    compound: '莲花新村二区',
    name: `南门共享花圃 ${n}号`,
    area: 12 + n * 2,
    description: '博爱亭旁，公园式共享花圃',
  })),
  // 翰林缘社区: an old green turned into a bed that teaches waste sorting.
  {
    community: '翰林缘社区',
    compound: '翰林缘花园',
    name: '垃圾分类科普花圃',
    area: 40,
    description: '与垃圾分类宣传结合的花圃',
  },
  // 淞源社区: where the demo users live.
  ...[1, 2, 3].map((n) => ({
    community: '淞源社区',
    compound: '淞泽家园七区',
    name: `七区共享花圃 ${n}号`,
    area: 8 + n,
    description: '楼前绿地改造的认领花圃',
  })),
];

export interface CostSharePlan {
  compound: string;
  title: string;
  totalFen: number;
  /** Households that have paid their share, of every three. */
  paidOfThree: number;
}

// 痘祠堂小区: residents agreed to install a smart barrier gate (智能道杆) and share its cost (seed 003).
export const DEMO_COST_SHARES: readonly CostSharePlan[] = [
  { compound: '痘祠堂小区', title: '智能道杆安装', totalFen: 1_280_000, paidOfThree: 2 },
];
