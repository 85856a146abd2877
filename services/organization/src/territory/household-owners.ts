import type { Types } from 'mongoose';
import type { HouseholdOwner } from './territory.schema';

/**
 * The register's owners with those known by name only linked to the residents of the same name, or null when none
 * is. A name links to one resident only when exactly one name-only owner bears it and exactly one of the residents
 * does: two owners called 王芳 are left for staff to tell apart (changeHouseholdOwners), never guessed. Names and
 * shares are kept as the register has them.
 */
export function ownersLinkableToResidents(
  owners: readonly HouseholdOwner[],
  residents: readonly { _id: Types.ObjectId; name: string }[],
): HouseholdOwner[] | null {
  const linkedIds = new Set(owners.flatMap((owner) => (owner.residentId ? [String(owner.residentId)] : [])));
  const candidates = residents.filter((resident) => !linkedIds.has(String(resident._id)));
  const unlinkedNamed = (name: string) => owners.filter((owner) => !owner.residentId && owner.name === name).length;
  let changed = false;
  const linked = owners.map((owner) => {
    if (owner.residentId || unlinkedNamed(owner.name) !== 1) return plain(owner);
    const same = candidates.filter((resident) => resident.name === owner.name);
    if (same.length !== 1) return plain(owner);
    changed = true;
    return { ...plain(owner), residentId: same[0]._id };
  });
  return changed ? linked : null;
}

function plain({ name, share, residentId }: HouseholdOwner): HouseholdOwner {
  return { name, share, ...(residentId && { residentId }) };
}
