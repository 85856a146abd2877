import type { Connection, mongo } from 'mongoose';
import { PlaceKind } from '../organization-copy/territory.schema';

type Row = mongo.Document;

/** Residents in these age bands are not yet 18 (organization's AgeBand values). */
const MINOR_AGE_BANDS = ['UNDER_6', 'AGE_6_TO_13', 'AGE_14_TO_17'];

const upsert = (doc: Row) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } });
const str = (id: unknown) => (id == null ? null : String(id));

/**
 * Seeds deliberation's copy of the territory from organization's database. Development only: organization's demo
 * data is its starting state and records no events, so nothing would ever announce the demo places and people;
 * in production the copy comes from organization's events alone (territory.service.ts). Idempotent: each record is
 * replaced by organization's current one.
 */
export async function copyTerritory(
  organization: Connection,
  deliberation: Connection,
): Promise<{ places: number; households: number; residents: number; agreements: number }> {
  const [communities, compounds, buildings, households, residents, partners] = await Promise.all(
    ['communities', 'compounds', 'buildings', 'households', 'residents', 'partner_units'].map((name) =>
      organization.collection(name).find().toArray(),
    ),
  );
  const places = [
    ...communities.map((c) => ({
      _id: str(c._id),
      kind: PlaceKind.COMMUNITY,
      name: c.name,
      communityId: str(c._id),
      compoundId: null,
      buildingId: null,
      hasPropertyCompany: null,
    })),
    ...compounds.map((c) => ({
      _id: str(c._id),
      kind: PlaceKind.COMPOUND,
      name: c.name,
      communityId: str(c.communityId),
      compoundId: str(c._id),
      buildingId: null,
      hasPropertyCompany: c.hasPropertyCompany ?? true,
    })),
    ...buildings.map((b) => ({
      _id: str(b._id),
      kind: PlaceKind.BUILDING,
      name: b.name,
      communityId: str(b.communityId),
      compoundId: str(b.compoundId),
      buildingId: str(b._id),
      hasPropertyCompany: null,
    })),
  ];
  const owningResidents = new Map<string, string[]>();
  for (const resident of residents.filter((r) => r.relation === 'OWNER')) {
    owningResidents.set(str(resident.householdId)!, [
      ...(owningResidents.get(str(resident.householdId)!) ?? []),
      str(resident._id)!,
    ]);
  }
  const householdRows = households.map((h) => ({
    _id: str(h._id),
    communityId: str(h.communityId),
    compoundId: str(h.compoundId),
    buildingId: str(h.buildingId),
    floorArea: h.floorArea ?? null,
    owners: (h.owners ?? []).map((owner: Row) => ({ residentId: str(owner.residentId), share: owner.share })),
    ownerResidentIds: owningResidents.get(str(h._id)!) ?? [],
  }));
  const residentRows = residents.map((r) => ({
    _id: str(r._id),
    householdId: str(r.householdId),
    communityId: str(r.communityId),
    compoundId: str(r.compoundId),
    buildingId: str(r.buildingId),
    relation: r.relation ?? null,
    adult: !MINOR_AGE_BANDS.includes(r.ageBand),
    movedOutAt: r.movedOutAt ?? null,
  }));
  // Co-building agreements, as org.partner-agreement.signed carries them: who may be seated on a council.
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const agreementRows = partners.flatMap((partner) =>
    ((partner.agreements ?? []) as Row[]).map((agreement) => ({
      _id: str(agreement._id),
      partnerUnitId: str(partner._id),
      communityId: str(agreement.communityId),
      validFrom: day(agreement.validFrom),
      validUntil: day(agreement.validUntil),
    })),
  );
  for (const [collection, rows] of [
    ['territory_places', places],
    ['territory_households', householdRows],
    ['territory_residents', residentRows],
    ['partner_agreements', agreementRows],
  ] as const) {
    if (rows.length) await deliberation.collection(collection).bulkWrite(rows.map(upsert));
  }
  return {
    places: places.length,
    households: householdRows.length,
    residents: residentRows.length,
    agreements: agreementRows.length,
  };
}
