import { allianceChanged, allianceDissolved, allianceFormed } from '@gongzhi/contracts';
import { EventConsumers } from '../events/events.module';
import { loadById } from '../graphql/entity-loader';
import type { RequestLoaders } from '../graphql/request-loaders';
import { keepLatestRevision } from '../mongo/latest-revision';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { KnownAlliance } from './known-alliance.schema';
import { asObjectId } from '../graphql/child-connection';

/** What a subgraph does when an alliance is dissolved: end what it shared with it, in the consumer's transaction. */
export type AllianceDissolvedListener = (allianceId: Types.ObjectId, session: ClientSession) => Promise<void>;

/**
 * Which communities belong to which community alliance (社区联盟), as organization last said: the copy facilities and
 * services keep of organization's alliances, to let residents of member communities use what is shared with one.
 */
@Injectable()
export class AlliancesCopy implements OnModuleInit {
  private readonly dissolvedListeners: AllianceDissolvedListener[] = [];

  constructor(
    @InjectModel(KnownAlliance.name) private readonly alliances: Model<KnownAlliance>,
    private readonly consumers: EventConsumers,
  ) {}

  /** Register before the application starts (in a constructor or onModuleInit). */
  afterDissolved(listener: AllianceDissolvedListener): void {
    this.dissolvedListeners.push(listener);
  }

  onModuleInit(): void {
    this.consumers.register({
      name: 'organization-alliances',
      events: [allianceFormed, allianceChanged, allianceDissolved],
      handle: async (event, session) => {
        const { allianceId, name, communityIds, revision } = event.payload;
        if (event.type !== 'org.alliance.dissolved') {
          await keepLatestRevision(this.alliances, allianceId, { name, communityIds, revision }, session);
          return;
        }
        const dissolvedAt = new Date(event.payload.dissolvedAt);
        await keepLatestRevision(
          this.alliances,
          allianceId,
          { name, communityIds: [], revision, dissolvedAt },
          session,
        );
        for (const listener of this.dissolvedListeners) await listener(new Types.ObjectId(allianceId), session);
      },
    });
  }

  /**
   * The alliance, if organization has told this subgraph of it and has not dissolved it (an id that spells no
   * ObjectId names none).
   */
  async load(loaders: RequestLoaders, allianceId: string) {
    if (!(asObjectId(allianceId) instanceof Types.ObjectId)) return null;
    const alliance = await loadById(loaders, this.alliances, allianceId);
    return alliance?.dissolvedAt ? null : alliance;
  }

  /** Whether the community is one of the alliance's members now (a dissolved alliance has none). */
  async joins(loaders: RequestLoaders, allianceId: Types.ObjectId | null, communityId: string): Promise<boolean> {
    const alliance = allianceId ? await this.load(loaders, String(allianceId)) : null;
    return alliance?.communityIds.some((member) => String(member) === communityId) ?? false;
  }
}
