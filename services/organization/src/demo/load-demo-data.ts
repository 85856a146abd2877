import 'reflect-metadata';
import { runDemoLoader, withTransaction, Clock, systemClock } from '@gongzhi/platform';
import mongoose, { Connection, Types } from 'mongoose';
import { RoleBinding, RoleBindingSchema } from '../access/role-binding.schema';
import { Alliance, AllianceSchema } from '../alliances/alliance.schema';
import { loadOrganizationConfig } from '../config';
import { GridCell, GridCellSchema, GridRole } from '../grid/grid-cell.schema';
import { OrgUnit, OrgUnitSchema, TerritoryKind } from '../org-units/org-unit.schema';
import { PartnerUnit, PartnerUnitSchema } from '../partners/partner-unit.schema';
import { CommunityProfileType, CommunityProfileTypeSchema } from '../profiles/profile-type.schema';
import { verifyKeyRing } from '../personal-data/key-check';
import { PersonalDataCipher, PersonalDataKeyError } from '../personal-data/personal-data-cipher';
import { loadPersonalDataKeyRing } from '../personal-data/personal-data-keys';
import { resealResidents } from '../personal-data/reseal-personal-data';
import { sealResidentContact } from '../personal-data/resident-contact';
import {
  AgeBand,
  Building,
  CommunityProfile,
  BuildingSchema,
  Community,
  CommunitySchema,
  Compound,
  CompoundSchema,
  Household,
  HouseholdSchema,
  Resident,
  ResidentRelation,
  ResidentSchema,
} from '../territory/territory.schema';
import { DEMO_ALLIANCES, DEMO_PARTNERS, DEMO_PROFILE_TYPES, DEMO_STREETS, StreetPlan } from './demo-places';
import { DemoPeople } from './demo-people';
import { loadDemoThreeLists } from './demo-three-lists';
import { loadDemoUsers } from './demo-users';

type Doc = Record<string, unknown> & { _id: Types.ObjectId };

/** Everything one street's tree and territory adds, gathered first and inserted in one transaction. */
class StreetBatch {
  readonly units: Doc[] = [];
  readonly communities: Doc[] = [];
  readonly compounds: Doc[] = [];
  readonly buildings: Doc[] = [];
  readonly households: Doc[] = [];
  readonly residents: Doc[] = [];
  readonly gridCells: Doc[] = [];
}

function unit(
  batch: StreetBatch,
  tier: number,
  name: string,
  parent: Doc | null,
  tierScheme: string,
  people: DemoPeople,
  territory: Doc['territory'] = [],
): Doc {
  const doc: Doc = {
    _id: new Types.ObjectId(),
    tier,
    name,
    parentId: parent?._id ?? null,
    ancestorIds: parent ? [...(parent.ancestorIds as Types.ObjectId[]), parent._id] : [],
    tierScheme,
    leader: { name: people.name(), post: tier === 5 ? '组长' : '书记' },
    members: Array.from({ length: tier === 5 ? 3 : 5 }, () => ({
      name: people.name(),
      post: tier === 5 ? '党员' : '委员',
    })),
    territory,
  };
  batch.units.push(doc);
  return doc;
}

