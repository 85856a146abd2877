import type { Connection, Types } from 'mongoose';
import { knownAllianceModel } from '../alliances/known-alliance.schema';
import { keepLatestRevision } from '../mongo/latest-revision';

type AllianceRow = {
  _id: Types.ObjectId;
  name: string;
  communityIds: Types.ObjectId[];
  revision: number;
  dissolvedAt?: Date | null;
};

/**
 * The demo's way for facilities and services to know organization's community alliances (社区联盟): at run time they
 * keep `known_alliances` from `org.alliance.*` events, but organization's demo data records no events (it is the
 * starting state), so their demo loaders copy the alliances from organization's database — written as the events
 * write them (`keepLatestRevision`). Returns how many were new.
 */
export async function copyAlliances(organization: Connection, target: Connection): Promise<number> {
  const alliances = await organization
    .collection<AllianceRow>('community_alliances')
    .find({}, { projection: { name: 1, communityIds: 1, revision: 1, dissolvedAt: 1 } })
    .toArray();
  const copies = knownAllianceModel(target);
  let inserted = 0;
  for (const { _id, name, communityIds, revision, dissolvedAt } of alliances) {
    const state = dissolvedAt ? { name, communityIds: [], revision, dissolvedAt } : { name, communityIds, revision };
    if ((await keepLatestRevision(copies, _id, state)) === 'inserted') inserted += 1;
  }
  return inserted;
}
