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
 * The heads of an owners' vote, after the Supreme People's Court's interpretation on building ownership
 * (最高人民法院关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释, as amended 2020):
 * - art. 8: the area is each unit's exclusive area (专有部分面积) per the property register; the building's total is
 *   their sum — the roll's area is the sum of its units' areas, nothing else;
 * - art. 9: owners are counted by unit, one unit as one person (一个专有部分按一人计算), except that the units the
 *   developer has not sold or handed over count as one person, and one buyer of several units (同一买受人拥有一个以上
 *   专有部分的) counts as one person.
 * So co-owners of one unit (共有) cast one ballot together and count as one head; one person owning several units
 * counts once, holding their total area; the same co-owners of several units are one buyer too. A person owning one
 * unit alone and another together with someone else is two buyers (themself, and the co-ownership), so two heads.
 * Units are merged only when every one of their owners is a registered resident and the owners are the same people:
 * a name alone never proves two owners are one.
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
