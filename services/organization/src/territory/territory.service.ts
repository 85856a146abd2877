import {
  type Place,
  buildingRegistered,
  communityRegistered,
  compoundRegistered,
  householdOwnershipChanged,
  householdRegistered,
  jurisdictionCovers,
  residentMovedIn,
  residentMovedOut,
} from '@gongzhi/contracts';
import {
  Clock,
  ConnectionArgs,
  OutboxPublisher,
  RequestLoaders,
  childConnection,
  loadById,
  loadManyById,
  paginate,
  refuseDuplicates,
  requirePermission,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { ClientSession, Connection, Model, QueryFilter, Types } from 'mongoose';
import { escapeRegex } from '../org-units/org-units.service';
import { PersonalDataCipher } from '../personal-data/personal-data-cipher';
import { residentsWith, sealResidentContact } from '../personal-data/resident-contact';
import { isAdult, placeOf, placeOfBuilding, placeOfCompound, type ResidentListReach } from './territory.access';
import { ageBandOnMoveIn } from './age-bands';
import { TerritoryErrors } from './territory.errors';
import {
  ChangeHouseholdOwnersInput,
  CreateBuildingInput,
  CreateCommunityInput,
  CreateCompoundInput,
  MoveResidentInInput,
  HouseholdOwnerInput,
  RegisterHouseholdInput,
  ResidentsArgs,
  CommunitiesArgs,
} from './territory.inputs';
import { ownersLinkableToResidents } from './household-owners';
import {
  Building,
  Community,
  Compound,
  Household,
  HouseholdOwner,
  Resident,
  ResidentRelation,
} from './territory.schema';

/** Which level a placeId names. */
type PlaceKind = 'community' | 'compound' | 'building';

/** Registers the territory and the people in it; moves in and out are events other subgraphs act on. */
@Injectable()
export class TerritoryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TerritoryService.name);

  constructor(
    @InjectModel(Community.name) readonly communities: Model<Community>,
    @InjectModel(Compound.name) readonly compounds: Model<Compound>,
    @InjectModel(Building.name) readonly buildings: Model<Building>,
    @InjectModel(Household.name) readonly households: Model<Household>,
    @InjectModel(Resident.name) readonly residents: Model<Resident>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
  ) {}

  createCommunity(input: CreateCommunityInput) {
    return this.refuseDuplicate('Community', input.name, () =>
      withTransaction(this.connection, async (session) => {
        const [community] = await this.communities.create([input], { session });
        await this.outbox.record(
          communityRegistered,
          { communityId: community.id, name: community.name, street: community.street },
          { session },
        );
        return community;
      }),
    );
  }

  async createCompound(input: CreateCompoundInput) {
    const community = await this.communities.findById(input.communityId).exec();
    if (!community) throw TerritoryErrors.communityNotFound(input.communityId);
    return this.refuseDuplicate('Compound', input.name, () =>
      withTransaction(this.connection, async (session) => {
        const [compound] = await this.compounds.create([{ ...input, communityId: community._id }], { session });
        await this.outbox.record(
          compoundRegistered,
          {
            compoundId: compound.id,
            communityId: community.id,
            name: compound.name,
            hasPropertyCompany: compound.hasPropertyCompany,
          },
          { session },
        );
        return compound;
      }),
    );
  }

  async createBuilding(input: CreateBuildingInput) {
    const compound = await this.compounds.findById(input.compoundId).exec();
    if (!compound) throw TerritoryErrors.compoundNotFound(input.compoundId);
    return this.refuseDuplicate('Building', input.name, () =>
      withTransaction(this.connection, async (session) => {
        const [building] = await this.buildings.create(
          [{ ...input, compoundId: compound._id, communityId: compound.communityId }],
          { session },
        );
        await this.outbox.record(
          buildingRegistered,
          {
            buildingId: building.id,
            compoundId: compound.id,
            communityId: String(compound.communityId),
            name: building.name,
          },
          { session },
        );
        return building;
      }),
    );
  }

  async registerHousehold(input: RegisterHouseholdInput) {
    const owners = await this.registeredOwners(input.owners);
    const building = await this.buildings.findById(input.buildingId).exec();
    if (!building) throw TerritoryErrors.buildingNotFound(input.buildingId);
    return this.refuseDuplicate('Household', input.unitNumber, () =>
      withTransaction(this.connection, async (session) => {
        const [household] = await this.households.create(
          [
            {
              ...input,
              owners,
              buildingId: building._id,
              compoundId: building.compoundId,
              communityId: building.communityId,
            },
          ],
          { session },
        );
        await this.outbox.record(
          householdRegistered,
          {
            householdId: household.id,
            buildingId: String(building._id),
            compoundId: String(building.compoundId),
            communityId: String(building.communityId),
            roomNumber: household.unitNumber,
            floorArea: household.floorArea,
            owners: ownersOnEvent(household.owners),
          },
          { session },
        );
        return household;
      }),
    );
  }

  /**
   * Replaces a unit's owners with the register's new list (a sale, an inheritance, a co-owner added) and announces it:
   * owners' rolls follow until a vote opens.
   */
  async changeOwners(input: ChangeHouseholdOwnersInput) {
    const owners = await this.registeredOwners(input.owners);
    const household = Types.ObjectId.isValid(input.householdId)
      ? await this.households.findById(input.householdId).exec()
      : null;
    if (!household) throw TerritoryErrors.householdNotFound(input.householdId);
    return withTransaction(this.connection, async (session) => {
      const changed = (await this.households
        .findByIdAndUpdate(household._id, { $set: { owners } }, { session, returnDocument: 'after' })
        .exec())!;
      await this.announceOwners(changed, 'CHANGED', session);
      return changed;
    });
  }

  /**
   * The owners as the register will keep them: a resident given by id is looked up (RESIDENT.NOT_FOUND otherwise) and
   * lends their name when none is given; shares add up to 1; a resident owns one share of a unit, not two.
   */
  private async registeredOwners(owners: readonly HouseholdOwnerInput[]): Promise<HouseholdOwner[]> {
    const totalShare = owners.reduce((sum, owner) => sum + owner.share, 0);
    if (owners.length > 0 && Math.abs(totalShare - 1) > 1e-6)
      throw TerritoryErrors.ownerSharesMustAddUpToOne(totalShare);
    const ids = owners.flatMap((owner) => (owner.residentId ? [owner.residentId] : []));
    const twice = ids.find((id, index) => ids.indexOf(id) !== index);
    if (twice) throw TerritoryErrors.ownerListedTwice(twice);
    const found = new Map(
      (await this.residents.find({ _id: { $in: ids } }, { name: 1 }).lean()).map((r) => [String(r._id), r]),
    );
    return owners.map((owner, index) => {
      const resident = owner.residentId ? found.get(owner.residentId) : undefined;
      if (owner.residentId && !resident) throw TerritoryErrors.residentNotFound(owner.residentId);
      const name = owner.name ?? resident?.name;
      if (!name) throw TerritoryErrors.ownerWithoutName(index);
      return { name, share: owner.share, ...(resident && { residentId: resident._id }) };
    });
  }

  private async announceOwners(
    household: InstanceType<Model<Household>> | (Household & { _id: Types.ObjectId }),
    cause: 'CHANGED' | 'OWNER_MOVED_IN' | 'LINKED',
    session: ClientSession,
  ) {
    await this.outbox.record(
      householdOwnershipChanged,
      {
        householdId: String(household._id),
        buildingId: String(household.buildingId),
        compoundId: String(household.compoundId),
        communityId: String(household.communityId),
        owners: ownersOnEvent(household.owners),
        cause,
      },
      { session },
    );
  }

  /**
   * The back-fill of owners recorded by name only before owners were linked to residents: a name-only owner of a unit
   * is linked to the resident who lives there as OWNER under the same name, and the change announced. Idempotent (a
   * linked owner is never looked at again) and it never drops an owner: the names and shares stay as they were.
   */
  async onApplicationBootstrap(): Promise<void> {
    // A back-fill never keeps the subgraph from serving: what it could not link now, it links at the next start.
    try {
      const linked = await this.linkOwnersKnownByName();
      if (linked > 0) this.logger.log(`Linked name-only owners of ${linked} households to their resident records`);
    } catch (error) {
      this.logger.error(`Linking owners known by name only failed; retried at the next start: ${String(error)}`);
    }
  }

  /**
   * Links the unit's name-only owners to these residents by name, reading the owners inside the transaction (a change
   * made meanwhile is what gets linked), and announces the change; false when nothing was linked.
   */
  private async linkOwners(
    householdId: Types.ObjectId,
    residents: readonly { _id: Types.ObjectId; name: string }[],
    cause: 'OWNER_MOVED_IN' | 'LINKED',
    session: ClientSession,
  ): Promise<boolean> {
    const household = await this.households.findById(householdId).session(session).exec();
    const owners = household && ownersLinkableToResidents(household.owners, residents);
    if (!owners) return false;
    household.owners = owners;
    await household.save({ session });
    await this.announceOwners(household, cause, session);
    return true;
  }

  async linkOwnersKnownByName(): Promise<number> {
    const candidates = await this.households
      .aggregate<Household & { _id: Types.ObjectId; ownerResidents: { _id: Types.ObjectId; name: string }[] }>([
        { $match: { owners: { $elemMatch: { residentId: null } } } },
        {
          $lookup: {
            from: this.residents.collection.name,
            let: { household: '$_id' },
            pipeline: [
              {
                $match: {
                  $expr: { $eq: ['$householdId', '$$household'] },
                  relation: ResidentRelation.OWNER,
                  movedOutAt: null,
                },
              },
              { $project: { name: 1 } },
            ],
            as: 'ownerResidents',
          },
        },
        { $match: { 'ownerResidents.0': { $exists: true } } },
      ])
      .exec();
    let linked = 0;
    for (const candidate of candidates) {
      if (!ownersLinkableToResidents(candidate.owners, candidate.ownerResidents)) continue;
      const changed = await withTransaction(this.connection, (session) =>
        this.linkOwners(candidate._id, candidate.ownerResidents, 'LINKED', session),
      );
      if (changed) linked += 1;
    }
    return linked;
  }

  async moveIn({ phone, idNumber, birthDate, ...input }: MoveResidentInInput) {
    const household = await this.households.findById(input.householdId).exec();
    if (!household) throw TerritoryErrors.householdNotFound(input.householdId);
    const age = ageBandOnMoveIn(input.ageBand, birthDate, this.clock.now());
    // The numbers are sealed for this record before anything is written: they never reach the database in clear.
    const _id = new Types.ObjectId();
    const sealed = sealResidentContact(this.cipher, _id, { phone, idNumber });
    return withTransaction(this.connection, async (session) => {
      const [resident] = await this.residents.create(
        [
          {
            _id,
            ...input,
            ...sealed,
            ageBand: age.ageBand,
            ageBandChangesAt: age.changesAt,
            householdId: household._id,
            buildingId: household.buildingId,
            compoundId: household.compoundId,
            communityId: household.communityId,
            movedInAt: this.clock.now(),
          },
        ],
        { session },
      );
      await this.outbox.record(
        residentMovedIn,
        {
          ...this.residence(resident),
          relation: resident.relation,
          adult: isAdult(resident),
          ageBand: resident.ageBand,
        },
        { session },
      );
      // An owner moving in is the register's owner of that name, when one is not yet linked to a resident.
      if (resident.relation === ResidentRelation.OWNER)
        await this.linkOwners(household._id, [resident], 'OWNER_MOVED_IN', session);
      return resident;
    });
  }

  async moveOut(residentId: string) {
    const resident = Types.ObjectId.isValid(residentId) ? await this.residents.findById(residentId).exec() : null;
    if (!resident) throw TerritoryErrors.residentNotFound(residentId);
    if (resident.movedOutAt) throw TerritoryErrors.alreadyMovedOut(residentId);
    return withTransaction(this.connection, async (session) => {
      // The filter re-checks movedOutAt so two concurrent move-outs emit one event, not two.
      const movedOut = await this.residents
        .findOneAndUpdate(
          { _id: resident._id, movedOutAt: null },
          { $set: { movedOutAt: this.clock.now() } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!movedOut) throw TerritoryErrors.alreadyMovedOut(residentId);
      await this.outbox.record(residentMovedOut, this.residence(movedOut), { session });
      return movedOut;
    });
  }

  listCommunities({ profileTypeId, ...page }: CommunitiesArgs) {
    return paginate(this.communities, profileTypeId ? { profileTypeId } : {}, page, { sortBy: 'name' });
  }

  /** Residents living there now, by name, inside the caller's reach. */
  async listResidents(
    loaders: RequestLoaders,
    { placeId, search, phone, idNumber, ...page }: ResidentsArgs,
    reach: ResidentListReach,
  ) {
    const place = placeId ? await this.place(loaders, placeId) : null;
    if (place) await this.requireReachInto(loaders, reach, place);
    const filter: QueryFilter<Resident> = { movedOutAt: null, ...reach.filter };
    if (place) filter[`${place.kind}Id`] = new Types.ObjectId(placeId);
    if (search) filter.name = { $regex: escapeRegex(search), $options: 'i' };
    // By number: the blind index, under every key of the ring.
    const byNumber = [
      phone && residentsWith(this.cipher, 'phone', phone),
      idNumber && residentsWith(this.cipher, 'idNumber', idNumber),
    ].filter(Boolean);
    if (byNumber.length) filter.$and = [...(filter.$and ?? []), ...(byNumber as QueryFilter<Resident>[])];
    return paginate(this.residents, filter, page, { sortBy: 'name' });
  }

  /**
   * The community (社区), compound (小区) or building (楼栋) a `placeId` names, with the places above it: the `placeId`
   * argument of organization's lists, answering PLACE.NOT_FOUND as the other subgraphs do for an id that is none of them.
   */
  async place(loaders: RequestLoaders, placeId: string): Promise<Place & { kind: PlaceKind }> {
    // One lookup for a community, the commonest place asked about; more only for a compound or a building.
    const community = await this.load(loaders, this.communities, placeId);
    if (community) return { kind: 'community', communityId: community.id };
    const compound = await this.load(loaders, this.compounds, placeId);
    if (compound) return { kind: 'compound', ...placeOfCompound(compound) };
    const building = await this.load(loaders, this.buildings, placeId);
    if (building) return { kind: 'building', ...placeOfBuilding(building) };
    throw TerritoryErrors.placeNotFound(placeId);
  }

  /**
   * Naming a place the caller cannot see into is FORBIDDEN rather than an empty list. A place is in reach when a
   * jurisdiction covers it, when it holds a compound or building a jurisdiction lists (a building group leader's 3幢
   * lies in 淞源社区), or when it holds the caller's own household.
   */
  private async requireReachInto(
    loaders: RequestLoaders,
    reach: ResidentListReach,
    place: Place & { kind: PlaceKind },
  ) {
    const { jurisdictions } = reach;
    if (!jurisdictions || jurisdictions.some((j) => jurisdictionCovers(j, place))) return;
    const placeId = place[`${place.kind}Id`];
    const placesListed = await Promise.all([
      loadManyById(
        loaders,
        this.compounds,
        jurisdictions.flatMap((j) => j.compoundIds),
      ).then((compounds) => compounds.map(placeOfCompound)),
      loadManyById(
        loaders,
        this.buildings,
        jurisdictions.flatMap((j) => j.buildingIds),
      ).then((buildings) => buildings.map(placeOfBuilding)),
      this.load(loaders, this.households, reach.householdId).then((found) => (found ? [placeOf(found)] : [])),
    ]);
    requirePermission(placesListed.flat().some((listed) => listed[`${place.kind}Id`] === placeId));
  }

  compoundsOf(loaders: RequestLoaders, communityId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.compounds, 'communityId', communityId, args, { sortBy: 'name' });
  }

  buildingsOf(loaders: RequestLoaders, compoundId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.buildings, 'compoundId', compoundId, args, { sortBy: 'name' });
  }

  householdsOf(loaders: RequestLoaders, buildingId: string, args: ConnectionArgs, filter: QueryFilter<Household>) {
    return childConnection(loaders, this.households, 'buildingId', buildingId, args, { sortBy: 'unitNumber', filter });
  }

  residentsOf(loaders: RequestLoaders, householdId: string, args: ConnectionArgs, filter: QueryFilter<Resident>) {
    return childConnection(loaders, this.residents, 'householdId', householdId, args, {
      sortBy: 'name',
      filter: { movedOutAt: null, ...filter },
    });
  }

  load<T>(loaders: RequestLoaders, model: Model<T>, id: unknown) {
    return loadById(loaders, model, id);
  }

  private residence(resident: InstanceType<Model<Resident>>) {
    return {
      residentId: String(resident._id),
      householdId: String(resident.householdId),
      buildingId: String(resident.buildingId),
      compoundId: String(resident.compoundId),
      communityId: String(resident.communityId),
    };
  }

  private refuseDuplicate<T>(what: string, name: string, write: () => Promise<T>): Promise<T> {
    return refuseDuplicates(write, () => TerritoryErrors.alreadyExists(what, name));
  }
}

function ownersOnEvent(owners: readonly HouseholdOwner[]) {
  return owners.map((owner) => ({
    residentId: owner.residentId ? String(owner.residentId) : null,
    share: owner.share,
  }));
}
