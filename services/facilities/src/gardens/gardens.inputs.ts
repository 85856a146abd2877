import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsMongoId, IsNumber, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { GardenCareKind, GardenCovenant } from './garden-claim.schema';

@InputType({ description: 'A plot of a shared flower bed.' })
export class RegisterGardenPlotInput {
  @Field(() => ID, { description: 'The community or compound the flower bed is in.' })
  @IsMongoId()
  placeId!: string;

  @Field({ description: 'Unique in the community, e.g. 南门共享花圃 3号.' })
  @Length(1, 60)
  name!: string;

  @Field(() => Float, { description: 'In square metres.' })
  @IsNumber()
  @Min(0.1)
  @Max(10000)
  area!: number;

  @Field({ nullable: true, description: 'Where it is and what grows there.' })
  @IsOptional()
  @Length(1, 500)
  description?: string;
}

@InputType({
  description:
    'A claim for a household (a resident’s own when no household is named) or, by the managers, for a volunteer team.',
})
export class ClaimGardenPlotInput {
  @Field(() => ID, { description: 'The plot.' })
  @IsMongoId()
  plotId!: string;

  @Field(() => GardenCovenant, { description: 'The covenant the claimant signs.' })
  @ValidateNested()
  @Type(() => GardenCovenant)
  covenant!: GardenCovenant;

  @Field(() => ID, { nullable: true, description: 'The household: a resident’s own when absent.' })
  @IsOptional()
  @IsMongoId()
  householdId?: string;

  @Field({ nullable: true, description: 'For a volunteer team, e.g. 花田守护人.' })
  @IsOptional()
  @Length(1, 40)
  teamName?: string;
}

@InputType({ description: 'A round of care of a plot.' })
export class LogGardenCareInput {
  @Field(() => ID, { description: 'The plot cared for.' })
  @IsMongoId()
  plotId!: string;

  @Field(() => GardenCareKind, { description: 'What was done.' })
  @IsEnum(GardenCareKind)
  kind!: GardenCareKind;

  @Field({ nullable: true, description: 'e.g. 月季修剪, 补种了薄荷.' })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

@InputType({ description: 'The claim to give up.' })
export class ReleaseGardenClaimInput {
  @Field(() => ID, { description: 'The claim.' })
  @IsMongoId()
  claimId!: string;
}
