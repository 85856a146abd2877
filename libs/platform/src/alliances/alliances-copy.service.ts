import { allianceChanged, allianceFormed } from '@gongzhi/contracts';
import { EventConsumers } from '../events/events.module';
import { loadById } from '../graphql/entity-loader';
import type { RequestLoaders } from '../graphql/request-loaders';
import { keepLatestRevision } from '../mongo/latest-revision';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { KnownAlliance } from './known-alliance.schema';
import { asObjectId } from '../graphql/child-connection';

/**
 * Which communities belong to which community alliance (社区联盟), as organization last said: the copy facilities and
 * services keep of organization's alliances, to let residents of member communities use what is shared with one.
 */
@Injectable()
export class AlliancesCopy implements OnModuleInit {
  constructor(
    @InjectModel(KnownAlliance.name) private readonly alliances: Model<KnownAlliance>,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'organization-alliances',
      events: [allianceFormed, allianceChanged],
      handle: ({ payload }, session) => keepLatestRevision(this.alliances, payload.allianceId, payload, session),
    });
  }

  /** The alliance, if organization has told this subgraph of it (an id that spells no ObjectId names none). */
  load(loaders: RequestLoaders, allianceId: string) {
    return asObjectId(allianceId) instanceof Types.ObjectId
      ? loadById(loaders, this.alliances, allianceId)
      : Promise.resolve(null);
  }

  /** Whether the community is one of the alliance's members now. */
  async joins(loaders: RequestLoaders, allianceId: Types.ObjectId | null, communityId: string): Promise<boolean> {
    const alliance = allianceId ? await this.load(loaders, String(allianceId)) : null;
    return alliance?.communityIds.some((member) => String(member) === communityId) ?? false;
  }
}
