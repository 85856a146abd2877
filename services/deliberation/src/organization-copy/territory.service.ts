import {
  buildingRegistered,
  communityRegistered,
  compoundRegistered,
  householdOwnershipChanged,
  householdRegistered,
  partnerAgreementSigned,
  type Place,
  residentAgeBandChanged,
  residentMovedIn,
  residentMovedOut,
} from '@gongzhi/contracts';
import { currentActor, EventConsumers, loadById, NotFoundError, type RequestLoaders } from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model } from 'mongoose';
import { inside, placeOf, residentIdOf, type Situated } from './territory';
import {
  KnownAgreement,
  PlaceKind,
  type RegisteredOwner,
  TerritoryHousehold,
  TerritoryPlace,
  TerritoryResident,
} from './territory.schema';

const ORGANIZATION_EVENTS = [
  communityRegistered,
  compoundRegistered,
  buildingRegistered,
  householdRegistered,
  householdOwnershipChanged,
  residentMovedIn,
  residentMovedOut,
  residentAgeBandChanged,
  partnerAgreementSigned,
];

/**
 * Keeps deliberation's copy of the territory from organization's events, exactly once each, in any order (an upsert
 * never depends on an earlier event having arrived), and answers where places and people are.
 */
@Injectable()
export class TerritoryService implements OnModuleInit {
  constructor(
    @InjectModel(TerritoryPlace.name) readonly places: Model<TerritoryPlace>,
    @InjectModel(TerritoryHousehold.name) readonly households: Model<TerritoryHousehold>,
    @InjectModel(TerritoryResident.name) readonly residents: Model<TerritoryResident>,
    @InjectModel(KnownAgreement.name) readonly agreements: Model<KnownAgreement>,
    private readonly consumers: EventConsumers,
  ) {}

  /** Whether the partner has a co-building agreement with the community in force on `day` (YYYY-MM-DD). */
  async agreementInForce(partnerUnitId: string, communityId: string, day: string): Promise<boolean> {
    return Boolean(
      await this.agreements.exists({
        partnerUnitId,
        communityId,
        validFrom: { $lte: day },
        validUntil: { $gte: day },
      }),
    );
  }

  onModuleInit(): void {
    this.consumers.register({
      name: 'territory',
      events: ORGANIZATION_EVENTS,
      handle: async (event, session) => {
        const upsert = { upsert: true, session };
        switch (event.type) {
          case 'org.community.registered':
            return this.putPlace(
              event.payload.communityId,
              PlaceKind.COMMUNITY,
              event.payload.name,
              { communityId: event.payload.communityId },
              session,
            );
          case 'org.compound.registered': {
            const { compoundId, communityId, name, hasPropertyCompany } = event.payload;
            return this.putPlace(
              compoundId,
              PlaceKind.COMPOUND,
              name,
              { communityId, compoundId, hasPropertyCompany },
              session,
            );
          }
          case 'org.building.registered': {
            const { buildingId, compoundId, communityId, name } = event.payload;
            return this.putPlace(
              buildingId,
              PlaceKind.BUILDING,
              name,
              { communityId, compoundId, buildingId },
              session,
            );
          }
          case 'org.partner-agreement.signed': {
            // Who may be seated on a council: a partner with an agreement in force in its community.
            const { agreementId, partnerUnitId, communityId, validFrom, validUntil } = event.payload;
            await this.agreements.updateOne(
              { _id: agreementId },
              { $set: { partnerUnitId, communityId, validFrom, validUntil } },
              upsert,
            );
            return;
          }
          case 'org.household.registered': {
            const { householdId, communityId, compoundId, buildingId, floorArea, owners } = event.payload;
            await this.households.updateOne(
              { _id: householdId },
              { $set: { communityId, compoundId, buildingId, floorArea: floorArea ?? null } },
              upsert,
            );
            if (owners) await this.putOwners(householdId, owners, new Date(event.occurredAt), false, session);
            return;
          }
          case 'org.household.ownership-changed': {
            const { householdId, communityId, compoundId, buildingId, owners } = event.payload;
            await this.households.updateOne(
              { _id: householdId },
              { $setOnInsert: { communityId, compoundId, buildingId } },
              upsert,
            );
            await this.putOwners(householdId, owners, new Date(event.occurredAt), true, session);
            return;
          }
          case 'org.resident.moved-in': {
            const { residentId, householdId, communityId, compoundId, buildingId, relation, adult } = event.payload;
            await this.residents.updateOne(
              { _id: residentId },
              {
                $set: {
                  householdId,
                  communityId,
                  compoundId,
                  buildingId,
                  relation: relation ?? null,
                  adult: adult ?? null,
                  movedOutAt: null,
                },
              },
              upsert,
            );
            if (relation === 'OWNER') {
              await this.households.updateOne(
                { _id: householdId },
                { $addToSet: { ownerResidentIds: residentId }, $setOnInsert: { communityId, compoundId, buildingId } },
                upsert,
              );
            }
            return;
          }
          case 'org.resident.age-band-changed':
            // A resident turning 18 is an adult for every residents' roll drawn from now on; rolls of votes already
            // open were drawn at opening and stay as they are (voter-roll.ts).
            await this.residents.updateOne(
              { _id: event.payload.residentId },
              { $set: { adult: event.payload.adult } },
              { session },
            );
            return;
          case 'org.resident.moved-out':
            await this.residents.updateOne(
              { _id: event.payload.residentId },
              { $set: { movedOutAt: new Date(event.occurredAt) } },
              { session },
            );
            return;
        }
      },
    });
  }

