import { partnerAgreementSigned, partnerUnitRegistered } from '@gongzhi/contracts';
import {
  ConnectionArgs,
  DomainError,
  NotFoundError,
  OutboxPublisher,
  RequestLoaders,
  arrayConnection,
  loadById,
  paginate,
  refuseDuplicates,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, QueryFilter, Types } from 'mongoose';
import { Community } from '../territory/territory.schema';
import { TerritoryService } from '../territory/territory.service';
import { PartnerUnit } from './partner-unit.schema';
import { PartnerUnitsArgs, RegisterPartnerUnitInput, SignCoBuildingAgreementInput } from './partners.inputs';

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** Co-building partners (共建单位): who they are, their agreements with communities, what they offer and need. */
@Injectable()
export class PartnersService {
  constructor(
    @InjectModel(PartnerUnit.name) private readonly partners: Model<PartnerUnit>,
    @InjectModel(Community.name) private readonly communities: Model<Community>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
  ) {}

  register(input: RegisterPartnerUnitInput) {
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const [partner] = await this.partners.create([input], { session });
          await this.outbox.record(
            partnerUnitRegistered,
            { partnerUnitId: partner.id, kind: partner.kind, name: partner.name },
            { session },
          );
          return partner;
        }),
      () => new DomainError('PARTNER_UNIT.ALREADY_EXISTS', `A partner unit called ${input.name} is already registered`),
    );
  }

  async signAgreement(input: SignCoBuildingAgreementInput) {
    if (input.validUntil < input.validFrom) {
      throw new DomainError('PARTNER_AGREEMENT.INVALID_PERIOD', 'An agreement cannot end before it starts');
    }
    if (!(await this.communities.exists({ _id: input.communityId })))
      throw new NotFoundError('Community', input.communityId);
    return withTransaction(this.connection, async (session) => {
      const agreementId = new Types.ObjectId();
      const partner = await this.partners
        .findByIdAndUpdate(
          input.partnerUnitId,
          {
            $push: {
              agreements: {
                _id: agreementId,
                communityId: new Types.ObjectId(input.communityId),
                validFrom: input.validFrom,
                validUntil: input.validUntil,
                scope: input.scope,
              },
            },
          },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!partner) throw new NotFoundError('PartnerUnit', input.partnerUnitId);
      const agreement = partner.agreements.find((signed) => signed.id === String(agreementId))!;
      await this.outbox.record(
        partnerAgreementSigned,
        {
          agreementId: String(agreementId),
          partnerUnitId: partner.id,
          communityId: input.communityId,
          validFrom: isoDate(input.validFrom),
          validUntil: isoDate(input.validUntil),
        },
        { session },
      );
      return { partnerUnit: partner, coBuildingAgreement: agreement };
    });
  }

  async list(loaders: RequestLoaders, { kind, placeId, ...page }: PartnerUnitsArgs) {
    const filter: QueryFilter<PartnerUnit> = {};
    if (kind) filter.kind = kind;
    // Agreements are with communities: a compound or building stands for the community it lies in.
    if (placeId)
      filter['agreements.communityId'] = new Types.ObjectId((await this.territory.place(loaders, placeId)).communityId);
    return paginate(this.partners, filter, page, { sortBy: 'name' });
  }

  /** A partner's co-building agreements, oldest first (in the order they were signed). */
  agreements(partner: PartnerUnit, page: ConnectionArgs) {
    return arrayConnection(partner.agreements, page, (agreement) => ({ sortValue: agreement.id, id: agreement.id }));
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.partners, id);
  }

  community(loaders: RequestLoaders, communityId: unknown) {
    return loadById(loaders, this.communities, communityId);
  }
}
