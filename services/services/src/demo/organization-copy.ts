import type { AnyBulkWriteOperation, Connection, Types } from 'mongoose';
import { PlaceKind } from '../organization-copy/directory.schema';

type Row = Record<string, unknown> & { _id: Types.ObjectId };

/**
 * Fills services' directory from organization's database, for demo data only: organization's demo is its starting
 * state and records no events, so services cannot learn it the way it learns everything else. Running services never
 * reads another service's database; this development fixture does, once, as the demo loader. Idempotent.
 */
export async function copyOrganizationDirectory(
  services: Connection,
  organization: Connection,
): Promise<{ places: number; residents: number; partners: number }> {
  const rows = (name: string) => organization.collection<Row>(name).find().toArray();
  const upserts = (documents: Row[], fields: (row: Row) => Record<string, unknown>): AnyBulkWriteOperation[] =>
    documents.map((row) => ({ updateOne: { filter: { _id: row._id }, update: { $set: fields(row) }, upsert: true } }));
  const [communities, compounds, buildings, residents, partners] = await Promise.all(
    ['communities', 'compounds', 'buildings', 'residents', 'partner_units'].map(rows),
  );
  const places = [
    ...upserts(communities, (row) => ({ kind: PlaceKind.COMMUNITY, communityId: row._id, compoundId: null })),
    ...upserts(compounds, (row) => ({ kind: PlaceKind.COMPOUND, communityId: row.communityId, compoundId: null })),
    ...upserts(buildings, (row) => ({
      kind: PlaceKind.BUILDING,
      communityId: row.communityId,
      compoundId: row.compoundId,
    })),
  ];
  const people = upserts(residents, (row) => ({
    householdId: row.householdId,
    buildingId: row.buildingId,
    compoundId: row.compoundId,
    communityId: row.communityId,
    ageBand: row.ageBand ?? null,
    movedOutAt: row.movedOutAt ?? null,
    consents: ((row.consents as Row[] | undefined) ?? []).map((consent) => ({
      consentId: String(consent._id),
      kind: consent.kind,
      purposes: consent.purposes ?? [],
      guardianResidentId: consent.guardianResidentId ?? null,
      givenAt: consent.givenAt,
      withdrawnAt: consent.withdrawnAt ?? null,
    })),
  }));
  const agreements = upserts(partners, (row) => ({
    agreementCommunityIds: ((row.agreements as Row[] | undefined) ?? []).map((agreement) => agreement.communityId),
  }));
  const write = (collection: string, operations: AnyBulkWriteOperation[]) =>
    operations.length ? services.collection(collection).bulkWrite(operations as never) : undefined;
  await Promise.all([
    write('directory_places', places),
    write('directory_residents', people),
    write('directory_partners', agreements),
  ]);
  return { places: places.length, residents: people.length, partners: agreements.length };
}
