import { API_KEY_SCOPES, type ApiKeyScope } from '@gongzhi/contracts';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMinSize, ArrayUnique, IsIn, IsInt, IsMongoId, IsOptional, Max, Min } from 'class-validator';

@InputType()
export class IssueApiKeyInput {
  @Field(() => ID)
  @IsMongoId()
  partnerUnitId!: string;

  @Field(() => [String], { description: `What the key may do: ${API_KEY_SCOPES.join(', ')}.` })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: ApiKeyScope[];

  @Field(() => Int, { nullable: true, description: "Requests a minute; leave out for the gateway's default." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  rateLimitPerMinute?: number;
}

const MAX_OVERLAP_HOURS = 168;

@ArgsType()
export class RotateApiKeyArgs {
  @Field(() => ID)
  @IsMongoId()
  id!: string;

  @Field(() => Int, { defaultValue: 24, description: `How long the old key keeps working, 1 to ${MAX_OVERLAP_HOURS} hours.` })
  @IsInt()
  @Min(1)
  @Max(MAX_OVERLAP_HOURS)
  overlapHours: number = 24;
}
