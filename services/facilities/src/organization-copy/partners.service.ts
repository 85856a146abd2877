import { partnerAgreementSigned } from '@gongzhi/contracts';
import { EventConsumers } from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { objectIdOrNull } from './place';
import { PartnerAgreement } from './partner-agreement.schema';

const DAY_MS = 24 * 3600 * 1000;

/** Which partner units (共建单位) work in which communities, as organization's agreements say. */
@Injectable()
export class PartnersService implements OnModuleInit {
  constructor(
    @InjectModel(PartnerAgreement.name) private readonly agreements: Model<PartnerAgreement>,
    private readonly consumers: EventConsumers,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.agreements.init();
    this.consumers.register({
      name: 'partner-agreements',
      events: [partnerAgreementSigned],
      handle: async ({ payload }, session) => {
        await this.agreements.updateOne(
          { _id: payload.agreementId },
          {
            $setOnInsert: {
              partnerUnitId: payload.partnerUnitId,
              communityId: payload.communityId,
              validFrom: payload.validFrom,
              validUntil: payload.validUntil,
            },
          },
          { upsert: true, session },
        );
      },
    });
  }

  /** Whether the partner has an agreement with the community in force at `at`. */
  async worksIn(partnerUnitId: string, communityId: Types.ObjectId, at: Date): Promise<boolean> {
    const partner = objectIdOrNull(partnerUnitId);
    if (!partner) return false;
    const agreement = await this.agreements
      .exists({
        partnerUnitId: partner,
        communityId,
        validFrom: { $lte: at },
        validUntil: { $gt: new Date(at.getTime() - DAY_MS) },
      })
      .exec();
    return agreement !== null;
  }
}
