import type { Jurisdiction } from '@gongzhi/contracts';
import type { Model, Types } from 'mongoose';
import { OrgUnit, TerritoryKind } from '../org-units/org-unit.schema';

/** What resolving needs of a unit: where it sits in the tree and which places it covers. */
export interface UnitPlaces {
  _id: Types.ObjectId;
  ancestorIds: Types.ObjectId[];
  territory: { kind: TerritoryKind; id: Types.ObjectId }[];
}

/**
 * Only the kinds every record carries the id of. A STREET ref names no place a record knows (communities keep their
 * street as a name and there is no street collection; the demo data uses none), so it is skipped and a street
 * unit's jurisdiction comes from the communities of its subtree.
 */
const FIELD_OF_KIND: Partial<Record<TerritoryKind, keyof Jurisdiction>> = {
  [TerritoryKind.COMMUNITY]: 'communityIds',
  [TerritoryKind.COMPOUND]: 'compoundIds',
  [TerritoryKind.BUILDING]: 'buildingIds',
};
const PLACE_KINDS = Object.keys(FIELD_OF_KIND) as TerritoryKind[];

const placesOf = (unit: UnitPlaces) => unit.territory.filter((ref) => ref.kind in FIELD_OF_KIND);

/**
 * The jurisdiction of each of `unitIds`: the highest places of its subtree. A unit's own refs if it has any; else,
 * top-down, every descendant's refs unless an ancestor below the unit already had some (a community committee
 * covers its community, so its compounds and buildings need not be listed again).
 * `units` holds the requested units and their descendants with places; unknown units get an empty jurisdiction.
 */
export function highestPlaces(unitIds: readonly string[], units: readonly UnitPlaces[]): Map<string, Jurisdiction> {
  const withPlaces = new Set(units.filter((unit) => placesOf(unit).length > 0).map((unit) => String(unit._id)));
  const result = new Map<string, Jurisdiction>();
  for (const unitId of unitIds) {
    const jurisdiction: Jurisdiction = { communityIds: [], compoundIds: [], buildingIds: [] };
    const self = units.find((unit) => String(unit._id) === unitId);
    const covering =
      self && withPlaces.has(unitId)
        ? [self]
        : units.filter((unit) => {
            const path = unit.ancestorIds.map(String);
            const below = path.indexOf(unitId);
            return (
              below >= 0 &&
              withPlaces.has(String(unit._id)) &&
              !path.slice(below + 1).some((ancestor) => withPlaces.has(ancestor))
            );
          });
    for (const ref of covering.flatMap(placesOf)) {
      const list = jurisdiction[FIELD_OF_KIND[ref.kind]!];
      if (!list.includes(String(ref.id))) list.push(String(ref.id));
    }
    result.set(unitId, jurisdiction);
  }
  return result;
}

/** The jurisdictions of many units in ONE query, however many units and however deep their subtrees. */
export async function resolveJurisdiction(
  units: Model<OrgUnit>,
  unitIds: readonly string[],
): Promise<Map<string, Jurisdiction>> {
  if (unitIds.length === 0) return new Map();
  const rows = await units
    .find(
      { $or: [{ _id: { $in: unitIds } }, { ancestorIds: { $in: unitIds }, 'territory.kind': { $in: PLACE_KINDS } }] },
      { ancestorIds: 1, territory: 1 },
    )
    .lean<UnitPlaces[]>();
  return highestPlaces(unitIds, rows);
}
