import { careItemProvidersChanged, careItemPublished } from '@gongzhi/contracts';
import {
  ConnectionArgs,
  OutboxPublisher,
  RequestLoaders,
  childConnection,
  loadById,
  loadManyById,
  paginate,
  refuseDuplicates,
  requireById,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, QueryFilter, Types } from 'mongoose';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { type CareProviderDocument, CareProviderKind } from '../providers/care-provider.schema';
import { ProvidersService } from '../providers/providers.service';
import { CareDelivery, CareItem, CareItemDocument, CostKind, categoriesOf } from './care-item.schema';
import { CatalogueErrors } from './catalogue.errors';
import {
  CareItemFilterArgs,
  CareItemsArgs,
  CostInput,
  CreateCareItemInput,
  SetCareItemProvidersInput,
} from './catalogue.inputs';

/** Each community's care catalogue: what residents can order or book, from whom, for whom, at what cost. */
@Injectable()
export class CatalogueService implements OnModuleInit {
  constructor(
    @InjectModel(CareItem.name) readonly items: Model<CareItem>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly directory: ResidentDirectory,
    private readonly providers: ProvidersService,
  ) {}

  /** Its unique indexes exist before the first write relies on them (a transaction cannot create them). */
  async onModuleInit(): Promise<void> {
    await this.items.init();
  }

  async create(loaders: RequestLoaders, input: CreateCareItemInput): Promise<CareItemDocument> {
    checkCost(input.cost);
    if (input.delivery === CareDelivery.IN_SESSIONS && !input.sessionCapacity)
      throw CatalogueErrors.invalidCapacity('An item run in sessions needs a session capacity');
    if (input.delivery === CareDelivery.ON_REQUEST && input.sessionCapacity)
      throw CatalogueErrors.invalidCapacity('Only an item run in sessions has a session capacity');
    await this.directory.requireCommunity(loaders, input.communityId);
    const providers = await this.providersServing(loaders, input.communityId, input.providerIds);
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const [item] = await this.items.create(
            [
              {
                ...input,
                description: input.description ?? null,
                communityId: new Types.ObjectId(input.communityId),
                cost: { ...input.cost, fullPriceFen: input.cost.fullPriceFen ?? null },
                sessionCapacity: input.sessionCapacity ?? null,
                scheduleNote: input.scheduleNote ?? null,
                ...providers,
              },
            ],
            { session },
          );
          await this.outbox.record(
            careItemPublished,
            {
              itemId: item.id,
              communityId: input.communityId,
              category: item.category,
              providerIds: input.providerIds,
            },
            { session },
          );
          return item;
        }),
      () => CatalogueErrors.alreadyExists(input.name),
    );
  }

  async setProviders(
    loaders: RequestLoaders,
    item: CareItemDocument,
    input: SetCareItemProvidersInput,
  ): Promise<CareItemDocument> {
    const providers = await this.providersServing(loaders, String(item.communityId), input.providerIds);
    return withTransaction(this.connection, async (session) => {
      const updated = await this.items
        .findByIdAndUpdate(item._id, { $set: providers }, { session, returnDocument: 'after' })
        .exec();
      if (!updated) throw CatalogueErrors.notFound(item.id);
      await this.outbox.record(
        careItemProvidersChanged,
        { itemId: item.id, providerIds: input.providerIds },
        { session },
      );
      return updated;
    });
  }

  /** The providers by id, each of them serving the community; with the partner units among them. */
  private async providersServing(loaders: RequestLoaders, communityId: string, providerIds: string[]) {
    const found = await loadManyById(loaders, this.providers.providers, providerIds);
    for (const id of providerIds) {
      const provider = found.find((candidate) => candidate.id === id);
      if (!provider || String(provider.communityId) !== communityId) throw CatalogueErrors.invalidProvider(id);
    }
    return {
      providerIds: providerIds.map((id) => new Types.ObjectId(id)),
      partnerUnitIds: found
        .filter((provider) => provider.kind === CareProviderKind.PARTNER_UNIT)
        .map((provider) => provider.partnerUnitId!),
    };
  }

  /** The provider who gives `item`: the one named, which must be among its providers, or its only one. */
  async providerOf(
    loaders: RequestLoaders,
    item: CareItemDocument,
    providerId: string | undefined,
  ): Promise<CareProviderDocument> {
    if (!providerId && item.providerIds.length !== 1) throw CatalogueErrors.providerRequired(item.id);
    const chosen = providerId ?? String(item.providerIds[0]);
    const provider = item.providerIds.some((id) => String(id) === chosen)
      ? await this.providers.load(loaders, chosen)
      : null;
    if (!provider) throw CatalogueErrors.invalidProvider(chosen);
    return provider;
  }

  load(loaders: RequestLoaders, id: unknown): Promise<CareItemDocument | null> {
    return loadById(loaders, this.items, id);
  }

  require(loaders: RequestLoaders, id: string): Promise<CareItemDocument> {
    return requireById(loaders, this.items, id, CatalogueErrors.notFound);
  }

  /** By name; with a place, the catalogue of the community it is (or lies in). */
  async list(loaders: RequestLoaders, { placeId, ...args }: CareItemsArgs) {
    const filter = categoryFilter(args);
    if (placeId) filter.communityId = (await this.directory.requirePlace(loaders, placeId)).communityId;
    return paginate(this.items, filter, args, { sortBy: 'name' });
  }

  /** The items of a community, provider or partner unit, batched across every parent of the request. */
  childrenOf(
    loaders: RequestLoaders,
    parent: 'communityId' | 'providerIds' | 'partnerUnitIds',
    parentId: string,
    args: CareItemFilterArgs | ConnectionArgs,
  ) {
    return childConnection(loaders, this.items, parent, parentId, args, {
      sortBy: 'name',
      filter: categoryFilter(args),
    });
  }
}

function categoryFilter({ category, domain }: Partial<CareItemFilterArgs>): QueryFilter<CareItem> {
  if (category) return { category };
  if (domain) return { category: { $in: categoriesOf(domain) } };
  return {};
}

function checkCost({ kind, priceFen, fullPriceFen }: CostInput): void {
  if (kind === CostKind.FREE && (priceFen !== 0 || fullPriceFen != null))
    throw CatalogueErrors.invalidCost('A free item costs 0 and has no full price');
  if (kind === CostKind.PAID && (priceFen === 0 || fullPriceFen != null))
    throw CatalogueErrors.invalidCost('A paid item has a price above 0 and no separate full price');
  if (kind === CostKind.SUBSIDISED && (fullPriceFen == null || fullPriceFen <= priceFen)) {
    throw CatalogueErrors.invalidCost('A subsidised item has a full price above what the resident pays');
  }
}
