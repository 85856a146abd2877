import { lampRegistered } from '@gongzhi/contracts';
import { EventConsumers } from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model } from 'mongoose';
import { KnownLamp } from './lamp-copy.schema';

/**
 * Deliberation's copy of facilities' lamp register, kept from facilities.lamp.registered exactly once each (an upsert
 * that any order of delivery leaves the same). Facilities announces every lamp once at its start that was registered
 * before the event existed, so the copy back-fills itself from the events alone.
 */
@Injectable()
export class FacilitiesCopyService implements OnModuleInit {
  constructor(
    @InjectModel(KnownLamp.name) readonly lamps: Model<KnownLamp>,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'facilities-lamps',
      events: [lampRegistered],
      handle: async ({ payload }, session: ClientSession) => {
        const { lampId, assetNumber, communityId, compoundId, buildingId } = payload;
        await this.lamps.updateOne(
          { _id: lampId },
          { $set: { assetNumber, communityId, compoundId, buildingId } },
          { upsert: true, session },
        );
      },
    });
  }

  /** Of `lampIds`, those facilities never announced, and those standing outside `communityId`. */
  async lampsNotIn(
    lampIds: readonly string[],
    communityId: string,
  ): Promise<{ unknown: string[]; elsewhere: string[] }> {
    const named = [...new Set(lampIds)];
    const known = named.length ? await this.lamps.find({ _id: { $in: named } }, { communityId: 1 }).lean() : [];
    return {
      unknown: named.filter((id) => !known.some((lamp) => lamp._id === id)),
      elsewhere: known.filter((lamp) => lamp.communityId !== communityId).map((lamp) => lamp._id),
    };
  }
}
