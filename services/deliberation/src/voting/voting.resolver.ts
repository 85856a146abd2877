import {
  Connection,
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  requirePermission,
} from '@gongzhi/platform';
import {
  Args,
  Context,
  Field,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Household, Resident } from '../organization-copy/organization.types';
import { MotionIdArgs } from '../motions/motion.inputs';
import { Motion, type MotionDocument } from '../motions/motion.schema';
import { mayStewardMotion } from '../motions/motions.access';
import { MotionErrors } from '../motions/motion.errors';
import { MotionsService } from '../motions/motions.service';
import { TerritoryService } from '../organization-copy/territory.service';
import { toSquareMetres } from '../vote-counting/ratio';
import {
  YesNoChoiceEnum,
  BallotChannelEnum,
  type BallotChannel,
  BallotParticipation,
  type BallotParticipationDocument,
  Vote,
  type VoteDocument,
  VoterRollEntry,
  type VoterRollEntryDocument,
} from './vote.schema';
import { presentResult, VoteResultView } from './vote-result.types';
import {
  ballotPlaceIdsOf,
  mayInspectRoll,
  mayRecordBallotFor,
  mayRecordBallots,
  mayRecordBallotsIn,
} from './voting.access';
import { VotingErrors } from './voting.errors';
import { CastBallotInput, OpenVotingInput, RecordBallotInput, VoterRollArgs } from './voting.inputs';
import { VotingService } from './voting.service';
import type { YesNoChoice } from '../vote-counting/vote-counting.types';

@ObjectType()
export class VoterConnection extends Connection(VoterRollEntry, 'Voter') {}
@ObjectType()
export class BallotRecordConnection extends Connection(BallotParticipation, 'BallotRecord') {}

@ObjectType({ description: 'A ballot taken: when and how. It never says what was voted.' })
class BallotReceipt {
  @Field(() => ID)
  motionId!: string;

  @Field(() => BallotChannelEnum)
  channel!: BallotChannel;

  @Field()
  castAt!: Date;

  @Field(() => Int, { description: 'Ballots in the box so far.' })
  ballotsCast!: number;
}

@ObjectType({ description: "The caller's own standing in a vote." })
class MyBallot {
  @Field({ description: 'Whether the caller is on the frozen roll.' })
  onRoll!: boolean;

  @Field(() => Date, { nullable: true })
  castAt!: Date | null;

  @Field(() => BallotChannelEnum, { nullable: true })
  channel!: BallotChannel | null;
}

/** Opening, casting, recording and closing votes on motions. */
@Resolver(() => Motion)
export class MotionVotingResolver {
  constructor(
    private readonly motions: MotionsService,
    private readonly voting: VotingService,
    private readonly territory: TerritoryService,
  ) {}

