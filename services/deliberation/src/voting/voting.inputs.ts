import { VOTING_METHODS, type VotingMethod } from '@gongzhi/contracts';
import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { YES_NO_CHOICES, type YesNoChoice } from '../vote-counting/vote-counting.types';
import { MotionStepInput } from '../motions/motion.inputs';
import { BallotChannelEnum, MAX_OPTIONS, VotingMethodEnum, YesNoChoiceEnum } from './vote.schema';

@InputType({ description: 'Opening the vote on a motion in deliberation.' })
export class OpenVotingInput extends MotionStepInput {
  @Field(() => VotingMethodEnum, {
    description: "OWNERS_JOINT_DECISION for an owners' matter; a residents' method otherwise.",
  })
  @IsIn(VOTING_METHODS)
  method!: VotingMethod;

  @Field(() => [String], {
    nullable: true,
    description: `APPROVAL and RANKED_CHOICE: the options' labels, 2 to ${MAX_OPTIONS}, in ballot-paper order.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_OPTIONS)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  options?: string[];

  @Field(() => Int, { nullable: true, description: 'APPROVAL: how many options win (default 1).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_OPTIONS - 1)
  seats?: number;

  @Field({ defaultValue: false, description: 'A secret ballot: nobody can ever read what a voter voted.' })
  @IsBoolean()
  secret: boolean = false;

  @Field({ description: 'When voting ends.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  endsAt!: Date;
}

@InputType({ description: 'A ballot: a choice, approvals or a ranking, as the vote’s method asks.' })
export class CastBallotInput extends MotionStepInput {
  @Field(() => YesNoChoiceEnum, { nullable: true, description: 'OWNERS_JOINT_DECISION, SIMPLE_MAJORITY, TWO_THIRDS.' })
  @IsOptional()
  @IsIn(YES_NO_CHOICES)
  choice?: YesNoChoice;

  @Field(() => [ID], {
    nullable: true,
    description: 'APPROVAL: the option ids approved (an empty list is a blank ballot).',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_OPTIONS)
  @IsString({ each: true })
  approvals?: string[];

  @Field(() => [ID], { nullable: true, description: 'RANKED_CHOICE: option ids, most preferred first.' })
  @IsOptional()
  @ArrayMaxSize(MAX_OPTIONS)
  @IsString({ each: true })
  ranking?: string[];
}

const RECORDED_CHANNELS = ['PAPER', 'DOOR_TO_DOOR', 'PROXY'] as const;

@InputType({ description: 'A ballot taken by staff on paper, at the door or by proxy, for a voter on the roll.' })
export class RecordBallotInput extends CastBallotInput {
  @Field(() => ID, { description: 'The voter on the roll (Vote.voterRoll).' })
  @IsMongoId()
  voterId!: string;

  @Field(() => BallotChannelEnum, {
    description: 'PAPER, DOOR_TO_DOOR or PROXY; ONLINE ballots are cast by the voter (castBallot).',
  })
  @IsIn(RECORDED_CHANNELS, { message: 'must be PAPER, DOOR_TO_DOOR or PROXY' })
  channel!: (typeof RECORDED_CHANNELS)[number];

  @Field({ nullable: true, description: 'PROXY: who cast it for the voter.' })
  @IsOptional()
  @Length(1, 60)
  proxyName?: string;

  @Field({ nullable: true, description: 'PROXY: the written authorisation (委托书), e.g. its number and date.' })
  @IsOptional()
  @Length(1, 200)
  proxyAuthorisation?: string;
}

@ArgsType()
export class VoterRollArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only the voters with a unit (or living) in this compound or building (a 小区 or 楼栋 id).',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}

@InputType({ description: 'Closing a vote and counting it.' })
export class CloseVotingInput extends MotionStepInput {}