  /**
   * A unit's owners as the register had them at `asOf`, unless a later list already arrived (events may come out of
   * order). A change names the owners the register has linked to residents, so the residents who merely moved in as
   * OWNER stop standing in for name-only owners (a buyer's name must not be filled with the seller).
   */
  private async putOwners(
    householdId: string,
    owners: RegisteredOwner[],
    asOf: Date,
    replacesStandIns: boolean,
    session: ClientSession,
  ): Promise<void> {
    await this.households.updateOne(
      { _id: householdId, $or: [{ ownersAsOf: null }, { ownersAsOf: { $lte: asOf } }] },
      { $set: { owners, ownersAsOf: asOf, ...(replacesStandIns && { ownerResidentIds: [] }) } },
      { session },
    );
  }

  private async putPlace(
    id: string,
    kind: PlaceKind,
    name: string,
    where: Partial<TerritoryPlace>,
    session: ClientSession,
  ): Promise<void> {
    await this.places.updateOne(
      { _id: id },
      { $set: { kind, name, compoundId: null, buildingId: null, ...where } },
      { upsert: true, session },
    );
  }

  /** The community, compound or building of that id, with the ids above it; PLACE.NOT_FOUND when organization never announced it. */
  async requirePlace(loaders: RequestLoaders, id: string): Promise<TerritoryPlace> {
    const place = await loadById(loaders, this.places, id);
    if (!place) throw new NotFoundError('Place', id);
    return place;
  }

  async compound(loaders: RequestLoaders, id: string | null): Promise<TerritoryPlace | null> {
    return id ? loadById(loaders, this.places, id) : null;
  }

  /** The places of these ids that organization announced, as full places (unknown ids are left out). */
  async placesOf(loaders: RequestLoaders, ids: readonly string[]): Promise<Place[]> {
    const places = await Promise.all(ids.map((id) => loadById(loaders, this.places, id)));
    return places.filter((place) => place !== null).map(placeOf);
  }

  /** Where the calling person lives now, when they are a registered resident; null otherwise. */
  async residenceOf(loaders: RequestLoaders, actor = currentActor()): Promise<Place | null> {
    const residentId = residentIdOf(actor);
    const resident = residentId ? await loadById(loaders, this.residents, residentId) : null;
    return resident && !resident.movedOutAt ? placeOf(resident) : null;
  }

  /** The units inside a place, for an owners' roll. */
  householdsIn(place: Situated, session?: ClientSession) {
    return this.households
      .find(inside(place))
      .session(session ?? null)
      .lean<TerritoryHousehold[]>();
  }

  /** Adults living inside a place now, for a residents' roll (an unknown age counts as adult). */
  adultResidentsIn(place: Situated, session?: ClientSession) {
    return this.residents
      .find({ ...inside(place), movedOutAt: null, adult: { $ne: false } })
      .session(session ?? null)
      .lean<TerritoryResident[]>();
  }
}
