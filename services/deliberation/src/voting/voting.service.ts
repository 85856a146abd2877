import { type Actor, ballotCast, ballotRefused, voteClosed, voteOpened } from '@gongzhi/contracts';
import {
  childConnection,
  type ConnectionArgs,
  currentActor,
  isDuplicateKeyError,
  loadById,
  OutboxPublisher,
  paginate,
  type RequestLoaders,
  withTransaction,
  Clock,
  listConnection,
} from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Connection, type Model, type QueryFilter, Types } from 'mongoose';
import { MotionStatus } from '../motions/motion-state-machine';
import type { MotionDocument } from '../motions/motion.schema';
import { MotionsService } from '../motions/motions.service';
import { actorRef } from '../shared/actor-ref';
import { residentIdOf, type Situated } from '../organization-copy/territory';
import { TerritoryService } from '../organization-copy/territory.service';
import { countVotes } from '../vote-counting/count-votes';
import { toSquareMetres } from '../vote-counting/ratio';
import type { BallotContent, BallotGroup, VoteResult } from '../vote-counting/vote-counting.types';
import { type BallotInput, ballotContent, contentKey } from './ballot-content';
import { VotingErrors } from './voting.errors';
import type { OpenVotingInput } from './voting.inputs';
import { ownersRoll, residentsRoll, type RollEntry } from './voter-roll';
import {
  BallotBox,
  type BallotChannel,
  BallotParticipation,
  MAX_OPTIONS,
  RefusedBallot,
  Vote,
  type VoteDocument,
  VoterRollEntry,
  type VoterRollEntryDocument,
} from './vote.schema';

/** A ballot on its way into the box: whose, how, and for a proxy under which authorisation. */
export interface BallotCasting {
  voter: VoterRollEntryDocument;
  channel: BallotChannel;
  input: BallotInput;
  proxyName?: string | null;
  proxyAuthorisation?: string | null;
}

const isDuplicateVoter = (error: unknown) =>
  isDuplicateKeyError(error) && 'voterId' in ((error as { keyPattern?: Record<string, unknown> }).keyPattern ?? {});

/**
 * Votes on motions: the roll frozen when voting opens, one ballot per voter whatever the channel (a second refused and
 * kept), secret ballots kept apart from their voters, and the count when voting closes.
 */