function planStreet(plan: StreetPlan, people: DemoPeople): StreetBatch {
  const batch = new StreetBatch();
  const party = plan.tierScheme === 'party';
  const top = unit(batch, 1, plan.top, null, plan.tierScheme, people);
  for (const neighbourhood of plan.neighbourhoods) {
    const tier2 = unit(batch, 2, neighbourhood.name, top, plan.tierScheme, people);
    for (const communityPlan of neighbourhood.communities) {
      const community: Doc = {
        _id: new Types.ObjectId(),
        name: communityPlan.name,
        street: neighbourhood.street ?? plan.street,
        city: plan.city,
        profile: communityPlan.profile,
      };
      batch.communities.push(community);
      const tier3 = unit(
        batch,
        3,
        party ? `${communityPlan.name}党委` : communityPlan.name,
        tier2,
        plan.tierScheme,
        people,
        [{ kind: TerritoryKind.COMMUNITY, id: community._id }],
      );
      const communityBuildings: Doc[] = [];
      for (const compoundPlan of communityPlan.compounds) {
        const compound: Doc = {
          _id: new Types.ObjectId(),
          name: compoundPlan.name,
          communityId: community._id,
          hasPropertyCompany: compoundPlan.hasPropertyCompany ?? true,
        };
        batch.compounds.push(compound);
        const tier4 = unit(
          batch,
          4,
          party ? `${compoundPlan.name}党支部` : compoundPlan.name,
          tier3,
          plan.tierScheme,
          people,
          [{ kind: TerritoryKind.COMPOUND, id: compound._id }],
        );
        for (let number = 1; number <= compoundPlan.buildings; number++) {
          const building: Doc = {
            _id: new Types.ObjectId(),
            name: `${number}幢`,
            compoundId: compound._id,
            communityId: community._id,
            floors: people.between(5, 18),
          };
          batch.buildings.push(building);
          communityBuildings.push(building);
          unit(batch, 5, party ? `${number}幢楼道党小组` : `${number}幢`, tier4, plan.tierScheme, people, [
            { kind: TerritoryKind.BUILDING, id: building._id },
          ]);
          planHouseholds(batch, building, people);
        }
      }
      for (const compound of batch.compounds.filter(
        (c) => c.communityId === community._id && c.name === OWNERS_OF_SEVERAL_UNITS_IN,
      ))
        planOwnersOfSeveralUnits(batch, compound);
      planGridCells(
        batch,
        community,
        communityBuildings,
        communityPlan.compounds.some((c) => c.hasPropertyCompany !== false),
        people,
      );
    }
  }
  return batch;
}

/** Four households a building, about half of them with residents registered so far. */
function planHouseholds(batch: StreetBatch, building: Doc, people: DemoPeople): void {
  for (const floor of [1, 2, 3, 5]) {
    const ownerNames = people.chance(0.3) ? [people.name(), people.name()] : [people.name()];
    const household: Doc = {
      _id: new Types.ObjectId(),
      unitNumber: `${floor}0${people.between(1, 2)}室`,
      floorArea: people.between(58, 142) + people.between(0, 9) / 10,
      owners: ownerNames.map((name) => ({ name, share: 1 / ownerNames.length })),
      buildingId: building._id,
      compoundId: building.compoundId,
      communityId: building.communityId,
    };
    batch.households.push(household);
    if (!people.chance(0.55)) continue;
    const members: { name: string; relation: ResidentRelation; child?: boolean }[] = [
      { name: ownerNames[0], relation: ResidentRelation.OWNER },
      ...(people.chance(0.5) ? [{ name: people.name(), relation: ResidentRelation.FAMILY }] : []),
      ...(people.chance(0.3) ? [{ name: people.name(), relation: ResidentRelation.FAMILY, child: true }] : []),
    ];
    for (const member of members) {
      const resident: Doc = {
        _id: new Types.ObjectId(),
        name: member.name,
        phone: member.child ? undefined : people.phone(),
        ageBand: member.child ? people.childAgeBand() : people.adultAgeBand(),
        relation: member.relation,
        householdId: household._id,
        buildingId: building._id,
        compoundId: building.compoundId,
        communityId: building.communityId,
        movedInAt: new Date(Date.UTC(2015 + people.between(0, 9), people.between(0, 11), people.between(1, 28))),
        movedOutAt: null,
      };
      batch.residents.push(resident);
      if (member.relation === ResidentRelation.OWNER)
        (household.owners as { residentId?: Types.ObjectId }[])[0].residentId = resident._id;
    }
  }
}

/** The compound whose owners' vote (the 2024 upgrade projects, seed 001) shows how the law counts owners. */
const OWNERS_OF_SEVERAL_UNITS_IN = '麓谷小镇';
const ADULT_AGE_BANDS = [AgeBand.AGE_18_TO_59, AgeBand.AGE_60_TO_79, AgeBand.AGE_80_PLUS];

/**
 * Owners as the law counts them (Civil Code art. 278 and the judicial interpretation's art. 9), in one compound: an
 * owner living in 1幢 also owns a unit in 2幢, which a tenant rents from them (one head, both areas), and a couple owns
 * their unit together (共有: one head). Rearranges what planHouseholds drew, drawing nothing new, so every other
 * place's demo data stays as it was.
 */