  @Mutation(() => Motion, {
    description:
      "A steward of the motion's place, in deliberation: freezes the roll (owners for an owners' matter, adult residents otherwise).",
  })
  async openVoting(@Args('input') input: OpenVotingInput, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, input.motionId);
    requirePermission(mayStewardMotion(motion));
    return this.voting.open(motion, input);
  }

  @Mutation(() => BallotReceipt, { description: 'The voter themself, online: a person on the frozen roll, once.' })
  async castBallot(
    @Args('input') input: CastBallotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<BallotReceipt> {
    requirePermission(currentActor().kind === 'person');
    const motion = await this.motions.require(loaders, input.motionId);
    const vote = await this.voting.requireOpenVote(loaders, motion);
    const voter = await this.voting.callerOnRoll(vote);
    if (!voter) throw VotingErrors.notOnRoll(vote.method === 'OWNERS_JOINT_DECISION');
    return {
      motionId: motion.id,
      channel: 'ONLINE',
      ...(await this.voting.cast(motion, vote, { voter, channel: 'ONLINE', input })),
    };
  }

  @Mutation(() => BallotReceipt, {
    description:
      'A paper, door-to-door or proxy ballot, recorded by staff covering the voter’s building; once per voter.',
  })
  async recordBallot(
    @Args('input') input: RecordBallotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<BallotReceipt> {
    // Rights first: a resident or a partner learns nothing here, not even whether the motion or the vote exists.
    requirePermission(mayRecordBallots());
    // Then the motion's place: to staff who take no ballots there, a motion answers as one that does not exist.
    const motion = await this.motions.load(loaders, input.motionId);
    const ballotPlaces = await this.territory.placesOf(loaders, ballotPlaceIdsOf());
    if (!motion || !mayRecordBallotsIn(motion, ballotPlaces)) throw MotionErrors.notFound(input.motionId);
    const vote = await this.voting.requireOpenVote(loaders, motion);
    // Whether someone is on a roll is private: a voter who is not on it and one the caller does not take ballots for answer alike.
    const voter = await this.voting.voterOnRoll(vote, input.voterId);
    if (!voter || !mayRecordBallotFor(vote, voter)) throw VotingErrors.notYourVoter();
    const { channel, proxyName, proxyAuthorisation } = input;
    return {
      motionId: motion.id,
      channel,
      ...(await this.voting.cast(motion, vote, { voter, channel, input, proxyName, proxyAuthorisation })),
    };
  }

  @Mutation(() => Motion, {
    description:
      'A steward: once voting has ended, or everyone on the roll has voted. Counts, and moves the motion to PASSED or REJECTED.',
  })
  async closeVoting(@Args() { id }: MotionIdArgs, @Context() { loaders }: GraphQLRequestContext) {
    const motion = await this.motions.require(loaders, id);
    requirePermission(mayStewardMotion(motion));
    return this.voting.close(motion, await this.voting.requireOpenVote(loaders, motion));
  }

  @ResolveField(() => Vote, { nullable: true, description: 'The vote being held or last held on it.' })
  vote(@Parent() motion: MotionDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.voting.load(loaders, motion.currentVoteId);
  }
}

@Resolver(() => Vote)
export class VoteResolver {
  constructor(private readonly voting: VotingService) {}

  @ResolveField(() => Float, { description: 'Floor area on the roll, m² (owners’ votes).' })
  rollArea(@Parent() vote: VoteDocument) {
    return toSquareMetres(vote.rollArea);
  }

  @ResolveField(() => VoteResultView, { nullable: true, description: 'Once closed.' })
  result(@Parent() vote: VoteDocument) {
    return vote.result && presentResult(vote.result, vote.options);
  }

  @ResolveField(() => MyBallot, { description: 'Whether the caller is on the roll and has voted.' })
  myBallot(@Parent() vote: VoteDocument, @Context() { loaders }: GraphQLRequestContext): Promise<MyBallot> {
    return this.voting.myBallot(loaders, vote);
  }

  @ResolveField(() => VoterConnection, {
    nullable: true,
    description: 'The frozen roll: staff who take ballots there (a building’s voters for its building group leader).',
  })
  voterRoll(@Parent() vote: VoteDocument, @Args() { buildingId, ...page }: VoterRollArgs) {
    requirePermission(mayInspectRoll(vote, buildingId ?? null));
    return this.voting.rollOf(vote, buildingId ?? null, page);
  }

  @ResolveField(() => BallotRecordConnection, {
    nullable: true,
    description: 'Who voted, how and when, in order; what they voted only when the ballot is not secret.',
  })
  ballots(@Parent() vote: VoteDocument, @Args() args: ConnectionArgs, @Context() { loaders }: GraphQLRequestContext) {
    requirePermission(mayInspectRoll(vote));
    return this.voting.ballotsOf(loaders, vote, args);
  }
}

@Resolver(() => VoterRollEntry)
export class VoterResolver {
  constructor(private readonly voting: VotingService) {}

  @ResolveField(() => Float, { description: 'Their floor area, m² (0 on a residents’ roll).' })
  area(@Parent() voter: VoterRollEntryDocument) {
    return toSquareMetres(voter.area);
  }

  @ResolveField(() => [Household], {
    description: 'The units this owner holds (one head for all of them); the household of a resident.',
  })
  households(@Parent() voter: VoterRollEntryDocument) {
    return voter.householdIds.map((id) => ({ id }));
  }

  @ResolveField(() => [Resident], { description: 'Who may cast this ballot online.' })
  residents(@Parent() voter: VoterRollEntryDocument) {
    return voter.residentIds.map((id) => ({ id }));
  }

  @ResolveField(() => Boolean)
  voted(@Parent() voter: VoterRollEntryDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.voting.hasVoted(loaders, voter);
  }
}

@Resolver(() => BallotParticipation)
export class BallotRecordResolver {
  constructor(private readonly voting: VotingService) {}

  @ResolveField(() => VoterRollEntry)
  voter(@Parent() record: BallotParticipationDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.voting.voterOf(loaders, record.voterId);
  }

  @ResolveField(() => YesNoChoiceEnum, { nullable: true, description: 'Open ballots only; never for a secret one.' })
  choice(@Parent() record: BallotParticipationDocument): YesNoChoice | null {
    return record.content?.choice ?? null;
  }

  @ResolveField(() => [ID], { nullable: true, description: 'Open approval ballots only.' })
  approvals(@Parent() record: BallotParticipationDocument) {
    return record.content?.approvals ?? null;
  }

  @ResolveField(() => [ID], { nullable: true, description: 'Open ranked ballots only.' })
  ranking(@Parent() record: BallotParticipationDocument) {
    return record.content?.ranking ?? null;
  }
}
