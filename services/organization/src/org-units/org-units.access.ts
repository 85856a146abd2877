import type { Actor, Role } from '@gongzhi/contracts';
import { currentActor, holdsRole, isTrustedService } from '@gongzhi/platform';
import type { OrgUnit } from './org-unit.schema';

/**
 * The tree is public to read but for its members; it is changed by the street and community offices, each within
 * its own branch of it.
 */
const TREE_KEEPERS: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_SECRETARY'];

/** A unit and those above it, top first: the units whose offices may change what lies below it. */
export function pathTo(unit: Pick<OrgUnit, 'ancestorIds'> & { _id: unknown }): unknown[] {
  return [...unit.ancestorIds, unit._id];
}

/**
 * Changing the tree below the last unit of `path`: a street or community office bound to one of the units on it.
 * An empty path (a new tier-1 unit, which has nothing above it) or null (a unit that does not exist) is for services.
 */
export function mayChangeTreeBelow(path: readonly unknown[] | null, actor: Actor = currentActor()): boolean {
  if (isTrustedService(actor)) return true;
  const units = new Set((path ?? []).map(String));
  return actor.roles.some(
    (grant) => TREE_KEEPERS.includes(grant.role) && grant.orgUnitId !== undefined && units.has(grant.orgUnitId),
  );
}

/** Tier schemes name the tiers of whole trees: the street's business. */
export function mayDefineTierSchemes(actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || holdsRole(['STREET_STAFF'], actor);
}

/** Who sits in a party unit is for signed-in people, not for partners' systems. */
export function mayReadMembers(actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || actor.kind === 'person';
}