function planOwnersOfSeveralUnits(batch: StreetBatch, compound: Doc): void {
  type Owner = { name: string; residentId?: Types.ObjectId; share: number };
  const households = batch.households.filter((h) => h.compoundId === compound._id);
  const residentsOf = (household: Doc) => batch.residents.filter((r) => r.householdId === household._id);
  const ownersOf = (household: Doc) => household.owners as Owner[];
  const landlord = households.find((h) => ownersOf(h).length === 1 && ownersOf(h)[0].residentId);
  const let_ = landlord && households.find((h) => h.buildingId !== landlord.buildingId);
  if (!landlord || !let_) return;
  const [owner] = ownersOf(landlord);
  let_.owners = [{ name: owner.name, residentId: owner.residentId, share: 1 }];
  for (const resident of residentsOf(let_)) resident.relation = ResidentRelation.TENANT;

  const adultFamilyOf = (household: Doc) =>
    residentsOf(household).find(
      (r) => r.relation === ResidentRelation.FAMILY && (ADULT_AGE_BANDS as unknown[]).includes(r.ageBand),
    );
  const couple = households.find((h) => h !== landlord && h !== let_ && ownersOf(h)[0]?.residentId && adultFamilyOf(h));
  if (!couple) return;
  const spouse = adultFamilyOf(couple)!;
  spouse.relation = ResidentRelation.OWNER;
  couple.owners = [
    { ...ownersOf(couple)[0], share: 0.5 },
    { name: spouse.name, residentId: spouse._id, share: 0.5 },
  ];
}

/** Grid cells of up to eight buildings, each with its six roles (一格六员) filled. */
function planGridCells(
  batch: StreetBatch,
  community: Doc,
  buildings: Doc[],
  hasPropertyCompany: boolean,
  people: DemoPeople,
): void {
  for (let start = 0, index = 1; start < buildings.length; start += 8, index++) {
    batch.gridCells.push({
      _id: new Types.ObjectId(),
      name: `${String(community.name)}第${index}网格`,
      communityId: community._id,
      buildingIds: buildings.slice(start, start + 8).map((b) => b._id),
      roles: Object.values(GridRole).map((role) => ({
        role,
        holderName: role === GridRole.PROPERTY_COMPANY && !hasPropertyCompany ? '小区自管委员会' : people.name(),
      })),
    });
  }
}

interface Models {
  units: mongoose.Model<OrgUnit>;
  communities: mongoose.Model<Community>;
  compounds: mongoose.Model<Compound>;
  buildings: mongoose.Model<Building>;
  households: mongoose.Model<Household>;
  residents: mongoose.Model<Resident>;
  gridCells: mongoose.Model<GridCell>;
  partners: mongoose.Model<PartnerUnit>;
  roleBindings: mongoose.Model<RoleBinding>;
  alliances: mongoose.Model<Alliance>;
  profileTypes: mongoose.Model<CommunityProfileType>;
}

function models(connection: Connection): Models {
  return {
    units: connection.model(OrgUnit.name, OrgUnitSchema),
    communities: connection.model(Community.name, CommunitySchema),
    compounds: connection.model(Compound.name, CompoundSchema),
    buildings: connection.model(Building.name, BuildingSchema),
    households: connection.model(Household.name, HouseholdSchema),
    residents: connection.model(Resident.name, ResidentSchema),
    gridCells: connection.model(GridCell.name, GridCellSchema),
    partners: connection.model(PartnerUnit.name, PartnerUnitSchema),
    roleBindings: connection.model(RoleBinding.name, RoleBindingSchema),
    alliances: connection.model(Alliance.name, AllianceSchema),
    profileTypes: connection.model(CommunityProfileType.name, CommunityProfileTypeSchema),
  };
}

/**
 * Loads the demo places, partners and users idempotently: a street already present is left as it is, so running it
 * again (or after users changed the data) adds only what is missing. Each street goes in one transaction: all of it or none.
 * Demo data is the starting state, so it records no events.
 */
