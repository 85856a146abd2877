import { Connection } from '@gongzhi/platform';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Motion } from '../motions/motion.schema';
import { type BallotChannel, BallotChannelEnum, BallotParticipation, Vote, VoterRollEntry } from './vote.schema';
import { VoteResultView } from './vote-result.types';

/** GraphQL-only types of voting: connections, the ballot receipt, the caller's standing and the payloads. */

@ObjectType({ description: 'A page of a vote’s frozen roll.' })
export class VoterConnection extends Connection(VoterRollEntry, 'Voter') {}

@ObjectType({ description: 'A page of the ballots taken in a vote.' })
export class BallotRecordConnection extends Connection(BallotParticipation, 'BallotRecord') {}

@ObjectType({ description: 'A ballot taken: when and how. It never says what was voted.' })
export class BallotReceipt {
  @Field(() => ID, { description: 'The motion voted on.' })
  motionId!: string;

  @Field(() => BallotChannelEnum, { description: 'How the ballot came in.' })
  channel!: BallotChannel;

  @Field({ description: 'When it went into the box.' })
  castAt!: Date;

  @Field(() => Int, { description: 'Ballots in the box so far.' })
  ballotsCast!: number;
}

@ObjectType({ description: "The caller's own standing in a vote." })
export class MyBallot {
  @Field({ description: 'Whether the caller is on the frozen roll.' })
  onRoll!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the caller’s ballot was taken, if it was.' })
  castAt!: Date | null;

  @Field(() => BallotChannelEnum, { nullable: true, description: 'How the caller’s ballot came in, if it did.' })
  channel!: BallotChannel | null;
}

@ObjectType({ description: 'Voting opened on a motion.' })
export class OpenVotingPayload {
  @Field(() => Motion, { description: 'The motion, in VOTING.' })
  motion!: Motion;

  @Field(() => Vote, { description: 'The vote opened, with its frozen roll.' })
  vote!: Vote;
}

@ObjectType({ description: 'A ballot cast online by the voter.' })
export class CastBallotPayload {
  @Field(() => BallotReceipt, { description: 'The receipt: when and how, never what.' })
  receipt!: BallotReceipt;

  @Field(() => Vote, { description: 'The vote, with its ballots counted so far.' })
  vote!: Vote;
}

@ObjectType({ description: 'A paper, door-to-door or proxy ballot recorded by staff.' })
export class RecordBallotPayload {
  @Field(() => BallotReceipt, { description: 'The receipt: when and how, never what.' })
  receipt!: BallotReceipt;

  @Field(() => Vote, { description: 'The vote, with its ballots counted so far.' })
  vote!: Vote;
}

@ObjectType({ description: 'A vote closed and counted.' })
export class CloseVotingPayload {
  @Field(() => Motion, { description: 'The motion, PASSED or REJECTED.' })
  motion!: Motion;

  @Field(() => Vote, { description: 'The vote, closed.' })
  vote!: Vote;

  @Field(() => VoteResultView, { description: 'What the vote decided: the outcome, turnout and thresholds.' })
  result!: VoteResultView;
}
