import { lampRegistered } from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  childConnection,
  loadById,
  OutboxPublisher,
  paginate,
  refuseDuplicates,
  type RequestLoaders,
  withTransaction,
  Clock,
} from '@gongzhi/platform';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Connection, Model, QueryFilter } from 'mongoose';
import type { PlaceIds } from '../organization-copy/place';
import { TerritoryService } from '../organization-copy/territory.service';
import { Lamp, type LampDocument } from './lamp.schema';
import { LightingErrors } from './lighting.errors';
import type { LampsArgs, RegisterLampInput } from './lighting.inputs';

const BY_ASSET_NUMBER = { sortBy: 'assetNumber' } as const;

/**
 * The lamps of the territory: registered by the community office, listed by anyone. Each registration is announced
 * (facilities.lamp.registered) in its transaction; lamps registered before that event existed, or loaded as demo
 * data, are announced once at start, each in the transaction that marks it announced.
 */
@Injectable()
export class LampsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(LampsService.name);

  constructor(
    @InjectModel(Lamp.name) readonly lamps: Model<Lamp>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
  ) {}

  register({ placeId: _placeId, ...input }: RegisterLampInput, place: PlaceIds) {
    const { communityId, compoundId, buildingId } = place;
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const [lamp] = await this.lamps.create(
            [{ ...input, communityId, compoundId, buildingId, announcedAt: this.clock.now() }],
            { session },
          );
          await this.announce(lamp, session);
          return lamp;
        }),
      () => LightingErrors.assetNumberTaken(input.assetNumber),
    );
  }

  /** Announces every lamp not yet announced; a replica starting at the same time announces none twice. */
  async onApplicationBootstrap(): Promise<void> {
    let announced = 0;
    for await (const lamp of this.lamps.find({ announcedAt: null }).cursor()) {
      const marked = await withTransaction(this.connection, async (session) => {
        const { modifiedCount } = await this.lamps.updateOne(
          { _id: lamp._id, announcedAt: null },
          { $set: { announcedAt: this.clock.now() } },
          { session },
        );
        if (modifiedCount === 1) await this.announce(lamp, session);
        return modifiedCount;
      });
      announced += marked;
    }
    if (announced > 0) this.logger.log(`announced ${announced} lamps registered before facilities.lamp.registered`);
  }

  private announce(lamp: LampDocument, session: ClientSession) {
    const idOrNull = (id: unknown) => (id == null ? null : String(id));
    return this.outbox.record(
      lampRegistered,
      {
        lampId: lamp.id,
        assetNumber: lamp.assetNumber,
        communityId: String(lamp.communityId),
        compoundId: idOrNull(lamp.compoundId),
        buildingId: idOrNull(lamp.buildingId),
      },
      { session },
    );
  }

  async list(loaders: RequestLoaders, { placeId, status, assetNumber, ...page }: LampsArgs) {
    const filter: QueryFilter<Lamp> = placeId ? await this.territory.within(loaders, placeId) : {};
    if (status) filter.status = status;
    if (assetNumber !== undefined) filter.assetNumber = assetNumber.trim();
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
