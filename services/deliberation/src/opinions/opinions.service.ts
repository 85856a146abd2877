import { opinionPromoted, opinionRecorded } from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  DomainError,
  loadById,
  NotFoundError,
  OutboxPublisher,
  paginate,
  refusalFor,
  type RequestLoaders,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model, QueryFilter } from 'mongoose';
import type { MotionDocument } from '../motions/motion.schema';
import { MotionsService } from '../motions/motions.service';
import { actorRef } from '../shared/actor-ref';
import type { TerritoryPlace } from '../organization-copy/territory.schema';
import type { RecordOpinionInput, PromoteOpinionInput } from './opinion.inputs';
import { Opinion, type OpinionDocument, OpinionStatus } from './opinion.schema';
import { opinionListFilter } from './opinions.access';

const notOpen = (id: string, status: OpinionStatus) =>
  new DomainError('OPINION.NOT_OPEN', `Opinion ${id} is ${status}: only an open opinion is answered or taken up`, {
    id,
    status,
  });

/** Opinions collected from residents (社情民意): recorded, tagged, answered or taken up as motions. */
@Injectable()
export class OpinionsService {
  constructor(
    @InjectModel(Opinion.name) private readonly opinions: Model<Opinion>,
    @InjectConnection() private readonly connection: Connection,
    private readonly motions: MotionsService,
    private readonly outbox: OutboxPublisher,
  ) {}

  async require(loaders: RequestLoaders, id: string): Promise<OpinionDocument> {
    const opinion = await loadById(loaders, this.opinions, id);
    if (!opinion) throw new NotFoundError('Opinion', id);
    return opinion;
  }

  record(input: RecordOpinionInput, place: TerritoryPlace, residentId: string | null): Promise<OpinionDocument> {
    return withTransaction(this.connection, async (session) => {
      const [opinion] = await this.opinions.create(
        [
          {
            text: input.text,
            tags: input.tags,
            channel: input.channel,
            residentId,
            recordedBy: actorRef(),
            communityId: place.communityId,
            compoundId: place.compoundId,
            buildingId: place.buildingId,
          },
        ],
        { session },
      );
      await this.outbox.record(
        opinionRecorded,
        {
          opinionId: opinion.id,
          tags: opinion.tags,
          communityId: opinion.communityId,
          compoundId: opinion.compoundId,
          buildingId: opinion.buildingId,
        },
        { session },
      );
      return opinion;
    });
  }

  async tag(opinion: OpinionDocument, tags: string[]): Promise<OpinionDocument> {
    return (await this.opinions
      .findByIdAndUpdate(opinion._id, { $set: { tags } }, { returnDocument: 'after' })
      .exec())!;
  }

  async answer(opinion: OpinionDocument, answer: string): Promise<OpinionDocument> {
    const answered = await this.opinions
      .findOneAndUpdate(
        { _id: opinion._id, status: OpinionStatus.OPEN },
        { $set: { status: OpinionStatus.ANSWERED, answer } },
        { returnDocument: 'after' },
      )
      .exec();
    if (!answered) throw notOpen(opinion.id, opinion.status);
    return answered;
  }

  /** Raises a motion at the opinion's place from it, and marks it PROMOTED, in one transaction. */
  async promote(
    opinion: OpinionDocument,
    input: PromoteOpinionInput,
    place: TerritoryPlace,
  ): Promise<{ motion: MotionDocument; opinion: OpinionDocument }> {
    if (opinion.status !== OpinionStatus.OPEN) throw notOpen(opinion.id, opinion.status);
    const motion = await this.motions.raise(input, place, {
      opinionId: opinion._id,
      effects: async (motion, session) => {
        const promoted = await this.opinions
          .updateOne(
            { _id: opinion._id, status: OpinionStatus.OPEN },
            { $set: { status: OpinionStatus.PROMOTED, motionId: motion._id } },
            { session },
          )
          .exec();
        if (promoted.modifiedCount === 0) throw notOpen(opinion.id, opinion.status);
        await this.outbox.record(opinionPromoted, { opinionId: opinion.id, motionId: motion.id }, { session });
      },
    });
    return { motion, opinion: (await this.opinions.findById(opinion._id).exec())! };
  }

  /** Newest first, among those the caller may list. */
  list(filter: QueryFilter<Opinion>, page: ConnectionArgs) {
    const reach = opinionListFilter();
    if (!reach) throw refusalFor();
    return paginate(this.opinions, { $and: [reach, filter] }, page, { direction: -1 });
  }
}
