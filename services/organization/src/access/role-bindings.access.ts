import type { Actor, Role } from '@gongzhi/contracts';
import { currentActor, ForbiddenError, requireSignedIn } from '@gongzhi/platform';
import type { Types } from 'mongoose';
import type { PersonRole } from './role-binding.schema';

/** The people who manage access: role bindings below their unit, and the API keys of partners in their territory. */
export const STAFF_ROLES: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_SECRETARY'];

/**
 * Least privilege, in two tables defined here only.
 *
 * RANK: a role is granted (and revoked) only by someone holding a staff role that outranks it, bound to the target
 * unit or one above it. Nobody makes a peer: new street staff come from ops (`grant-role`), and AUDITOR — who reads
 * everyone's access trail, staff's included — is granted by street staff alone.
 */
export const ROLE_RANK: Readonly<Record<PersonRole, number>> = {
  STREET_STAFF: 3,
  AUDITOR: 2,
  COMMUNITY_SECRETARY: 2,
  COMPOUND_BRANCH_SECRETARY: 1,
  GRID_WORKER: 1,
  OWNERS_COMMITTEE_MEMBER: 1,
  BUILDING_GROUP_LEADER: 1,
  RESIDENT: 0,
};

/**
 * FIT: the tiers of org unit (1 street committee, 2 neighbourhood committee, 3 community, 4 compound branch,
 * 5 building group) each role may be bound to — street staff and auditors serve a street, not a building group.
 */
export const ROLE_TIERS: Readonly<Record<PersonRole, readonly number[]>> = {
  STREET_STAFF: [1, 2],
  AUDITOR: [1, 2],
  COMMUNITY_SECRETARY: [3],
  GRID_WORKER: [3, 4],
  COMPOUND_BRANCH_SECRETARY: [4],
  OWNERS_COMMITTEE_MEMBER: [4],
  BUILDING_GROUP_LEADER: [5],
  /** The unit whose territory holds their home: their community, compound or building group. */
  RESIDENT: [3, 4, 5],
};

export function roleFitsTier(role: PersonRole, tier: number): boolean {
  return ROLE_TIERS[role].includes(tier);
}

/** Whether a staff role of the caller may grant or revoke `role` (anywhere: where is checked against the unit). */
function outranks(held: Role, role: PersonRole): boolean {
  return STAFF_ROLES.includes(held) && ROLE_RANK[held as PersonRole] > ROLE_RANK[role];
}

type UnitPath = { _id: Types.ObjectId; ancestorIds: Types.ObjectId[] };

const REFUSED =
  'Only a service, or staff bound to this org unit or one above it whose own role outranks the role, may grant or revoke it';

/**
 * Checked before anything is looked up, so the answer says nothing about what exists: the caller is a service, or a
 * person holding a staff role that outranks `role` somewhere, and `role` is not for themself.
 */
export function requireMayGrantSomewhere(
  role: PersonRole,
  subject: string | null,
  actor: Actor = currentActor(),
): void {
  requireSignedIn(actor);
  if (actor.kind === 'service') return;
  if (actor.kind !== 'person' || !actor.roles.some((grant) => outranks(grant.role, role)))
    throw new ForbiddenError(REFUSED);
  if (subject !== null && subject === actor.id)
    throw new ForbiddenError('Nobody grants or revokes a role of their own');
}

/** Whether the caller may grant or revoke `role` at `unit`: a service, or a staff role outranking it bound on the unit's path. */
export function mayGrantAt(unit: UnitPath, role: PersonRole, actor: Actor = currentActor()): boolean {
  if (actor.kind === 'service') return true;
  const path = new Set([unit._id, ...unit.ancestorIds].map(String));
  return (
    actor.kind === 'person' &&
    actor.roles.some(
      (grant) => outranks(grant.role, role) && grant.orgUnitId !== undefined && path.has(grant.orgUnitId),
    )
  );
}

/** Who may list the roles of a unit: a service, or a person holding a staff role bound to the unit or one of its ancestors. */
export function requireMayManageBindingsOf(unit: UnitPath, actor: Actor = currentActor()): void {
  requireSignedIn(actor);
  if (actor.kind === 'service') return;
  const path = new Set([unit._id, ...unit.ancestorIds].map(String));
  const bound =
    actor.kind === 'person' &&
    actor.roles.some((grant) => STAFF_ROLES.includes(grant.role) && grant.orgUnitId && path.has(grant.orgUnitId));
  if (!bound)
    throw new ForbiddenError('Only street staff or a community secretary above this org unit may manage its roles');
}

export { REFUSED as GRANT_REFUSED };
