import { Connection, Types } from 'mongoose';
import { PartnerUnit, PartnerUnitSchema } from '../partners/partner-unit.schema';
import { Community, CommunitySchema } from '../territory/territory.schema';
import { CoBuildingProjectStatus } from '../three-lists/co-building-project.steps';
import {
  CoBuildingProject,
  CoBuildingProjectSchema,
  CommunityList,
  CommunityListItem,
  CommunityListItemSchema,
  ResponsibilityDuty,
} from '../three-lists/three-lists.schema';

/** 淞源社区's three lists (三份清单) and the project that took its lift need up with its property company. */
export const DEMO_THREE_LISTS = {
  community: '淞源社区',
  partner: '斜塘淞泽物业服务有限公司',
  responsibilities: [
    { title: '组织居民议事协商', duty: ResponsibilityDuty.PERFORM },
    { title: '社区环境卫生整治', duty: ResponsibilityDuty.PERFORM },
    { title: '协助开展老年人优待证办理', duty: ResponsibilityDuty.ASSIST },
    { title: '协助开展征兵宣传', duty: ResponsibilityDuty.ASSIST },
  ],
  needs: [
    { title: '老旧小区加装电梯', description: '淞泽家园七区多层住宅，老年业主上下楼难' },
    { title: '3岁以下婴幼儿托育', description: '双职工家庭白天无人照看' },
    { title: '楼道杂物清理', description: null },
  ],
  resources: [
    { title: '维修工上门服务', description: '电梯加装前的管线勘察与协调' },
    { title: '物业用房作托育点', description: '七区物业用房一楼 60 平方米' },
  ],
  project: {
    title: '淞泽家园七区3幢加装电梯协调',
    description: '物业牵头勘察管线，社区组织业主协商',
    need: '老旧小区加装电梯',
    resources: ['维修工上门服务'],
  },
};

const DAY_MS = 86_400_000;

/**
 * Loads the demo's three lists and project once: when 淞源社区 already has list items they are left as they are.
 * Demo data is the starting state, so it records no events.
 */
export async function loadDemoThreeLists(connection: Connection, log: (line: string) => void, now: Date) {
  const items = connection.model(CommunityListItem.name, CommunityListItemSchema);
  const projects = connection.model(CoBuildingProject.name, CoBuildingProjectSchema);
  await Promise.all([items.init(), projects.init()]);
  const plan = DEMO_THREE_LISTS;
  const community = await connection.model(Community.name, CommunitySchema).findOne({ name: plan.community }).lean();
  const partner = await connection.model(PartnerUnit.name, PartnerUnitSchema).findOne({ name: plan.partner }).lean();
  if (!community || !partner) return;
  if (await items.exists({ communityId: community._id })) {
    log(`demo data: the three lists of ${plan.community} were there before`);
    return;
  }
  const item = (list: CommunityList, fields: { title: string } & Record<string, unknown>) => ({
    _id: new Types.ObjectId(),
    list,
    communityId: community._id,
    description: null,
    duty: null,
    partnerUnitId: null,
    matchedResourceIds: [],
    recordedBy: 'demo',
    ...fields,
  });
  const resources = plan.resources.map((r) => item(CommunityList.RESOURCE, { ...r, partnerUnitId: partner._id }));
  const byTitle = (title: string) => resources.find((r) => r.title === title)!._id;
  const needs = plan.needs.map((n) =>
    item(CommunityList.NEED, {
      ...n,
      matchedResourceIds: n.title === plan.project.need ? plan.project.resources.map(byTitle) : [],
    }),
  );
  await items.insertMany([
    ...plan.responsibilities.map((r) => item(CommunityList.RESPONSIBILITY, r)),
    ...needs,
    ...resources,
  ]);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  await projects.create({
    title: plan.project.title,
    description: plan.project.description,
    status: CoBuildingProjectStatus.IN_PROGRESS,
    communityId: community._id,
    needId: needs.find((n) => n.title === plan.project.need)!._id,
    resourceIds: plan.project.resources.map(byTitle),
    partnerUnitId: partner._id,
    history: [
      { status: CoBuildingProjectStatus.PROPOSED, at: at(30), note: null },
      { status: CoBuildingProjectStatus.APPROVED, at: at(21), note: '社区两委会议通过' },
      { status: CoBuildingProjectStatus.IN_PROGRESS, at: at(14), note: '物业进场勘察' },
    ],
  });
  log(
    `demo data: the three lists of ${plan.community} added — ${resources.length + needs.length + plan.responsibilities.length} items, 1 co-building project`,
  );
}
