import type { Actor, Role } from '@gongzhi/contracts';
import { currentActor, ForbiddenError, requireSignedIn } from '@gongzhi/platform';
import type { Types } from 'mongoose';

/** The people who manage access: role bindings below their unit, and the API keys of partners in their territory. */
export const STAFF_ROLES: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_SECRETARY'];

/**
 * Who may grant, revoke and list the roles of a unit: a service (the gateway, ops tooling), or a person holding a
 * staff role bound to the unit itself or to one of its ancestors.
 */
export function requireMayManageBindingsOf(unit: { _id: Types.ObjectId; ancestorIds: Types.ObjectId[] }, actor: Actor = currentActor()): void {
  requireSignedIn(actor);
  if (actor.kind === 'service') return;
  const path = new Set([unit._id, ...unit.ancestorIds].map(String));
  const bound = actor.kind === 'person' && actor.roles.some((grant) => STAFF_ROLES.includes(grant.role) && grant.orgUnitId && path.has(grant.orgUnitId));
  if (!bound) throw new ForbiddenError('Only street staff or a community secretary above this org unit may manage its roles');
}
