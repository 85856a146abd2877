import {
  type ConnectionArgs,
  childConnection,
  loadById,
  paginate,
  refuseDuplicates,
  type RequestLoaders,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import type { PlaceIds } from '../organization-copy/place';
import { TerritoryService } from '../organization-copy/territory.service';
import { Lamp } from './lamp.schema';
import { LightingErrors } from './lighting.errors';
import type { LampsArgs, RegisterLampInput } from './lighting.inputs';

const BY_ASSET_NUMBER = { sortBy: 'assetNumber' } as const;

/** The lamps of the territory: registered by the community office, listed by anyone. */
@Injectable()
export class LampsService {
  constructor(
    @InjectModel(Lamp.name) readonly lamps: Model<Lamp>,
    private readonly territory: TerritoryService,
  ) {}

  register({ placeId: _placeId, ...input }: RegisterLampInput, place: PlaceIds) {
    const { communityId, compoundId, buildingId } = place;
    return refuseDuplicates(
      () => this.lamps.create({ ...input, communityId, compoundId, buildingId }),
      () => LightingErrors.assetNumberTaken(input.assetNumber),
    );
  }

  async list(loaders: RequestLoaders, { placeId, status, ...page }: LampsArgs) {
    const filter: QueryFilter<Lamp> = placeId ? await this.territory.within(loaders, placeId) : {};
    if (status) filter.status = status;
    return paginate(this.lamps, filter, page, BY_ASSET_NUMBER);
  }

  /** The lamps of each community, compound or building of a page, in one query for all of them. */
  of(
    loaders: RequestLoaders,
    level: 'communityId' | 'compoundId' | 'buildingId',
    placeId: string,
    args: ConnectionArgs,
  ) {
    return childConnection(loaders, this.lamps, level, placeId, args, BY_ASSET_NUMBER);
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.lamps, id);
  }
}
