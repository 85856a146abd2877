import { Types } from 'mongoose';
import { TerritoryKind } from '../org-units/org-unit.schema';
import { highestPlaces, type UnitPlaces } from './jurisdiction';

const id = () => new Types.ObjectId();
const unit = (parent: UnitPlaces | null, territory: UnitPlaces['territory'] = []): UnitPlaces => ({
  _id: id(),
  ancestorIds: parent ? [...parent.ancestorIds, parent._id] : [],
  territory,
});
const ref = (kind: TerritoryKind) => ({ kind, id: id() });

describe('highestPlaces', () => {
  // 斜塘街道大工委 (a STREET ref, which names no place) → 淞泽邻里大党委 → 淞源社区党委 (淞源社区) → 淞泽家园七区党支部 (七区) → 3幢楼道党小组 (3幢)
  // and, beside it, 梅淞社区党委 without territory of its own whose 梅淞苑党支部 covers 梅淞苑.
  const street = unit(null, [ref(TerritoryKind.STREET)]);
  const neighbourhood = unit(street);
  const songyuan = unit(neighbourhood, [ref(TerritoryKind.COMMUNITY)]);
  const qiqu = unit(songyuan, [ref(TerritoryKind.COMPOUND)]);
  const building3 = unit(qiqu, [ref(TerritoryKind.BUILDING)]);
  const meisong = unit(neighbourhood);
  const meisongyuan = unit(meisong, [ref(TerritoryKind.COMPOUND)]);
  const all = [street, neighbourhood, songyuan, qiqu, building3, meisong, meisongyuan];
  const key = (u: UnitPlaces) => String(u._id);
  const place = (u: UnitPlaces) => String(u.territory[0].id);

  it("takes a unit's own places, else the highest places below it, skipping STREET refs", () => {
    const resolved = highestPlaces(all.map(key), all);
    expect(resolved.get(key(street))).toEqual({
      communityIds: [place(songyuan)],
      compoundIds: [place(meisongyuan)],
      buildingIds: [],
    });
    expect(resolved.get(key(neighbourhood))).toEqual(resolved.get(key(street)));
    expect(resolved.get(key(songyuan))).toEqual({ communityIds: [place(songyuan)], compoundIds: [], buildingIds: [] });
    expect(resolved.get(key(qiqu))).toEqual({ communityIds: [], compoundIds: [place(qiqu)], buildingIds: [] });
    expect(resolved.get(key(building3))).toEqual({
      communityIds: [],
      compoundIds: [],
      buildingIds: [place(building3)],
    });
    expect(resolved.get(key(meisong))).toEqual({
      communityIds: [],
      compoundIds: [place(meisongyuan)],
      buildingIds: [],
    });
  });

  it('gives a unit it does not know an empty jurisdiction', () => {
    expect(
      highestPlaces([String(id())], all)
        .values()
        .next().value,
    ).toEqual({ communityIds: [], compoundIds: [], buildingIds: [] });
  });
});
