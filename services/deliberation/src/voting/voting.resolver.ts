import {
  ConnectionArgs,
  currentActor,
  type GraphQLRequestContext,
  requirePermission,
  nullWhileDown,
} from '@gongzhi/platform';
import { Args, Context, Float, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Household, Resident } from '../organization-copy/organization.types';
import { TerritoryService } from '../organization-copy/territory.service';
import { Motion, type MotionDocument } from '../motions/motion.schema';
import { mayStewardMotion } from '../motions/motions.access';
import { MotionErrors } from '../motions/motion.errors';
import { MotionsService } from '../motions/motions.service';
import { toSquareMetres } from '../vote-counting/ratio';
import {
  YesNoChoiceEnum,
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
import { CastBallotInput, CloseVotingInput, OpenVotingInput, RecordBallotInput, VoterRollArgs } from './voting.inputs';
import { VotingService } from './voting.service';
import {
  BallotRecordConnection,
  CastBallotPayload,
  CloseVotingPayload,
  MyBallot,
  OpenVotingPayload,
  RecordBallotPayload,
  VoterConnection,
} from './voting.types';
import type { YesNoChoice } from '../vote-counting/vote-counting.types';

/** Opening, casting, recording and closing votes on motions. */
@Resolver(() => Motion)
export class MotionVotingResolver {
  constructor(
    private readonly motions: MotionsService,
    private readonly voting: VotingService,
    private readonly territory: TerritoryService,
  ) {}

  @Mutation(() => OpenVotingPayload, {
    description:
      "A steward of the motion's place, in deliberation: freezes the roll (owners for an owners' matter, adult residents otherwise).",
  })
  async openVoting(
    @Args('input', {
      description:
        'The motion, the voting method, the options and seats where the method has them, and when voting ends.',
    })
    input: OpenVotingInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<OpenVotingPayload> {
    const motion = await this.motions.require(loaders, input.motionId);
    requirePermission(mayStewardMotion(motion));
    return this.voting.open(motion, input);
  }

  @Mutation(() => CastBallotPayload, { description: 'The voter themself, online: a person on the frozen roll, once.' })
  async castBallot(
    @Args('input', { description: 'The motion under vote and the ballot.' }) input: CastBallotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CastBallotPayload> {
    requirePermission(currentActor().kind === 'person');
    const motion = await this.motions.require(loaders, input.motionId);
    const vote = await this.voting.requireOpenVote(loaders, motion);
    const voter = await this.voting.callerOnRoll(vote);
    if (!voter) throw VotingErrors.notOnRoll(vote.method === 'OWNERS_JOINT_DECISION');
    const { vote: counted, ...taken } = await this.voting.cast(motion, vote, { voter, channel: 'ONLINE', input });
    return { receipt: { motionId: motion.id, channel: 'ONLINE', ...taken }, vote: counted };
  }

  @Mutation(() => RecordBallotPayload, {
    description:
      'A paper, door-to-door or proxy ballot, recorded by staff covering the voter’s building; once per voter.',
  })
  async recordBallot(
    @Args('input', { description: 'The motion under vote, the voter, the ballot and how it came in.' })
    input: RecordBallotInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RecordBallotPayload> {
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
    const { vote: counted, ...taken } = await this.voting.cast(motion, vote, {
      voter,
      channel,
      input,
      proxyName,
      proxyAuthorisation,
    });
    return { receipt: { motionId: motion.id, channel, ...taken }, vote: counted };
  }

  @Mutation(() => CloseVotingPayload, {
    description:
      'A steward: once voting has ended, or everyone on the roll has voted. Counts, and moves the motion to PASSED or REJECTED.',
  })
  async closeVoting(
    @Args('input', { description: 'The motion whose vote closes and is counted.' }) { motionId }: CloseVotingInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<CloseVotingPayload> {
    const motion = await this.motions.require(loaders, motionId);
    requirePermission(mayStewardMotion(motion));
    const closed = await this.voting.close(motion, await this.voting.requireOpenVote(loaders, motion));
    return { motion: closed.motion, vote: closed.vote, result: presentResult(closed.result, closed.vote.options) };
  }

  @ResolveField(() => Vote, { nullable: true, description: 'The vote being held or last held on it.' })
  vote(@Parent() motion: MotionDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.voting.load(loaders, motion.currentVoteId);
  }
}

@Resolver(() => Vote)
export class VoteResolver {
  constructor(
    private readonly voting: VotingService,
    private readonly territory: TerritoryService,
  ) {}

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
  async voterRoll(
    @Parent() vote: VoteDocument,
    @Args() { placeId, ...page }: VoterRollArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    const place = placeId ? await this.territory.requirePlace(loaders, placeId) : null;
    // A place of another community holds none of the roll (rollOf answers it empty): the vote's own place is checked.
    requirePermission(mayInspectRoll(vote, place?.communityId === vote.communityId ? place : null));
    return this.voting.rollOf(vote, place, page);
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
    nullable: true,
    description: nullWhileDown(
      'The units this owner holds (one head for all of them); the household of a resident.',
      'organization',
    ),
  })
  households(@Parent() voter: VoterRollEntryDocument) {
    return voter.householdIds.map((id) => ({ id }));
  }

  @ResolveField(() => [Resident], {
    nullable: true,
    description: nullWhileDown('Who may cast this ballot online.', 'organization'),
  })
  residents(@Parent() voter: VoterRollEntryDocument) {
    return voter.residentIds.map((id) => ({ id }));
  }

  @ResolveField(() => Boolean, { description: 'Whether a ballot of theirs is in the box, by whatever channel.' })
  voted(@Parent() voter: VoterRollEntryDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.voting.hasVoted(loaders, voter);
  }
}

@Resolver(() => BallotParticipation)
export class BallotRecordResolver {
  constructor(private readonly voting: VotingService) {}

  @ResolveField(() => VoterRollEntry, { description: 'The voter on the roll it was cast for.' })
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
