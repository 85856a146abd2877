import { API_KEY_SCOPES, type ApiKeyScope } from '@gongzhi/contracts';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMinSize, ArrayUnique, IsIn, IsInt, IsMongoId, IsOptional, Max, Min } from 'class-validator';

@InputType({ description: 'Issues an API key to a partner unit.' })
export class IssueApiKeyInput {
  @Field(() => ID, { description: 'The partner unit the key belongs to.' })
  @IsMongoId()
  partnerUnitId!: string;

  @Field(() => [String], { description: `What the key may do: ${API_KEY_SCOPES.join(', ')}.` })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: ApiKeyScope[];

  @Field(() => Int, {
    nullable: true,
    description:
      "Query cost points a minute this key may spend, over all gateways (a query costs the nodes it can return); leave out for the gateway's default.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  // The most a key may be granted is the operator's (API_KEY_MAX_RATE_LIMIT_PER_MINUTE): ApiKeysService.issue checks it.
  rateLimitPerMinute?: number;
}

/** A week: long enough to roll a new secret out everywhere, short enough that a forgotten old key dies. */
const MAX_OVERLAP_SECONDS = 7 * 24 * 3600;

@InputType({ description: 'Replaces an ACTIVE key with a new one of the same scopes.' })
export class RotateApiKeyInput {
  @Field(() => ID, { description: 'The ACTIVE key to replace.' })
  @IsMongoId()
  apiKeyId!: string;

  @Field(() => Int, {
    defaultValue: 86_400,
    description: `How long the old key keeps working, in seconds: 0 (not at all) to ${MAX_OVERLAP_SECONDS} (a week); a day unless given.`,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_OVERLAP_SECONDS)
  overlapSeconds: number = 86_400;
}

@InputType({ description: 'Stops a key for good.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key to revoke.' })
  @IsMongoId()
  apiKeyId!: string;
}
