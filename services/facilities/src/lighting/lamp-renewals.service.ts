import { lampRenewalProjectCreated, motionPassed, type EventOf } from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  childConnection,
  EventConsumers,
  type ConnectionShape,
  listConnection,
  loadById,
  OutboxPublisher,
  paginate,
  type RequestLoaders,
} from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClientSession, Model, QueryFilter } from 'mongoose';
import { objectIdOrNull } from '../organization-copy/place';
import type { InPlaceArgs } from '../organization-copy/place.inputs';
import { TerritoryService } from '../organization-copy/territory.service';
import { LampRenewalProject } from './lamp-renewal-project.schema';
import { Lamp, type LampDocument } from './lamp.schema';

const NEWEST_FIRST = { sortBy: 'motionPassedAt', direction: -1 } as const;

/**
 * Renewal projects, one per lighting motion passed in deliberation (民事民决 → 民事民办). The consumer's own
 * de-duplication skips a redelivered event; the unique motion id keeps one project even when deliberation publishes
 * the same decision twice under two event ids.
 */
@Injectable()
export class LampRenewalsService implements OnModuleInit {
  constructor(
    @InjectModel(LampRenewalProject.name) readonly projects: Model<LampRenewalProject>,
    @InjectModel(Lamp.name) private readonly lamps: Model<Lamp>,
    private readonly consumers: EventConsumers,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.projects.init();
    this.consumers.register({
      name: 'lighting-motions',
      events: [motionPassed],
      handle: async (event, session, { logger }) => {
        if (event.payload.matterKind !== 'FACILITIES_LIGHTING') return;
        const created = await this.createFor(event, session);
        logger.info(
          { motionId: event.payload.motionId, created },
          created ? 'renewal project created' : 'renewal project already there',
        );
      },
    });
  }

  /** Creates the motion's project unless it exists; true when it did. */
  private async createFor({ payload: motion }: EventOf<typeof motionPassed>, session: ClientSession): Promise<boolean> {
    const communityId = objectIdOrNull(motion.communityId);
    const named = motion.lampIds.map(objectIdOrNull).filter((lampId) => lampId !== null);
    // Only lamps of the motion's community: a motion decides for its own place.
    const known = communityId
      ? await this.lamps
          .find({ _id: { $in: named }, communityId }, { _id: 1 })
          .session(session)
          .exec()
      : [];
    const knownIds = new Set(known.map((lamp) => String(lamp._id)));
    const result = await this.projects.updateOne(
      { motionId: motion.motionId },
      {
        $setOnInsert: {
          title: motion.title,
          lampsDescription: motion.description,
          lampIds: known.map((lamp) => lamp._id),
          unknownLampIds: motion.lampIds.filter((lampId) => !knownIds.has(lampId)),
          motionPassedAt: new Date(motion.passedAt),
          communityId: motion.communityId,
          compoundId: motion.compoundId,
          buildingId: null,
        },
      },
      { upsert: true, session },
    );
    if (!result.upsertedId) return false;
    await this.outbox.record(
      lampRenewalProjectCreated,
      {
        projectId: String(result.upsertedId),
        motionId: motion.motionId,
        communityId: motion.communityId,
        compoundId: motion.compoundId,
        lampIds: [...knownIds],
      },
      { session },
    );
    return true;
  }

  async list(loaders: RequestLoaders, { placeId, ...page }: InPlaceArgs) {
    const filter: QueryFilter<LampRenewalProject> = placeId ? await this.territory.within(loaders, placeId) : {};
    return paginate(this.projects, filter, page, NEWEST_FIRST);
  }

  /** The projects of each community of a page, in one query for all of them. */
  ofCommunity(loaders: RequestLoaders, communityId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.projects, 'communityId', communityId, args, NEWEST_FIRST);
  }

  /** A page of the project's lamps, in the motion's order; the lamps of every project asked about in one query. */
  async lampsOf(
    loaders: RequestLoaders,
    project: LampRenewalProject,
    args: ConnectionArgs,
  ): Promise<ConnectionShape<LampDocument>> {
    const page = listConnection(project.lampIds, args);
    const lamps = await Promise.all(page.edges.map(({ node }) => loadById(loaders, this.lamps, node)));
    return {
      ...page,
      edges: page.edges.flatMap(({ cursor }, index) => (lamps[index] ? [{ cursor, node: lamps[index] }] : [])),
    };
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.projects, id);
  }
}
