import {
  BALLOT_CHANNELS,
  OWNERS_MATTERS,
  type OwnersMatter,
  VOTING_METHODS,
  type VotingMethod,
} from '@gongzhi/contracts';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { OwnersMatterEnum } from '../motions/motion.schema';
import { ActorRef, ActorRefSchema } from '../shared/actor-ref';
import { graphqlEnum } from '../shared/graphql-enum';
import { InPlace } from '../shared/in-place';
import { YES_NO_CHOICES, type BallotContent, type VoteResult } from '../vote-counting/vote-counting.types';

export const VotingMethodEnum = graphqlEnum(
  VOTING_METHODS,
  'VotingMethod',
  "OWNERS_JOINT_DECISION (Civil Code art. 278: by area and by head, over the owners' roll); SIMPLE_MAJORITY, TWO_THIRDS, " +
    'APPROVAL, RANKED_CHOICE (instant runoff) over the roll of adult residents.',
  {
    OWNERS_JOINT_DECISION:
      "The owners' joint decision of Civil Code art. 278 over the owners' roll: at least two thirds of the area and of " +
      'the owners take part, and more than half (three quarters for matters 6–8) of the area and owners taking part agree.',
    SIMPLE_MAJORITY:
      'A yes/no vote of adult residents: more than half of the roll takes part and more than half of the ballots cast are FOR.',
    TWO_THIRDS:
      'A yes/no vote of adult residents: more than half of the roll takes part and at least two thirds of the ballots cast are FOR.',
    APPROVAL:
      'Each voter approves any number of options; the options with the most approvals take the seats, once more than half of the roll took part.',
    RANKED_CHOICE:
      'Voters rank the options; instant runoff until an option holds more than half of the continuing ballots.',
  },
);
export const BallotChannelEnum = graphqlEnum(
  BALLOT_CHANNELS,
  'BallotChannel',
  'How a ballot came in: online by the voter, or recorded by staff from paper, at the door or by proxy.',
  {
    ONLINE: 'Cast online by the voter (castBallot).',
    PAPER: 'A paper ballot, recorded by staff (recordBallot).',
    DOOR_TO_DOOR: 'Collected at the door (入户), recorded by staff (recordBallot).',
    PROXY: 'Given by a proxy for the voter, recorded by staff (recordBallot).',
  },
);
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];
export const YesNoChoiceEnum = graphqlEnum(
  YES_NO_CHOICES,
  'YesNoChoice',
  'FOR, AGAINST or ABSTAIN; an abstention takes part.',
  {
    FOR: 'For the motion.',
    AGAINST: 'Against the motion.',
    ABSTAIN: 'Neither; counts as taking part, and not as agreeing.',
  },
);

@ObjectType({ description: 'An option on the ballot paper (a candidate name, a project).' })
@Schema({ _id: false })
export class VoteOption {
  @Field(() => ID, { description: 'The option’s id on this ballot paper (1, 2, …).' })
  @Prop({ required: true })
  id!: string;

  @Field({ description: 'The option as the ballot paper shows it.' })
  @Prop({ required: true })
  label!: string;
}
const VoteOptionSchema = SchemaFactory.createForClass(VoteOption);

/** Ballot papers hold at most this many options. */
export const MAX_OPTIONS = 20;

