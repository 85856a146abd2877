import type { AnyBulkWriteOperation, Connection, Types } from 'mongoose';
import { PlaceKind } from '../organization-copy/known-place.schema';

/**
 * The demo's way of knowing organization's places and agreements. At run time facilities learns them from
 * organization's events; organization's demo data records none (it is the starting state), so this development
 * fixture — and nothing else in facilities — reads organization's database to copy them.
 */

type Row = {
  _id: Types.ObjectId;
  name?: string;
  unitNumber?: string;
  communityId?: Types.ObjectId;
  compoundId?: Types.ObjectId;
  buildingId?: Types.ObjectId;
  floorArea?: number;
};

const LEVELS = [
  { collection: 'communities', kind: PlaceKind.COMMUNITY },
  { collection: 'compounds', kind: PlaceKind.COMPOUND },
  { collection: 'buildings', kind: PlaceKind.BUILDING },
  { collection: 'households', kind: PlaceKind.HOUSEHOLD },
] as const;

/** Copies every community, compound, building and household not yet known; returns how many were new. */
export async function copyTerritory(organization: Connection, facilities: Connection): Promise<number> {
  let added = 0;
  for (const { collection, kind } of LEVELS) {
    const rows = await organization
      .collection<Row>(collection)
      .find({}, { projection: { name: 1, unitNumber: 1, communityId: 1, compoundId: 1, buildingId: 1, floorArea: 1 } })
      .toArray();
    if (rows.length === 0) continue;
    const upserts: AnyBulkWriteOperation[] = rows.map((row) => ({
      updateOne: {
        filter: { _id: row._id },
        update: {
          $setOnInsert: {
            kind,
            name: row.name ?? row.unitNumber,
            communityId: kind === PlaceKind.COMMUNITY ? row._id : row.communityId,
            compoundId: row.compoundId ?? null,
            buildingId: row.buildingId ?? null,
            floorArea: row.floorArea ?? null,
          },
        },
        upsert: true,
      },
    }));
    added += (await facilities.collection('known_places').bulkWrite(upserts as never)).upsertedCount;
  }
  return added;
}

type PartnerRow = {
  _id: Types.ObjectId;
  agreements: { _id: Types.ObjectId; communityId: Types.ObjectId; validFrom: Date; validUntil: Date }[];
};

/** Copies the partners' co-building agreements not yet known; returns how many were new. */
export async function copyPartnerAgreements(organization: Connection, facilities: Connection): Promise<number> {
  const partners = await organization
    .collection<PartnerRow>('partner_units')
    .find({}, { projection: { agreements: 1 } })
    .toArray();
  const upserts = partners.flatMap((partner) =>
    partner.agreements.map((agreement) => ({
      updateOne: {
        filter: { _id: agreement._id },
        update: {
          $setOnInsert: {
            partnerUnitId: partner._id,
            communityId: agreement.communityId,
            validFrom: agreement.validFrom,
            validUntil: agreement.validUntil,
          },
        },
        upsert: true,
      },
    })),
  );
  return upserts.length ? (await facilities.collection('partner_agreements').bulkWrite(upserts)).upsertedCount : 0;
}
