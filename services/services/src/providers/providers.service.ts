import { careProviderRegistered } from '@gongzhi/contracts';
import {
  ConnectionArgs,
  OutboxPublisher,
  RequestLoaders,
  childConnection,
  listConnection,
  loadById,
  loadManyById,
  paginate,
  refuseDuplicates,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, QueryFilter, Types } from 'mongoose';
import type { DirectoryResidentDocument } from '../organization-copy/directory.schema';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { CareProvider, CareProviderDocument, CareProviderKind } from './care-provider.schema';
import { ProviderErrors } from './providers.errors';
import { CareProvidersArgs, RegisterPartnerCareProviderInput, RegisterVolunteerInput } from './providers.inputs';

/** Partner units and volunteers who take care orders, each in one community. */
@Injectable()
export class ProvidersService implements OnModuleInit {
  constructor(
    @InjectModel(CareProvider.name) readonly providers: Model<CareProvider>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly directory: ResidentDirectory,
  ) {}

  /** Its unique indexes exist before the first write relies on them (a transaction cannot create them). */
  async onModuleInit(): Promise<void> {
    await this.providers.init();
  }

  async registerPartner(
    loaders: RequestLoaders,
    input: RegisterPartnerCareProviderInput,
  ): Promise<CareProviderDocument> {
    await this.directory.requireCommunity(loaders, input.communityId);
    if (!(await this.directory.partnerServes(loaders, input.partnerUnitId, input.communityId))) {
      throw ProviderErrors.noAgreement(input.partnerUnitId, input.communityId);
    }
    return this.register({
      kind: CareProviderKind.PARTNER_UNIT,
      name: input.name,
      description: input.description ?? null,
      communityId: new Types.ObjectId(input.communityId),
      partnerUnitId: new Types.ObjectId(input.partnerUnitId),
    });
  }

  /** `volunteer` is the resident, living in the community they will serve. */
  async registerVolunteer(
    loaders: RequestLoaders,
    volunteer: DirectoryResidentDocument,
    input: RegisterVolunteerInput,
  ): Promise<CareProviderDocument> {
    if (input.coordinatorId) {
      const coordinator = await this.load(loaders, input.coordinatorId);
      const coordinates =
        coordinator?.kind === CareProviderKind.PARTNER_UNIT && coordinator.communityId.equals(volunteer.communityId);
      if (!coordinates) throw ProviderErrors.invalidCoordinator(input.coordinatorId);
    }
    return this.register({
      kind: CareProviderKind.VOLUNTEER,
      name: input.name,
      description: input.description ?? null,
      communityId: volunteer.communityId,
      residentId: volunteer._id,
      coordinatorId: input.coordinatorId ? new Types.ObjectId(input.coordinatorId) : null,
    });
  }

  private register(provider: Partial<CareProvider>): Promise<CareProviderDocument> {
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const [created] = await this.providers.create([provider], { session });
          await this.outbox.record(
            careProviderRegistered,
            {
              providerId: created.id,
              kind: created.kind,
              communityId: String(created.communityId),
              partnerUnitId: created.partnerUnitId ? String(created.partnerUnitId) : null,
              residentId: created.residentId ? String(created.residentId) : null,
            },
            { session },
          );
          return created;
        }),
      ProviderErrors.alreadyExists,
    );
  }

  load(loaders: RequestLoaders, id: unknown): Promise<CareProviderDocument | null> {
    return loadById(loaders, this.providers, id);
  }

  /** By name; with a place, the providers of the community it is (or lies in). */
  async list(loaders: RequestLoaders, { placeId, kind, ...page }: CareProvidersArgs) {
    const filter: QueryFilter<CareProvider> = {};
    if (placeId) filter.communityId = (await this.directory.requirePlace(loaders, placeId)).communityId;
    if (kind) filter.kind = kind;
    return paginate(this.providers, filter, page, { sortBy: 'name' });
  }

  /** The providers an item lists (a short list), a page at a time in its order; loaded in one batch per request. */
  async listed(loaders: RequestLoaders, providerIds: readonly Types.ObjectId[], page: ConnectionArgs) {
    return listConnection(await loadManyById(loaders, this.providers, [...providerIds]), page);
  }

  /** Children of a community or a partner unit, batched across every parent of the request. */
  childrenOf(
    loaders: RequestLoaders,
    parent: 'communityId' | 'partnerUnitId' | 'coordinatorId',
    parentId: string,
    args: ConnectionArgs,
    kind?: CareProviderKind,
  ) {
    return childConnection(loaders, this.providers, parent, parentId, args, {
      sortBy: 'name',
      filter: kind ? { kind } : {},
    });
  }
}
