import type { AgeBand, GridRole, LampFaultStatus, PartnerUnitKind, ResidentRelation } from './graphql/generated';

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