@Injectable()
export class VotingService {
  constructor(
    @InjectModel(Vote.name) private readonly votes: Model<Vote>,
    @InjectModel(VoterRollEntry.name) private readonly roll: Model<VoterRollEntry>,
    @InjectModel(BallotParticipation.name) private readonly participations: Model<BallotParticipation>,
    @InjectModel(BallotBox.name) private readonly boxes: Model<BallotBox>,
    @InjectModel(RefusedBallot.name) private readonly refusals: Model<RefusedBallot>,
    @InjectConnection() private readonly connection: Connection,
    private readonly motions: MotionsService,
    private readonly territory: TerritoryService,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.votes, id);
  }

  byId(id: Types.ObjectId) {
    return this.votes.findById(id).exec();
  }

  /** The vote open on the motion; VOTE.NOT_OPEN when there is none. */
  async requireOpenVote(loaders: RequestLoaders, motion: MotionDocument): Promise<VoteDocument> {
    const vote = motion.state === MotionStatus.VOTING ? await this.load(loaders, motion.currentVoteId) : null;
    if (!vote || vote.closedAt) throw VotingErrors.notOpen();
    return vote;
  }

  /** Opens voting: checks the method against the matter, freezes the roll of the motion's place and records both. */
  async open(motion: MotionDocument, input: OpenVotingInput): Promise<{ motion: MotionDocument; vote: VoteDocument }> {
    const options = this.ballotPaper(motion, input);
    if (input.endsAt.getTime() <= this.clock.nowMs()) throw VotingErrors.endsInThePast();
    const entries = await this.freezeRoll(motion);
    const voteId = new Types.ObjectId();
    const number = (await this.votes.countDocuments({ motionId: motion._id })) + 1;
    const rollArea = entries.reduce((sum, entry) => sum + entry.area, 0);
    const opened = await this.motions.step(
      motion,
      'openVoting',
      { to: MotionStatus.VOTING, update: { $set: { currentVoteId: voteId } } },
      async (opened, session) => {
        await this.votes.create(
          [
            {
              _id: voteId,
              motionId: motion._id,
              number,
              method: input.method,
              ownersMatter: motion.ownersMatter,
              options,
              seats: input.seats ?? 1,
              secret: input.secret,
              opensAt: this.clock.now(),
              endsAt: input.endsAt,
              rollHeads: entries.length,
              rollArea,
              communityId: motion.communityId,
              compoundId: motion.compoundId,
              buildingId: motion.buildingId,
            },
          ],
          { session },
        );
        await this.roll.insertMany(
          entries.map((entry) => ({ ...entry, voteId })),
          { session },
        );
        await this.outbox.record(
          voteOpened,
          {
            motionId: opened.id,
            method: input.method,
            ownersMatter: motion.ownersMatter,
            secret: input.secret,
            rollHeads: entries.length,
            rollArea: toSquareMetres(rollArea),
            endsAt: input.endsAt.toISOString(),
          },
          { session },
        );
      },
    );
    return { motion: opened, vote: (await this.votes.findById(voteId).exec())! };
  }

  /** The options of the ballot paper, after checking the method fits the matter and the options fit the method. */
  private ballotPaper(motion: MotionDocument, { method, options = [], seats }: OpenVotingInput) {
    if (motion.ownersMatter && method !== 'OWNERS_JOINT_DECISION') throw VotingErrors.ownersMatterNeedsJointDecision();
    if (!motion.ownersMatter && method === 'OWNERS_JOINT_DECISION') throw VotingErrors.jointDecisionNeedsOwnersMatter();
    const choosing = method === 'APPROVAL' || method === 'RANKED_CHOICE';
    if (!choosing && options.length > 0)
      throw VotingErrors.optionsInvalid(`a ${method} vote is FOR, AGAINST or ABSTAIN and takes no options`);
    if (choosing && options.length < 2)
      throw VotingErrors.optionsInvalid(`a ${method} vote needs 2 to ${MAX_OPTIONS} options`);
    if (new Set(options).size !== options.length) throw VotingErrors.optionsInvalid('an option is listed twice');
    if (seats !== undefined && (method !== 'APPROVAL' || seats >= options.length))
      throw VotingErrors.optionsInvalid('seats are for an APPROVAL vote, fewer than its options');
    return options.map((label, index) => ({ id: String(index + 1), label }));
  }

  /** The roll as it stands now: owners of the units for an owners' matter, adult residents otherwise. */
  private async freezeRoll(motion: MotionDocument): Promise<RollEntry[]> {
    let entries: RollEntry[];
    if (motion.ownersMatter) {
      const households = await this.territory.householdsIn(motion);
      const withoutArea = households.filter((household) => household.floorArea === null).length;
      if (withoutArea > 0) throw VotingErrors.rollIncomplete(withoutArea);
      entries = ownersRoll(households);
    } else {
      entries = residentsRoll(await this.territory.adultResidentsIn(motion));
    }
    if (entries.length === 0) throw VotingErrors.emptyRoll();
    return entries;
  }

  /** The caller's own entry on the roll of the vote (a person voting online). */
  async callerOnRoll(vote: VoteDocument, actor: Actor = currentActor()): Promise<VoterRollEntryDocument | null> {
    const residentId = residentIdOf(actor);
    return residentId ? this.roll.findOne({ voteId: vote._id, residentIds: residentId }).exec() : null;
  }

  /** The voter of this vote's roll, or null. */
  voterOnRoll(vote: VoteDocument, voterId: string): Promise<VoterRollEntryDocument | null> {
    return this.roll.findOne({ _id: voterId, voteId: vote._id }).exec();
  }

  /**
   * Puts one ballot in the box. A voter who has voted already is refused, whatever the channel, and the attempt is
   * kept. An open ballot's content is kept with the voter's participation; a secret one's only in the box.
   */
  async cast(
    motion: MotionDocument,
    vote: VoteDocument,
    casting: BallotCasting,
  ): Promise<{ castAt: Date; ballotsCast: number; vote: VoteDocument }> {
    if (vote.endsAt.getTime() <= this.clock.nowMs()) throw VotingErrors.closed();
    if (casting.channel === 'PROXY' && (!casting.proxyName || !casting.proxyAuthorisation))
      throw VotingErrors.proxyUnnamed();
    const content = ballotContent(
      vote.method,
      vote.options.map((option) => option.id),
      casting.input,
    );
    const castAt = this.clock.now();
    try {
      return await withTransaction(this.connection, async (session) => {
        await this.participations.create(
          [
            {
              voteId: vote._id,
              voterId: casting.voter._id,
              channel: casting.channel,
              castAt,
              recordedBy: actorRef(),
              proxyName: casting.proxyName ?? null,
              proxyAuthorisation: casting.proxyAuthorisation ?? null,
              content: vote.secret ? null : content,
            },
          ],
          { session },
        );
        await this.putInBox(vote, content, casting.voter.area, session);
        const counted = await this.votes
          .findOneAndUpdate(
            { _id: vote._id, closedAt: null },
            { $inc: { ballotsCast: 1 } },
            { session, returnDocument: 'after' },
          )
          .exec();
        if (!counted) throw VotingErrors.closed();
        await this.outbox.record(
          ballotCast,
          { motionId: motion.id, channel: casting.channel, ballotsCast: counted.ballotsCast },
          { session },
        );
        return { castAt, ballotsCast: counted.ballotsCast, vote: counted };
      });
    } catch (error) {
      if (!isDuplicateVoter(error)) throw error;
      await this.recordRefusal(motion, vote, casting);
      throw VotingErrors.alreadyVoted();
    }
  }

  private async putInBox(
    vote: VoteDocument,
    content: BallotContent,
    area: number,
    session: ClientSession,
  ): Promise<void> {
    await this.boxes.updateOne(
      { _id: `${vote.id}|${contentKey(content)}` },
      { $inc: { heads: 1, area }, $setOnInsert: { voteId: vote._id, content } },
      { upsert: true, session },
    );
  }

  private async recordRefusal(motion: MotionDocument, vote: VoteDocument, casting: BallotCasting): Promise<void> {
    await withTransaction(this.connection, async (session) => {
      await this.refusals.create(
        [
          {
            voteId: vote._id,
            voterId: casting.voter._id,
            channel: casting.channel,
            attemptedAt: this.clock.now(),
            attemptedBy: actorRef(),
          },
        ],
        { session },
      );
      await this.votes.updateOne({ _id: vote._id }, { $inc: { refusedAttempts: 1 } }, { session });
      await this.outbox.record(
        ballotRefused,
        { motionId: motion.id, voterId: casting.voter.id, channel: casting.channel, reason: 'ALREADY_VOTED' },
        { session },
      );
    });
  }

  /**
   * Closes voting and counts: once its time is up, or earlier when everyone on the roll has voted. The ballot boxes
   * are read inside the closing transaction, so a ballot that commits meanwhile makes it retry, never goes uncounted.
   */
  async close(
    motion: MotionDocument,
    vote: VoteDocument,
    actor: Actor = currentActor(),
  ): Promise<{ motion: MotionDocument; vote: VoteDocument; result: VoteResult }> {
    if (vote.endsAt.getTime() > this.clock.nowMs() && vote.ballotsCast < vote.rollHeads)
      throw VotingErrors.stillOpen(vote.endsAt);
    let counted: ReturnType<typeof countVotes>;
    const closedAt = this.clock.now();
    const closed = await this.motions.step(
      motion,
      'closeVoting',
      async (session) => {
        const closing = await this.votes
          .findOneAndUpdate(
            { _id: vote._id, closedAt: null },
            { $set: { closedAt } },
            { session, returnDocument: 'after' },
          )
          .exec();
        if (!closing) throw VotingErrors.notOpen();
        const ballots = await this.boxes.find({ voteId: vote._id }).session(session).lean<BallotGroup[]>();
        counted = countVotes(
          {
            method: closing.method,
            ownersMatter: closing.ownersMatter,
            optionIds: closing.options.map((option) => option.id),
            seats: closing.seats,
          },
          { heads: closing.rollHeads, area: closing.rollArea },
          ballots,
        );
        await this.votes.updateOne({ _id: vote._id }, { $set: { result: counted } }, { session });
        return {
          to: counted.outcome === 'PASSED' ? MotionStatus.PASSED : MotionStatus.REJECTED,
          note: counted.outcome,
        };
      },
      (closed, session) =>
        this.outbox.record(
          voteClosed,
          {
            motionId: closed.id,
            method: vote.method,
            outcome: counted.outcome,
            turnoutHeads: counted.turnout.heads,
            rollHeads: counted.turnout.rollHeads,
            turnoutArea: toSquareMetres(counted.turnout.area),
            rollArea: toSquareMetres(counted.turnout.rollArea),
            decidedBy: counted.decidedBy.rule,
            winners: counted.winners.map((id) => vote.options.find((option) => option.id === id)?.label ?? id),
          },
          { session, ...(actor.kind === 'service' && { actor: { kind: actor.kind, id: actor.id } }) },
        ),
      actor,
    );
    return { motion: closed, vote: (await this.votes.findById(vote._id).exec())!, result: counted! };
  }

  /** Votes whose time is up and that are not closed yet, for the deadline sweep. */
  dueToClose(now = this.clock.now()) {
    return this.votes
      .find({ closedAt: null, endsAt: { $lte: now } })
      .limit(50)
      .exec();
  }

  /** The roll, or the voters of it with a unit (or living) in `place`, a compound or building of the vote's place. */
  rollOf(vote: VoteDocument, place: Situated | null, args: ConnectionArgs) {
    if (place && place.communityId !== vote.communityId) return listConnection<VoterRollEntryDocument>([], args);
    const filter: QueryFilter<VoterRollEntry> = {
      voteId: vote._id,
      ...(place?.compoundId && { compoundIds: place.compoundId }),
      ...(place?.buildingId && { buildingIds: place.buildingId }),
    };
    return paginate(this.roll, filter, args);
  }

  ballotsOf(loaders: RequestLoaders, vote: VoteDocument, args: ConnectionArgs) {
    return childConnection(loaders, this.participations, 'voteId', vote.id, args, { sortBy: 'castAt' });
  }

  /** Whether each voter of a page of the roll has voted: one query for the page. */
  hasVoted(loaders: RequestLoaders, voter: VoterRollEntryDocument): Promise<boolean> {
    return loaders
      .get<string, boolean>('voter.hasVoted', async (keys) => {
        const ids = keys.map((key) => new Types.ObjectId(key));
        const voted = await this.participations.find({ voterId: { $in: ids } }, { voterId: 1 }).lean();
        const set = new Set(voted.map((p) => String(p.voterId)));
        return keys.map((key) => set.has(key));
      })
      .load(voter.id);
  }

  /**
   * The caller's own standing in each vote asked about in a request — on the roll or not, and their ballot's channel
   * and time — in two queries however many votes a list shows.
   */
  myBallot(
    loaders: RequestLoaders,
    vote: VoteDocument,
  ): Promise<{ onRoll: boolean; castAt: Date | null; channel: BallotChannel | null }> {
    const residentId = residentIdOf(currentActor());
    return loaders
      .get<string, { onRoll: boolean; castAt: Date | null; channel: BallotChannel | null }>(
        'vote.myBallot',
        async (voteIds) => {
          const ids = voteIds.map((id) => new Types.ObjectId(id));
          const entries = residentId
            ? await this.roll.find({ voteId: { $in: ids }, residentIds: residentId }, { voteId: 1 }).lean()
            : [];
          const ballots = entries.length
            ? await this.participations
                .find({ voterId: { $in: entries.map((entry) => entry._id) } }, { voteId: 1, castAt: 1, channel: 1 })
                .lean()
            : [];
          return voteIds.map((id) => {
            const ballot = ballots.find((participation) => String(participation.voteId) === id);
            return {
              onRoll: entries.some((entry) => String(entry.voteId) === id),
              castAt: ballot?.castAt ?? null,
              channel: ballot?.channel ?? null,
            };
          });
        },
      )
      .load(vote.id);
  }

  voterOf(loaders: RequestLoaders, voterId: unknown) {
    return loadById(loaders, this.roll, voterId);
  }
}
