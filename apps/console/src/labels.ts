import type {
  AgeBand,
  CareOrderStatus,
  GridRole,
  LampFaultServiceCode,
  LampFaultStatus,
  MatterKind,
  MotionAction,
  MotionStatus,
  ObjectionStatus,
  PartnerUnitKind,
  ResidentRelation,
  ThresholdRule,
  VoteOutcome,
  VotingMethod,
  YesNoChoice,
} from './graphql/generated';

/** Roles as organization's role bindings name them (services/organization access), in the words people use. */
export const ROLE_LABELS: Record<string, string> = {
  STREET_STAFF: '街道工作人员',
  COMMUNITY_SECRETARY: '社区书记',
  COMPOUND_BRANCH_SECRETARY: '小区党支部书记',
  BUILDING_GROUP_LEADER: '楼道党小组长',
  GRID_WORKER: '网格员',
  OWNERS_COMMITTEE_MEMBER: '业委会委员',
  RESIDENT: '居民',
  AUDITOR: '审计员',
};

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  UNDER_6: '6岁以下',
  AGE_6_TO_13: '6–13岁',
  AGE_14_TO_17: '14–17岁',
  AGE_18_TO_59: '18–59岁',
  AGE_60_TO_79: '60–79岁',
  AGE_80_PLUS: '80岁及以上',
};

export const RELATION_LABELS: Record<ResidentRelation, string> = { OWNER: '业主', FAMILY: '家属', TENANT: '租户' };

export const GRID_ROLE_LABELS: Record<GridRole, string> = {
  PARTY_MEMBER: '党员',
  GRID_WORKER: '网格员（楼栋长）',
  VOLUNTEER: '志愿者',
  SOCIAL_WORKER: '社工',
  PROPERTY_COMPANY: '物业',
  OWNER: '业主代表',
};

export const PARTNER_KIND_LABELS: Record<PartnerUnitKind, string> = {
  ENTERPRISE: '企业',
  UNIVERSITY: '高校',
  INSTITUTE: '研究院所',
  SCHOOL: '学校',
  HOSPITAL: '医院',
  SOCIAL_ORGANISATION: '社会组织',
  PROPERTY_COMPANY: '物业公司',
};

export const FAULT_STATUS_LABELS: Record<LampFaultStatus, string> = {
  OPEN: '已报修',
  ASSIGNED: '已派单',
  IN_PROGRESS: '维修中',
  CLOSED: '已修复',
};

/** A care order's status as the board's columns name it. */
export const CARE_ORDER_STATUS_LABELS: Record<CareOrderStatus, string> = {
  PLACED: '待受理',
  ACCEPTED: '已受理',
  SCHEDULED: '已排期',
  COMPLETED: '已完成',
  RATED: '已评价',
  DECLINED: '已拒单',
  CANCELLED: '已取消',
};

export const ESCALATION_LABELS: Record<string, string> = {
  COMMUNITY_CALL: '社区呼叫',
  STREET_WHISTLE: '街道吹哨',
  DEPARTMENT_REPORT: '部门报到',
};

export const TERRITORY_LABELS: Record<string, string> = {
  STREET: '街道',
  COMMUNITY: '社区',
  COMPOUND: '小区',
  BUILDING: '楼栋',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

/** A motion's stages in the order it goes through them (deliberation's state machine), as people call them. */
export const MOTION_STATUS_LABELS: Record<MotionStatus, string> = {
  RAISED: '征集联名',
  PRE_REVIEW: '前置审议',
  RETURNED: '退回修改',
  DELIBERATION: '协商议事',
  VOTING: '投票中',
  PASSED: '已通过',
  REJECTED: '未通过',
  PUBLIC_NOTICE: '公示中',
  EXECUTION: '实施中',
  EVALUATION: '评议中',
  CLOSED: '已办结',
  WITHDRAWN: '已撤回',
};

export const MOTION_ACTION_LABELS: Record<MotionAction, string> = {
  CO_SIGN: '联名',
  SUBMIT: '提交',
  ACCEPT: '审议通过',
  RETURN: '退回',
  AMEND: '修改',
  COMMENT: '评论',
  WITHDRAW: '撤回',
  OPEN_VOTING: '开启投票',
  CAST_BALLOT: '投票',
  CLOSE_VOTING: '结束计票',
  PUBLISH_NOTICE: '发布公示',
  RAISE_OBJECTION: '提出异议',
  ANSWER_OBJECTION: '答复异议',
  CLOSE_NOTICE: '公示期满',
  RECORD_MILESTONE: '记录进展',
  COMPLETE_EXECUTION: '实施完成',
  RATE_OUTCOME: '评价',
  CLOSE_EVALUATION: '结束评议',
};

export const MATTER_KIND_LABELS: Record<MatterKind, string> = {
  FACILITIES_LIGHTING: '路灯照明',
  FACILITIES_PARKING: '停车',
  FACILITIES_GARDEN: '共享花圃',
  FACILITIES_ROOM: '活动室',
  FACILITIES_PLAYGROUND: '游乐设施',
  SERVICES_ELDER_CARE: '养老',
  SERVICES_CHILDCARE: '托育托管',
  ENVIRONMENT: '环境',
  SAFETY: '安全',
  PROPERTY_MANAGEMENT: '物业管理',
  NAMING: '命名',
  OTHER: '其他',
};

export const VOTING_METHOD_LABELS: Record<VotingMethod, string> = {
  OWNERS_JOINT_DECISION: '业主共同决定（民法典第278条）',
  SIMPLE_MAJORITY: '过半数表决',
  TWO_THIRDS: '三分之二表决',
  APPROVAL: '认可投票',
  RANKED_CHOICE: '排序投票',
};

export const VOTE_OUTCOME_LABELS: Record<VoteOutcome, string> = {
  PASSED: '通过',
  REJECTED: '未通过',
  NO_QUORUM: '参与人数不足',
  TIE: '票数相同，未决',
};

export const THRESHOLD_RULE_LABELS: Record<ThresholdRule, string> = {
  PARTICIPATION_BY_AREA: '参与表决的专有面积',
  PARTICIPATION_BY_HEAD: '参与表决的业主人数',
  AGREEMENT_BY_AREA: '同意的专有面积（占参与）',
  AGREEMENT_BY_HEAD: '同意的业主人数（占参与）',
  TURNOUT: '参与投票的居民',
  AGREEMENT: '赞成票（占投票）',
  MOST_APPROVALS: '认可票领先',
  MAJORITY_OF_CONTINUING_BALLOTS: '领先者票数（占有效票）',
};

export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  OPEN: '待答复',
  UPHELD: '异议成立',
  DISMISSED: '已答复，维持决定',
};

export const YES_NO_LABELS: Record<YesNoChoice, string> = { FOR: '赞成', AGAINST: '反对', ABSTAIN: '弃权' };

export const LAMP_FAULT_SERVICE_LABELS: Record<LampFaultServiceCode, string> = {
  LAMP_OUT: '路灯不亮',
  LAMP_FLICKERING: '路灯闪烁',
  LAMP_ON_BY_DAY: '白天亮灯',
  POLE_DAMAGED: '灯杆损坏',
};