export async function loadDemoData(
  connection: Connection,
  cipher: PersonalDataCipher,
  log: (line: string) => void = console.log,
  clock: Clock = systemClock,
): Promise<void> {
  const m = models(connection);
  await Promise.all((Object.values(m) as mongoose.Model<unknown>[]).map((model) => model.init()));
  // A key ring that does not fit this database must not seal anything new in it.
  await verifyKeyRing(connection, cipher, clock);
  for (const [index, plan] of DEMO_STREETS.entries()) {
    if (await m.units.exists({ tier: 1, name: plan.top })) {
      log(`demo data: ${plan.top} already loaded`);
      continue;
    }
    const batch = planStreet(plan, new DemoPeople(index + 1));
    await withTransaction(connection, async (session) => {
      await m.units.insertMany(batch.units, { session });
      await m.communities.insertMany(batch.communities, { session });
      await m.compounds.insertMany(batch.compounds, { session });
      await m.buildings.insertMany(batch.buildings, { session });
      await m.households.insertMany(batch.households, { session });
      // Through the same sealing as moveResidentIn: no number reaches the database in clear.
      const residents = batch.residents.map(({ phone, ...resident }) => ({
        ...resident,
        ...sealResidentContact(cipher, resident._id, { phone: phone as string | undefined }),
      }));
      await m.residents.insertMany(residents, { session });
      await m.gridCells.insertMany(batch.gridCells, { session });
    });
    log(
      `demo data: ${plan.top} loaded — ${batch.units.length} org units, ${batch.communities.length} communities, ` +
        `${batch.buildings.length} buildings, ${batch.households.length} households, ${batch.residents.length} residents`,
    );
  }
  await loadProfileTypes(m, log);
  await loadPartners(m, log);
  await loadAlliances(m, log);
  await loadDemoThreeLists(connection, log, clock.now());
  await loadDemoUsers(m, log, clock.now());
  // Demo data loaded before numbers were sealed at rest (or under an older key) is sealed with the active key now.
  const { resealed } = await resealResidents(connection, cipher);
  if (resealed) log(`demo data: ${resealed} residents' numbers sealed with key "${cipher.activeKeyId}"`);
}

/** The eight community types for every city, and each demo community classified by its plan's type. */
async function loadProfileTypes(m: Models, log: (line: string) => void): Promise<void> {
  const types = new Map<CommunityProfile, Types.ObjectId>();
  for (const type of DEMO_PROFILE_TYPES) {
    const saved = await m.profileTypes
      .findOneAndUpdate(
        { code: type.code, city: null, street: null },
        { $setOnInsert: { ...type, city: null, street: null } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean();
    types.set(type.code, saved._id);
  }
  let classified = 0;
  for (const [code, typeId] of types) {
    const { modifiedCount } = await m.communities.updateMany(
      { profile: code, profileTypeId: null },
      {
        $set: {
          profileTypeId: typeId,
          profileTypeSet: { at: new Date('2023-03-01'), byName: '演示数据', byId: 'demo' },
        },
      },
    );
    classified += modifiedCount;
  }
  log(`demo data: ${types.size} community types, ${classified} communities classified`);
}

async function loadPartners(m: Models, log: (line: string) => void): Promise<void> {
  const communityIds = new Map((await m.communities.find({}, { name: 1 }).lean()).map((c) => [c.name, c._id]));
  const missing = [];
  for (const plan of DEMO_PARTNERS) {
    if (await m.partners.exists({ name: plan.name })) continue;
    missing.push({
      name: plan.name,
      kind: plan.kind,
      agreements: plan.communities
        .filter((name) => communityIds.has(name))
        .map((name) => ({
          communityId: communityIds.get(name),
          validFrom: new Date('2023-03-01'),
          validUntil: new Date('2026-12-31'),
          scope: plan.scope,
        })),
      resourcesOffered: plan.resources.map((title) => ({ title })),
      needsRaised: plan.needs.map((title) => ({ title })),
    });
  }
  if (missing.length) await m.partners.insertMany(missing);
  log(`demo data: ${missing.length} partner units added, ${DEMO_PARTNERS.length - missing.length} already there`);
}

/** The alliances of the reports, each led by the top unit of its street, with the communities found by name. */
async function loadAlliances(m: Models, log: (line: string) => void): Promise<void> {
  let added = 0;
  for (const plan of DEMO_ALLIANCES) {
    const leader = await m.units.findOne({ tier: 1, name: plan.leadingUnit }, { _id: 1 }).lean();
    const members = await m.communities.find({ name: { $in: plan.communities } }, { _id: 1 }).lean();
    if (!leader || members.length < 2) {
      log(`demo data: ${plan.name} skipped: its street or communities are not there`);
      continue;
    }
    const { upsertedCount } = await m.alliances.updateOne(
      { name: plan.name },
      { $setOnInsert: { leadingUnitId: leader._id, communityIds: members.map((c) => c._id), revision: 1 } },
      { upsert: true },
    );
    added += upsertedCount;
  }
  log(`demo data: ${added} community alliances added`);
}

if (require.main === module)
  runDemoLoader(
    'organization',
    ({ own }) => loadDemoData(own, new PersonalDataCipher(loadPersonalDataKeyRing(loadOrganizationConfig()))),
    [PersonalDataKeyError],
  );
