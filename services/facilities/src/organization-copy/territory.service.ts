import { buildingRegistered, communityRegistered, compoundRegistered, householdRegistered } from '@gongzhi/contracts';
import { EventConsumers, type EventOfAny, loadById, type RequestLoaders } from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, Types } from 'mongoose';
import { KnownPlace, PlaceKind } from './known-place.schema';
import { type HouseholdPlaceIds, objectIdOrNull, type PlaceIds } from './place';
import { TerritoryErrors } from './territory.errors';

type Registration = {
  id: string;
  kind: PlaceKind;
  name: string;
  communityId: string;
  compoundId?: string;
  buildingId?: string;
  floorArea?: number;
};

/**
 * What facilities knows of organization's territory: each community, compound, building and household as organization
 * registered it (its events), so a lamp placed "in 3幢" knows its compound and community, and a resident's household
 * knows where it is. Runtime code never reads organization's database.
 */
@Injectable()
export class TerritoryService implements OnModuleInit {
  constructor(
    @InjectModel(KnownPlace.name) private readonly places: Model<KnownPlace>,
    private readonly consumers: EventConsumers,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.places.init();
    this.consumers.register({
      name: 'organization-territory',
      events: TERRITORY_EVENTS,
      handle: (event, session) => this.remember(registrationOf(event), session),
    });
  }

  /** The place `id` names, if it is one of `kinds`; PLACE.NOT_FOUND otherwise. */
  async resolve(
    loaders: RequestLoaders,
    id: string,
    kinds: readonly PlaceKind[],
  ): Promise<PlaceIds & { kind: PlaceKind; name: string }> {
    const place = objectIdOrNull(id) && (await loadById(loaders, this.places, id));
    if (!place || !kinds.includes(place.kind)) throw TerritoryErrors.placeNotFound(id, kinds);
    return {
      kind: place.kind,
      name: place.name,
      communityId: place.communityId,
      compoundId: place.kind === PlaceKind.COMPOUND ? place._id : place.compoundId,
      buildingId: place.kind === PlaceKind.BUILDING ? place._id : place.buildingId,
    };
  }

  /** The filter for "in this community, compound or building" over entities that store the ids of their places. */
  async within(loaders: RequestLoaders, placeId: string): Promise<Record<string, Types.ObjectId>> {
    const place = await this.resolve(loaders, placeId, [PlaceKind.COMMUNITY, PlaceKind.COMPOUND, PlaceKind.BUILDING]);
    if (place.kind === PlaceKind.BUILDING) return { buildingId: place.buildingId! };
    if (place.kind === PlaceKind.COMPOUND) return { compoundId: place.compoundId! };
    return { communityId: place.communityId };
  }

  /** Where a household is: its building, compound and community. */
  async household(loaders: RequestLoaders, householdId: string): Promise<HouseholdPlaceIds> {
    const place = await this.resolve(loaders, householdId, [PlaceKind.HOUSEHOLD]);
    return {
      ...place,
      compoundId: place.compoundId!,
      buildingId: place.buildingId!,
      householdId: objectIdOrNull(householdId)!,
    };
  }

  /**
   * A household as the register has it: where it is and its exclusive floor area (null where the register gave none).
   * What a cost split by floor area weighs, never an area the caller names.
   */
  async registeredHousehold(
    loaders: RequestLoaders,
    householdId: string,
  ): Promise<HouseholdPlaceIds & { floorArea: number | null }> {
    const place = await this.household(loaders, householdId);
    const known = await loadById(loaders, this.places, householdId);
    return { ...place, floorArea: known?.floorArea ?? null };
  }

  /** The ids of every household of a compound the register knows, oldest registration first (at most `limit`). */
  async householdIdsOf(compoundId: Types.ObjectId, limit: number): Promise<string[]> {
    const rows = await this.places
      .find({ kind: PlaceKind.HOUSEHOLD, compoundId }, { _id: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean()
      .exec();
    return rows.map((row) => String(row._id));
  }

  /** Organization registers each place once; a redelivered or replayed registration changes nothing. */
  private async remember(
    { id, kind, name, communityId, compoundId, buildingId, floorArea }: Registration,
    session: ClientSession,
  ): Promise<void> {
    await this.places.updateOne(
      { _id: id },
      {
        $setOnInsert: {
          kind,
          name,
          communityId,
          compoundId: compoundId ?? null,
          buildingId: buildingId ?? null,
          floorArea: floorArea ?? null,
        },
      },
      { upsert: true, session },
    );
  }
}

const TERRITORY_EVENTS = [communityRegistered, compoundRegistered, buildingRegistered, householdRegistered] as const;

function registrationOf(event: EventOfAny<(typeof TERRITORY_EVENTS)[number]>): Registration {
  switch (event.type) {
    case 'org.community.registered':
      return {
        id: event.payload.communityId,
        kind: PlaceKind.COMMUNITY,
        name: event.payload.name,
        communityId: event.payload.communityId,
      };
    case 'org.compound.registered':
      return {
        id: event.payload.compoundId,
        kind: PlaceKind.COMPOUND,
        name: event.payload.name,
        communityId: event.payload.communityId,
      };
    case 'org.building.registered':
      return { ...event.payload, id: event.payload.buildingId, kind: PlaceKind.BUILDING };
    case 'org.household.registered':
      return {
        ...event.payload,
        id: event.payload.householdId,
        kind: PlaceKind.HOUSEHOLD,
        name: event.payload.roomNumber,
      };
  }
}
