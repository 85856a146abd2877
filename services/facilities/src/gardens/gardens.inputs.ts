import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsMongoId, IsNumber, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { GardenCareKind, GardenCovenant } from './garden-claim.schema';

@InputType()
export class RegisterGardenPlotInput {
  @Field(() => ID, { description: 'The community or compound the flower bed is in.' })
  @IsMongoId()
  placeId!: string;

  @Field()
  @Length(1, 60)
  name!: string;

  @Field(() => Float, { description: 'In square metres.' })
  @IsNumber()
  @Min(0.1)
  @Max(10000)
  area!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  description?: string;
}

@InputType({
  description:
    'A claim for a household (a resident’s own when no household is named) or, by the managers, for a volunteer team.',
})
export class ClaimGardenPlotInput {
  @Field(() => ID)
  @IsMongoId()
  plotId!: string;

  @Field(() => GardenCovenant)
  @ValidateNested()
  @Type(() => GardenCovenant)
  covenant!: GardenCovenant;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsMongoId()
  householdId?: string;

  @Field({ nullable: true, description: 'For a volunteer team, e.g. 花田守护人.' })
  @IsOptional()
  @Length(1, 40)
  teamName?: string;
}

@InputType()
export class LogGardenCareInput {
  @Field(() => ID)
  @IsMongoId()
  plotId!: string;

  @Field(() => GardenCareKind)
  @IsEnum(GardenCareKind)
  kind!: GardenCareKind;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

@ArgsType()
export class ReleaseGardenClaimArgs {
  @Field(() => ID)
  @IsMongoId()
  claimId!: string;
}
