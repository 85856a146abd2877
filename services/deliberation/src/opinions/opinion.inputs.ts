import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsMongoId, IsOptional, IsString, Length } from 'class-validator';
import { RaiseMotionInput } from '../motions/motion.inputs';
import { MAX_TAGS, OpinionChannel, OpinionStatus } from './opinion.schema';

/** Tags are compared as written, without surrounding blanks and without repeats. */
const tidyTags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((tag) => String(tag).trim()))] : value;

@InputType()
export class RecordOpinionInput {
  @Field(() => ID, { description: 'The community, compound or building it is about.' })
  @IsMongoId()
  placeId!: string;

  @Field()
  @Length(5, 2000)
  text!: string;

  @Field(() => [String], { defaultValue: [] })
  @Transform(tidyTags)
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, 12, { each: true })
  tags: string[] = [];

  @Field(() => OpinionChannel, { defaultValue: OpinionChannel.ONLINE })
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

@ArgsType()
export class TagOpinionArgs {
  @Field(() => ID)
  @IsMongoId()
  opinionId!: string;

  @Field(() => [String], { description: 'Replaces its tags.' })
  @Transform(tidyTags)
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, 12, { each: true })
  tags!: string[];
}

@ArgsType()
export class AnswerOpinionArgs {
  @Field(() => ID)
  @IsMongoId()
  opinionId!: string;

  @Field()
  @Length(2, 2000)
  answer!: string;
}

@InputType()
export class PromoteOpinionInput extends RaiseMotionInput {
  @Field(() => ID)
  @IsMongoId()
  opinionId!: string;
}

@ArgsType()
export class OpinionsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsMongoId()
  placeId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 12)
  tag?: string;

  @Field(() => OpinionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OpinionStatus)
  status?: OpinionStatus;
}