@ObjectType({
  description: 'A vote on a motion: its method, its frozen roll, the ballots cast and, once closed, the result.',
})
@Schema({ collection: 'votes', timestamps: true })
export class Vote extends InPlace {
  @Field(() => ID, { description: 'The vote’s id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  motionId!: Types.ObjectId;

  @Field(() => Int, { description: 'The first vote on the motion is 1; a vote after an upheld objection 2.' })
  @Prop({ required: true })
  number!: number;

  @Field(() => VotingMethodEnum, { description: 'How it is counted.' })
  @Prop({ type: String, enum: VOTING_METHODS, required: true })
  method!: VotingMethod;

  @Field(() => OwnersMatterEnum, { nullable: true, description: "The owners' matter (art. 278) it decides, if one." })
  @Prop({ type: String, enum: OWNERS_MATTERS, default: null })
  ownersMatter!: OwnersMatter | null;

  @Field(() => [VoteOption], { description: 'APPROVAL and RANKED_CHOICE: the ballot paper, in its order.' })
  @Prop({ type: [VoteOptionSchema], default: [] })
  options!: VoteOption[];

  @Field(() => Int, { description: 'APPROVAL: how many options win.' })
  @Prop({ default: 1 })
  seats!: number;

  @Field({ description: 'A secret ballot: what anyone voted is never stored with who they are.' })
  @Prop({ required: true })
  secret!: boolean;

  @Field({ description: 'When voting opened and the roll was frozen.' })
  @Prop({ required: true })
  opensAt!: Date;

  @Field({
    description: 'Ballots are taken until then; it closes then, or earlier once everyone on the roll has voted.',
  })
  @Prop({ required: true })
  endsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was closed and counted.' })
  @Prop({ type: Date, default: null })
  closedAt!: Date | null;

  @Field(() => Int, { description: 'Voters on the frozen roll, by head.' })
  @Prop({ required: true })
  rollHeads!: number;

  /** Their floor area in hundredths of a square metre (owners' votes). */
  @Prop({ required: true })
  rollArea!: number;

  @Field(() => Int, { description: 'Ballots in the box so far.' })
  @Prop({ default: 0 })
  ballotsCast!: number;

  @Field(() => Int, { description: 'Second ballots refused, each kept with who tried.' })
  @Prop({ default: 0 })
  refusedAttempts!: number;

  /** The engine's result, kept as counted (areas in hundredths of a m²); presented by VoteResultView. */
  @Prop({ type: SchemaTypes.Mixed, default: null })
  result!: VoteResult | null;
}
export const VoteSchema = SchemaFactory.createForClass(Vote);
VoteSchema.index({ motionId: 1, number: 1 }, { unique: true });
VoteSchema.index({ closedAt: 1, endsAt: 1 });
export type VoteDocument = HydratedDocument<Vote>;

/** One head on a frozen roll: an owner (with their units and area) or an adult resident. */
@ObjectType('Voter', {
  description: 'One head on the frozen roll: an owner with their units (art. 278 counting) or an adult resident.',
})
@Schema({ collection: 'voter_rolls' })
export class VoterRollEntry {
  @Field(() => ID, { description: 'The voter’s id on this roll (RecordBallotInput.voterId).' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  voteId!: Types.ObjectId;

  /** owners:<residentIds>, household:<id>, developer or resident:<id> (see vote-counting/owner-roll.ts). */
  @Prop({ required: true })
  key!: string;

  @Prop({ type: [String], default: [] })
  householdIds!: string[];

  /** Who may cast this voter's ballot online. */
  @Prop({ type: [String], default: [] })
  residentIds!: string[];

  /** Where the voter's units are (or where they live): staff covering them take their paper ballots. */
  @Prop({ type: [String], default: [] })
  compoundIds!: string[];

  @Prop({ type: [String], default: [] })
  buildingIds!: string[];

  /** Hundredths of a square metre; 0 on a residents' roll. */
  @Prop({ required: true })
  area!: number;
}
export const VoterRollEntrySchema = SchemaFactory.createForClass(VoterRollEntry);
VoterRollEntrySchema.index({ voteId: 1, key: 1 }, { unique: true });
VoterRollEntrySchema.index({ voteId: 1, residentIds: 1 });
VoterRollEntrySchema.index({ voteId: 1, buildingIds: 1 });
export type VoterRollEntryDocument = HydratedDocument<VoterRollEntry>;

/**
 * That a voter voted, how and when: one per voter and vote, whatever the channel (the unique index refuses a second).
 * What they voted is kept here only for an open ballot; a secret ballot's content goes to the ballot box alone.
 */
@ObjectType('BallotRecord', {
  description: 'That a voter voted, how and when; what they voted only for an open ballot.',
})
@Schema({ collection: 'ballot_participations' })
export class BallotParticipation {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  voteId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  voterId!: Types.ObjectId;

  @Field(() => BallotChannelEnum, { description: 'How the ballot came in.' })
  @Prop({ type: String, enum: BALLOT_CHANNELS, required: true })
  channel!: BallotChannel;

  @Field({ description: 'When it went into the box.' })
  @Prop({ required: true })
  castAt!: Date;

  @Field(() => ActorRef, {
    description: 'The voter online; the staff member who recorded a paper, door-to-door or proxy ballot.',
  })
  @Prop({ type: ActorRefSchema, required: true })
  recordedBy!: ActorRef;

  @Field(() => String, { nullable: true, description: 'PROXY: who voted for the owner or resident.' })
  @Prop({ type: String, default: null })
  proxyName!: string | null;

  @Field(() => String, { nullable: true, description: 'PROXY: the written authorisation (委托书) it was cast under.' })
  @Prop({ type: String, default: null })
  proxyAuthorisation!: string | null;

  /** Open ballots only. */
  @Prop({ type: SchemaTypes.Mixed, default: null })
  content!: BallotContent | null;
}
export const BallotParticipationSchema = SchemaFactory.createForClass(BallotParticipation);
BallotParticipationSchema.index({ voteId: 1, voterId: 1 }, { unique: true });
export type BallotParticipationDocument = HydratedDocument<BallotParticipation>;

/**
 * The ballot box: identical ballots counted together, with the heads and area behind them. It holds no voter and no
 * time — its id is made of the vote and the content, not an ObjectId with a creation time in it — so a secret ballot
 * cannot be traced back to its voter from the box. (The replica set's oplog does time every write; whoever can read
 * it is an operator trusted with the database itself.)
 */
@Schema({ collection: 'ballot_boxes', versionKey: false })
export class BallotBox {
  /** `<voteId>|<contentKey>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  voteId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.Mixed, required: true })
  content!: BallotContent;

  @Prop({ required: true, default: 0 })
  heads!: number;

  @Prop({ required: true, default: 0 })
  area!: number;
}
export const BallotBoxSchema = SchemaFactory.createForClass(BallotBox);

/** A second ballot for a voter who had voted: refused, and kept with who tried and how. */
@Schema({ collection: 'ballot_refusals' })
export class RefusedBallot {
  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  voteId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  voterId!: Types.ObjectId;

  @Prop({ type: String, enum: BALLOT_CHANNELS, required: true })
  channel!: BallotChannel;

  @Prop({ required: true })
  attemptedAt!: Date;

  @Prop({ type: ActorRefSchema, required: true })
  attemptedBy!: ActorRef;
}
export const RefusedBallotSchema = SchemaFactory.createForClass(RefusedBallot);
