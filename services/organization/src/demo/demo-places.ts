import { CommunityProfile } from '../territory/territory.schema';
import { PartnerUnitKind } from '../partners/partner-unit.schema';

/**
 * The places of the field reports (shared/seeds), in their Chinese names. Building counts echo the reports where they
 * give one: Xietang has 105 building party groups (楼道党小组). People are invented; see demo-people.ts.
 */
export interface CompoundPlan {
  name: string;
  buildings: number;
  hasPropertyCompany?: boolean;
}
export interface CommunityPlan {
  name: string;
  profile: CommunityProfile;
  compounds: CompoundPlan[];
}
export interface NeighbourhoodPlan {
  /** The tier-2 unit: a 邻里大党委 (party scheme) or a street (territorial scheme). */
  name: string;
  /** The street or town of its communities' addresses, where it differs from the plan's. */
  street?: string;
  communities: CommunityPlan[];
}
export interface StreetPlan {
  /** The street (街道) or town as addresses name it. */
  street: string;
  city: string;
  tierScheme: 'party' | 'territorial';
  /** The tier-1 unit. */
  top: string;
  neighbourhoods: NeighbourhoodPlan[];
}

/**
 * The community types the demo defines for every city: eight, as Taicang sorts its 157 communities (把脉画像), by
 * who lives there, how they live and what the place is. Codes match the deprecated `Community.profile` enum.
 */
export const DEMO_PROFILE_TYPES: { code: CommunityProfile; name: string; description: string }[] = [
  { code: CommunityProfile.RELOCATION, name: '动迁安置型', description: '以动迁安置小区为主，居民多为原村老邻居' },
  { code: CommunityProfile.COMMERCIAL_HOUSING, name: '商品房型', description: '以商品房小区为主，有物业服务' },
  { code: CommunityProfile.OLD_TOWN, name: '老旧小区型', description: '建成年代早，老年人多，多为无物业或弱物业小区' },
  { code: CommunityProfile.VILLAGE_TO_RESIDENCE, name: '村改居型', description: '由行政村改为社区，保留农村自建房' },
  {
    code: CommunityProfile.PARK_BASED,
    name: '产业园区型',
    description: '毗邻产业园区，有集宿区、厂房，外来务工人员多',
  },
  { code: CommunityProfile.CAMPUS_BASED, name: '高校园区型', description: '毗邻高校或科研院所，校地共建' },
  { code: CommunityProfile.MIXED, name: '混合型', description: '动迁安置、商品房、自建房等多种居住形态并存' },
  { code: CommunityProfile.RURAL, name: '涉农型', description: '仍有农业生产，居住分散' },
];

const { RELOCATION, COMMERCIAL_HOUSING, OLD_TOWN, VILLAGE_TO_RESIDENCE, PARK_BASED, MIXED } = CommunityProfile;

export const DEMO_STREETS: StreetPlan[] = [
  {
    street: '斜塘街道',
    city: '苏州市 苏州工业园区',
    tierScheme: 'party',
    top: '斜塘街道大工委',
    neighbourhoods: [
      {
        name: '淞泽邻里大党委',
        communities: [
          {
            name: '淞源社区',
            profile: RELOCATION,
            compounds: [
              { name: '淞泽家园七区', buildings: 24 },
              { name: '淞泽家园八区', buildings: 14 },
            ],
          },
          { name: '梅淞社区', profile: RELOCATION, compounds: [{ name: '梅淞苑', buildings: 12 }] },
        ],
      },
      {
        name: '莲花邻里大党委',
        communities: [
          {
            name: '彩莲社区',
            profile: RELOCATION,
            compounds: [
              { name: '莲花新村二区', buildings: 16 },
              { name: '莲花新村一区', buildings: 10 },
            ],
          },
          { name: '金星苑社区', profile: COMMERCIAL_HOUSING, compounds: [{ name: '北极星花园', buildings: 15 }] },
          { name: '翰林缘社区', profile: COMMERCIAL_HOUSING, compounds: [{ name: '翰林缘花园', buildings: 14 }] },
        ],
      },
    ],
  },
  {
    street: '东渚街道',
    city: '苏州市 苏州高新区',
    tierScheme: 'party',
    top: '东渚街道大工委',
    neighbourhoods: [
      {
        // 大龙景社区联盟: three neighbouring relocation communities sharing activities and facilities.
        name: '大龙景邻里大党委',
        communities: [
          { name: '龙景社区', profile: RELOCATION, compounds: [{ name: '龙景花园', buildings: 8 }] },
          { name: '龙昌社区', profile: RELOCATION, compounds: [{ name: '龙昌家园', buildings: 8 }] },
          { name: '龙康社区', profile: RELOCATION, compounds: [{ name: '龙康苑', buildings: 6 }] },
        ],
      },
      {
        name: '太湖科学城邻里大党委',
        communities: [
          { name: '龙惠社区', profile: RELOCATION, compounds: [{ name: '龙惠家园', buildings: 6 }] },
          { name: '青山绿庭社区', profile: PARK_BASED, compounds: [{ name: '青山绿庭花园', buildings: 6 }] },
        ],
      },
    ],
  },
  {
    street: '东方红街道',
    city: '长沙市 湖南湘江新区',
    tierScheme: 'party',
    top: '东方红街道大工委',
    neighbourhoods: [
      {
        name: '麓谷邻里大党委',
        communities: [
          {
            name: '华盛社区',
            profile: PARK_BASED,
            compounds: [
              { name: '麓谷小镇', buildings: 6 },
              { name: '荣盛花语馨苑', buildings: 5 },
            ],
          },
        ],
      },
    ],
  },
  {
    street: '太仓市',
    city: '苏州市 太仓市',
    tierScheme: 'party',
    top: '太仓市城乡社区治理委员会',
    neighbourhoods: [
      {
        name: '娄东街道党工委',
        street: '娄东街道',
        communities: [{ name: '荷塘社区', profile: MIXED, compounds: [{ name: '荷塘安置小区', buildings: 6 }] }],
      },
      {
        name: '浏河镇党委',
        street: '浏河镇',
        communities: [
          { name: '东方社区', profile: COMMERCIAL_HOUSING, compounds: [{ name: '东方花苑', buildings: 5 }] },
        ],
      },
      {
        name: '城厢镇党委',
        street: '城厢镇',
        communities: [
          {
            name: '东区社区',
            profile: OLD_TOWN,
            compounds: [{ name: '痘祠堂小区', buildings: 4, hasPropertyCompany: false }],
          },
        ],
      },
    ],
  },
  {
    // Seed 004 names the five levels by territory: 区-街-社-院-楼.
    street: '市中区',
    city: '乐山市 市中区',
    tierScheme: 'territorial',
    top: '市中区',
    neighbourhoods: [
      {
        name: '通江街道',
        street: '通江街道',
        communities: [
          {
            name: '牛咡桥社区',
            profile: VILLAGE_TO_RESIDENCE,
            compounds: [{ name: '红旗小区', buildings: 5, hasPropertyCompany: false }],
          },
          { name: '茶坊社区', profile: OLD_TOWN, compounds: [{ name: '茶坊小区', buildings: 4 }] },
        ],
      },
      {
        name: '海棠街道',
        street: '海棠街道',
        communities: [
          {
            name: '府街社区',
            profile: OLD_TOWN,
            // Residents later named it 嘉定小院 in a vote among five candidates.
            compounds: [
              { name: '九龙巷62号', buildings: 2, hasPropertyCompany: false },
              { name: '百诺园小区', buildings: 3, hasPropertyCompany: false },
            ],
          },
        ],
      },
    ],
  },
];

