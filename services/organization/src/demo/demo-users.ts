import type { Model, Types } from 'mongoose';
import type { PersonRole, RoleBinding } from '../access/role-binding.schema';
import type { OrgUnit } from '../org-units/org-unit.schema';
import type { Resident } from '../territory/territory.schema';

/**
 * A person to try the demo as: one role over one unit (斜塘街道's tree, and residents where the demo's votes were held).
 * Names are invented.
 */
export interface DemoUser {
  /** The identity provider's subject a development token is made for. */
  subject: string;
  name: string;
  role: PersonRole;
  description: string;
  /** The unit the role is bound to, and its parent's name where the name repeats (every compound has a 3幢楼道党小组). */
  unit: { name: string; parent?: string };
  /** A RESIDENT's own record: by name, in the building of the unit. */
  residentName?: string;
}

const BUILDING_3_OF_QIQU = { name: '3幢楼道党小组', parent: '淞泽家园七区党支部' };

export const DEMO_USERS: readonly DemoUser[] = [
  {
    subject: 'demo:street-staff',
    name: '顾建国',
    role: 'STREET_STAFF',
    description: '斜塘街道大工委 staff: every community of the street; grants roles and partner API keys there',
    unit: { name: '斜塘街道大工委' },
  },
  {
    subject: 'demo:community-secretary',
    name: '沈秀英',
    role: 'COMMUNITY_SECRETARY',
    description: '淞源社区党委 secretary: all of 淞源社区; grants roles below the committee',
    unit: { name: '淞源社区党委' },
  },
  {
    subject: 'demo:compound-secretary',
    name: '陈志强',
    role: 'COMPOUND_BRANCH_SECRETARY',
    description: '淞泽家园七区党支部 secretary: the compound 淞泽家园七区',
    unit: { name: '淞泽家园七区党支部' },
  },
  {
    subject: 'demo:building-leader',
    name: '张伟',
    role: 'BUILDING_GROUP_LEADER',
    description: '3幢楼道党小组 leader in 淞泽家园七区: one building',
    unit: BUILDING_3_OF_QIQU,
  },
  {
    subject: 'demo:grid-worker',
    name: '周海燕',
    role: 'GRID_WORKER',
    description: '网格员 of 淞源社区',
    unit: { name: '淞源社区党委' },
  },
  {
    subject: 'demo:owners-committee',
    name: '汤国平',
    role: 'OWNERS_COMMITTEE_MEMBER',
    description: '业委会委员 of 淞泽家园七区',
    unit: { name: '淞泽家园七区党支部' },
  },
  {
    subject: 'demo:resident',
    name: '罗淑芬',
    role: 'RESIDENT',
    description: 'a resident of 淞泽家园七区 3幢: herself and her household only',
    unit: BUILDING_3_OF_QIQU,
    residentName: '罗淑芬',
  },
  {
    subject: 'demo:lugu-owner',
    name: '陆敏',
    role: 'RESIDENT',
    description:
      "an owner (业主) in 麓谷小镇 1幢 who also lets a unit in 2幢: on the roll of its owners' vote (华盛社区, 长沙)",
    unit: { name: '1幢楼道党小组', parent: '麓谷小镇党支部' },
    residentName: '陆敏',
  },
  {
    subject: 'demo:jiulong-resident',
    name: '郭敏',
    role: 'RESIDENT',
    description:
      'a resident of 九龙巷62号 1幢 (府街社区, 乐山), a resident representative: on the roll of its ranked-choice naming',
    unit: { name: '1幢', parent: '九龙巷62号' },
    residentName: '郭敏',
  },
  {
    subject: 'demo:auditor',
    name: '徐丽华',
    role: 'AUDITOR',
    description: "斜塘街道's personal-information officer: reads the access-audit trail of the street",
    unit: { name: '斜塘街道大工委' },
  },
];

export interface DemoUserModels {
  units: Model<OrgUnit>;
  residents: Model<Resident>;
  roleBindings: Model<RoleBinding>;
}

type UnitRow = {
  _id: Types.ObjectId;
  name: string;
  parentId: Types.ObjectId | null;
  territory: { kind: string; id: Types.ObjectId }[];
};

/**
 * Binds the demo users' roles, adding only those missing. Like the rest of the demo data it is the starting state,
 * so it records no events.
 */
export async function loadDemoUsers(m: DemoUserModels, log: (line: string) => void, now: Date): Promise<void> {
  const names = DEMO_USERS.flatMap(({ unit }) => (unit.parent ? [unit.name, unit.parent] : [unit.name]));
  const units = await m.units.find({ name: { $in: names } }, { name: 1, parentId: 1, territory: 1 }).lean<UnitRow[]>();
  const unitOf = ({ name, parent }: DemoUser['unit']) => {
    const parentId = parent ? units.find((unit) => unit.name === parent)?._id : null;
    return units.find((unit) => unit.name === name && (!parent || (parentId && unit.parentId?.equals(parentId))));
  };
  const upserts = [];
  for (const user of DEMO_USERS) {
    const unit = unitOf(user.unit);
    const residentId = unit && user.residentName ? await residentIn(m, unit, user.residentName) : null;
    if (!unit || (user.residentName && !residentId)) {
      log(
        `demo data: ${user.subject} skipped: ${user.unit.name} or its resident is not there (changed since loading?)`,
      );
      continue;
    }
    upserts.push({
      updateOne: {
        filter: { subject: user.subject, role: user.role, orgUnitId: unit._id },
        update: { $setOnInsert: { name: user.name, residentId, grantedAt: now, grantedBy: 'demo-data' } },
        upsert: true,
      },
    });
  }
  const { upsertedCount } = upserts.length ? await m.roleBindings.bulkWrite(upserts) : { upsertedCount: 0 };
  log(`demo data: ${upsertedCount} demo users added, ${upserts.length - upsertedCount} already there`);
}

async function residentIn(m: DemoUserModels, unit: UnitRow, name: string): Promise<Types.ObjectId | null> {
  const building = unit.territory.find((ref) => ref.kind === 'BUILDING');
  const resident = building ? await m.residents.findOne({ buildingId: building.id, name }, { _id: 1 }).lean() : null;
  return resident?._id ?? null;
}
