import type { Connection, Types } from 'mongoose';

type AllianceRow = { _id: Types.ObjectId; name: string; communityIds: Types.ObjectId[]; revision: number };

/**
 * The demo's way for facilities and services to know organization's community alliances (社区联盟): at run time they
 * keep `known_alliances` from `org.alliance.*` events, but organization's demo data records no events (it is the
 * starting state), so their demo loaders copy the alliances from organization's database. Returns how many were new.
 */
export async function copyAlliances(organization: Connection, target: Connection): Promise<number> {
  const alliances = await organization
    .collection<AllianceRow>('community_alliances')
    .find({}, { projection: { name: 1, communityIds: 1, revision: 1 } })
    .toArray();
  if (alliances.length === 0) return 0;
  const { upsertedCount } = await target.collection('known_alliances').bulkWrite(
    alliances.map(({ _id, name, communityIds, revision }) => ({
      updateOne: {
        filter: { _id },
        update: { $setOnInsert: { name, communityIds, revision } },
        upsert: true,
      },
    })),
  );
  return upsertedCount;
}
