import type { Actor } from '@gongzhi/contracts';
import {
  byKeys,
  currentActor,
  isTrustedService,
  loadById,
  paginate,
  refusalFor,
  type RequestLoaders,
  Clock,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type Connection, type Model, type QueryFilter, Types } from 'mongoose';
import { TerritoryErrors } from '../territory/territory.errors';
import { AgeBand, type CommunityDocument, CommunityProfile, ResidentRelation } from '../territory/territory.schema';
import { TerritoryService } from '../territory/territory.service';
import { streetStaffCommunityIds } from './profiles.access';
import { ProfileErrors } from './profiles.errors';
import type {
  CommunityProfileTypesArgs,
  DefineCommunityProfileTypeInput,
  RecordCommunityIndicatorInput,
  SetCommunityProfileTypeInput,
} from './profiles.inputs';
import type { CommunityIndicators } from './profiles.types';
import { CommunityProfileType, RecordedIndicator } from './profile-type.schema';

const ELDERLY: AgeBand[] = [AgeBand.AGE_60_TO_79, AgeBand.AGE_80_PLUS];
const LEGACY_PROFILES = new Set<string>(Object.values(CommunityProfile));

/** "苏州市 太仓市" → ["苏州市", "苏州市 太仓市"]: the city names a type may be defined for and apply to it. */
export function cityPrefixes(city: string): string[] {
  const words = city.trim().split(/\s+/);
  return words.map((_, index) => words.slice(0, index + 1).join(' '));
}

/** Whether a type defined for `type.city` and `type.street` applies to a community of `city` and `street`. */
export function typeAppliesTo(
  type: Pick<CommunityProfileType, 'city' | 'street'>,
  community: { city: string; street: string },
): boolean {
  return (
    (type.city == null || cityPrefixes(community.city).includes(type.city)) &&
    (type.street == null || type.street === community.street)
  );
}

