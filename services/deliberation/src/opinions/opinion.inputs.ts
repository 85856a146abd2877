import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsMongoId, IsOptional, IsString, Length } from 'class-validator';
import { RaiseMotionInput } from '../motions/motion.inputs';
import { MAX_TAGS, OpinionChannel, OpinionStatus } from './opinion.schema';

/** Tags are compared as written, without surrounding blanks and without repeats. */
const tidyTags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((tag) => String(tag).trim()))] : value;

@InputType({ description: 'An opinion (社情民意) collected about a place.' })
export class RecordOpinionInput {
  @Field(() => ID, { description: 'The community, compound or building it is about.' })
  @IsMongoId()
  placeId!: string;

  @Field({ description: 'What the resident said, 5 to 2,000 characters.' })
  @Length(5, 2000)
  text!: string;

  @Field(() => [String], { defaultValue: [], description: `e.g. 停车, 路灯; at most ${MAX_TAGS}.` })
  @Transform(tidyTags)
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, 12, { each: true })
  tags: string[] = [];

  @Field(() => OpinionChannel, { defaultValue: OpinionChannel.ONLINE, description: 'How it was collected.' })
  @IsEnum(OpinionChannel)
  channel: OpinionChannel = OpinionChannel.ONLINE;

  @Field(() => ID, {
    nullable: true,
    description: 'Staff collecting it for a registered resident: whose opinion it is.',
  })
  @IsOptional()
  @IsMongoId()
  residentId?: string;
}

@InputType({ description: 'Tags for an opinion.' })
export class TagOpinionInput {
  @Field(() => ID, { description: 'The opinion tagged.' })
  @IsMongoId()
  opinionId!: string;

  @Field(() => [String], { description: 'Replaces its tags.' })
  @Transform(tidyTags)
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, 12, { each: true })
  tags!: string[];
}

@InputType({ description: 'An answer to an opinion, without a motion.' })
export class AnswerOpinionInput {
  @Field(() => ID, { description: 'The opinion answered.' })
  @IsMongoId()
  opinionId!: string;

  @Field({ description: 'The answer the resident reads.' })
  @Length(2, 2000)
  answer!: string;
}

@InputType({ description: 'An opinion taken up as a motion: the motion to raise, and the opinion.' })
export class PromoteOpinionInput extends RaiseMotionInput {
  @Field(() => ID, { description: 'The opinion taken up.' })
  @IsMongoId()
  opinionId!: string;
}

@ArgsType()
export class OpinionsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Opinions about this community, compound or building.' })
  @IsOptional()
  @IsMongoId()
  placeId?: string;

  @Field({ nullable: true, description: 'Only the opinions with this tag.' })
  @IsOptional()
  @Length(1, 12)
  tag?: string;

  @Field(() => OpinionStatus, { nullable: true, description: 'Only the opinions with this status.' })
  @IsOptional()
  @IsEnum(OpinionStatus)
  status?: OpinionStatus;
}
