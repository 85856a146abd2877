import { toCentiSquareMetres } from './ratio';

/** A unit (户) as the property register has it: its exclusive floor area and its owners. */
export interface OwnedUnit {
  householdId: string;
  /** m², per the property register. */
  floorArea: number;
  /** residentId when the owner is a registered resident, null when organization knows only the name. */
  owners: { residentId: string | null }[];
}

/** One head on an owners' roll: the units it holds, their area and who may cast its ballot. */
export interface OwnerVoter {
  /** Stable within one roll: `owners:<residentIds>`, `household:<id>` or `developer`. */
  key: string;
  householdIds: string[];
  /** Hundredths of a square metre. */
  area: number;
  /** Owners who may cast this voter's ballot themselves (online); the others vote on paper or by proxy. */
  residentIds: string[];
}

/**
 * The heads of an owners' vote, after the Supreme People's Court's interpretation of art. 278: one unit counts as one
 * owner (co-owners cast one ballot together); one buyer of several units counts once, holding their total area; the
 * units the developer has not sold or handed over count as one owner. Units are merged only when every one of their
 * owners is a registered resident and the owners are the same people: a name alone never proves two owners are one.
 */
export function ownerVoters(units: readonly OwnedUnit[]): OwnerVoter[] {
  const voters = new Map<string, OwnerVoter>();
  for (const unit of units) {
    const key = voterKeyOf(unit);
    const residentIds = unit.owners.flatMap((owner) => (owner.residentId ? [owner.residentId] : []));
    const voter = voters.get(key) ?? { key, householdIds: [], area: 0, residentIds: [] };
    voter.householdIds.push(unit.householdId);
    voter.area += toCentiSquareMetres(unit.floorArea);
    voter.residentIds = [...new Set([...voter.residentIds, ...residentIds])];
    voters.set(key, voter);
  }
  return [...voters.values()];
}

function voterKeyOf(unit: OwnedUnit): string {
  if (unit.owners.length === 0) return 'developer';
  const ids = unit.owners.map((owner) => owner.residentId);
  if (ids.every((id): id is string => id !== null)) return `owners:${[...new Set(ids)].sort().join(',')}`;
  return `household:${unit.householdId}`;
}