/** Community types (data a city or street defines), a community's type, and its indicators. */
@Injectable()
export class ProfilesService {
  constructor(
    @InjectModel(CommunityProfileType.name) readonly types: Model<CommunityProfileType>,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.types, id);
  }

  async define(input: DefineCommunityProfileTypeInput, actor: Actor = currentActor()) {
    const city = input.city?.trim().replace(/\s+/g, ' ') ?? null;
    const street = input.street?.trim() ?? null;
    if (city === null && street !== null) throw refusalFor(actor);
    if (!isTrustedService(actor)) {
      // Street staff define types only where they serve: a community of theirs lies in that city (and street).
      const theirs = await this.territory.communities
        .find({ _id: { $in: streetStaffCommunityIds(actor) } }, { city: 1, street: 1 })
        .lean();
      if (!theirs.some((community) => typeAppliesTo({ city, street }, community))) throw refusalFor(actor);
    }
    try {
      return await this.types.create({ ...input, city, street, description: input.description ?? null });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw ProfileErrors.typeExists(input.code, city, street);
      throw error;
    }
  }

  /** By code; with a place, only the types that apply to its community. */
  async list(loaders: RequestLoaders, { placeId, ...page }: CommunityProfileTypesArgs) {
    let filter: QueryFilter<CommunityProfileType> = {};
    if (placeId) {
      const { communityId } = await this.territory.place(loaders, placeId);
      const community = (await this.territory.load(loaders, this.territory.communities, communityId))!;
      filter = {
        $and: [
          { $or: [{ city: null }, { city: { $in: cityPrefixes(community.city) } }] },
          { $or: [{ street: null }, { street: community.street }] },
        ],
      };
    }
    return paginate(this.types, filter, page, { sortBy: 'code' });
  }

  async setType(input: SetCommunityProfileTypeInput, actor: Actor = currentActor()): Promise<CommunityDocument> {
    const community = await this.territory.communities.findById(input.communityId).exec();
    if (!community) throw TerritoryErrors.communityNotFound(input.communityId);
    const type = await this.types.findById(input.profileTypeId).exec();
    if (!type) throw ProfileErrors.typeNotFound(input.profileTypeId);
    if (!typeAppliesTo(type, community)) throw ProfileErrors.typeElsewhere(type.id, community.id);
    // The deprecated enum field follows the type while its code is one of the enum's values.
    const legacy = LEGACY_PROFILES.has(type.code) ? { $set: { profile: type.code } } : { $unset: { profile: 1 } };
    const updated = await this.territory.communities
      .findByIdAndUpdate(
        community._id,
        {
          ...legacy,
          $set: {
            ...legacy.$set,
            profileTypeId: type._id,
            profileTypeSet: { at: this.clock.now(), byName: nameOf(actor), byId: actor.id },
          },
        },
        { returnDocument: 'after' },
      )
      .exec();
    return updated!;
  }

  async recordIndicator(
    input: RecordCommunityIndicatorInput,
    actor: Actor = currentActor(),
  ): Promise<{ community: CommunityDocument; indicator: RecordedIndicator }> {
    const name = input.name.trim();
    const indicator: RecordedIndicator = {
      name,
      value: input.value,
      unit: input.unit.trim(),
      recordedAt: this.clock.now(),
      recordedBy: nameOf(actor),
      recordedById: actor.id,
    };
    const exists = await this.territory.communities.exists({ _id: input.communityId });
    if (!exists) throw TerritoryErrors.communityNotFound(input.communityId);
    // One value per name: the earlier one goes and the new one is appended, together or not at all (one update may
    // not both pull from and push to the same array).
    const community = await withTransaction(this.connection, async (session) => {
      await this.territory.communities
        .updateOne({ _id: input.communityId }, { $pull: { indicators: { name } } }, { session })
        .exec();
      return this.territory.communities
        .findByIdAndUpdate(
          input.communityId,
          { $push: { indicators: indicator } },
          { session, returnDocument: 'after' },
        )
        .exec();
    });
    return { community: community!, indicator };
  }

  /** What the register says of each community asked for in a request: two aggregates however many communities. */
  indicators(loaders: RequestLoaders, community: CommunityDocument): Promise<CommunityIndicators> {
    return loaders
      .get<string, Omit<CommunityIndicators, 'recorded'>>('profiles.indicators', (ids) => this.compute(ids))
      .load(String(community._id))
      .then((computed) => ({ ...computed, recorded: community.indicators ?? [] }));
  }

  private async compute(ids: readonly string[]) {
    const objectIds = ids.map((id) => new Types.ObjectId(id));
    const [residents, households] = await Promise.all([
      this.territory.residents.aggregate<{ _id: Types.ObjectId; total: number; elderly: number; renters: number }>([
        { $match: { communityId: { $in: objectIds }, movedOutAt: null } },
        {
          $group: {
            _id: '$communityId',
            total: { $sum: 1 },
            elderly: { $sum: { $cond: [{ $in: ['$ageBand', ELDERLY] }, 1, 0] } },
            renters: { $sum: { $cond: [{ $eq: ['$relation', ResidentRelation.TENANT] }, 1, 0] } },
          },
        },
      ]),
      this.territory.households.aggregate<{ _id: Types.ObjectId; count: number; floorArea: number }>([
        { $match: { communityId: { $in: objectIds } } },
        { $group: { _id: '$communityId', count: { $sum: 1 }, floorArea: { $sum: '$floorArea' } } },
      ]),
    ]);
    const people = byKeys(ids, residents, (row) => String(row._id));
    const units = byKeys(ids, households, (row) => String(row._id));
    return ids.map((_, index) => {
      const total = people[index]?.total ?? 0;
      return {
        households: units[index]?.count ?? 0,
        residents: total,
        elderlyShare: total ? people[index]!.elderly / total : null,
        renterShare: total ? people[index]!.renters / total : null,
        floorArea: Math.round((units[index]?.floorArea ?? 0) * 100) / 100,
      };
    });
  }
}

function nameOf(actor: Actor): string | null {
  return actor.name ?? (actor.kind === 'service' ? actor.id : null);
}