export interface PartnerPlan {
  name: string;
  kind: PartnerUnitKind;
  communities: string[];
  scope: string;
  resources: string[];
  needs: string[];
}

/** Partner units the reports name (and a few invented property companies), with their agreements. */
export const DEMO_PARTNERS: PartnerPlan[] = [
  {
    name: '苏州高博软件技术职业学院',
    kind: PartnerUnitKind.SCHOOL,
    communities: ['青山绿庭社区'],
    scope: '居民有服务需求，学校来接单：义诊、上门服务、科普课程',
    resources: ['学生志愿者上门服务', '科普课程'],
    needs: ['学生社会实践岗位'],
  },
  {
    name: '苏州大学',
    kind: PartnerUnitKind.UNIVERSITY,
    communities: ['龙景社区', '龙昌社区', '龙康社区', '龙惠社区', '青山绿庭社区'],
    scope: '社区治理与服务提质增效三年行动计划（2023-2025年）调研',
    resources: ['社区治理调研团队'],
    needs: ['社区调研点位'],
  },
  {
    name: '江苏医疗器械科技产业园',
    kind: PartnerUnitKind.ENTERPRISE,
    communities: ['青山绿庭社区', '龙惠社区'],
    scope: '“三区联动 党建联盟”战略合作',
    resources: ['健康义诊', '便民活动场地'],
    needs: ['员工子女暑期托管'],
  },
  {
    name: '浙大苏州工研院',
    kind: PartnerUnitKind.INSTITUTE,
    communities: ['青山绿庭社区'],
    scope: '科技进社区',
    resources: ['科普讲座'],
    needs: [],
  },
  {
    name: '太仓市利群社区发展促进中心',
    kind: PartnerUnitKind.SOCIAL_ORGANISATION,
    communities: ['东方社区'],
    scope: '“东方达人”邻里互助项目',
    resources: ['社工', '邻里互助一对一结对'],
    needs: ['志愿者招募'],
  },
  {
    name: '中电软件园',
    kind: PartnerUnitKind.ENTERPRISE,
    communities: ['华盛社区'],
    scope: '小区、街区、园区“三区”联动',
    resources: ['园区企业志愿服务'],
    needs: ['员工租住信息'],
  },
  {
    name: '湘江新区安心出行网约车公司',
    kind: PartnerUnitKind.ENTERPRISE,
    communities: ['华盛社区'],
    scope: '困境儿童康复出行优惠券',
    resources: ['出行优惠券'],
    needs: [],
  },
  {
    name: '斜塘淞泽物业服务有限公司',
    kind: PartnerUnitKind.PROPERTY_COMPANY,
    communities: ['淞源社区', '梅淞社区'],
    scope: '小区物业服务与三方议事',
    resources: ['维修工'],
    needs: ['业主意见收集'],
  },
];

export interface AlliancePlan {
  name: string;
  /** The tier-1 unit of the street leading it. */
  leadingUnit: string;
  communities: string[];
}

/**
 * 大龙景社区联盟 (seed 000): 东渚街道 joined three neighbouring relocation communities with similar needs —
 * 活动方案共办、共建资源共享、载体配套共用.
 */
export const DEMO_ALLIANCES: AlliancePlan[] = [
  { name: '大龙景社区联盟', leadingUnit: '东渚街道大工委', communities: ['龙景社区', '龙昌社区', '龙康社区'] },
];
