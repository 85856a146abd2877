import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsMongoId,
  IsNumber,
  IsOptional,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CostSplit } from './cost-share.schema';

@InputType()
export class CostShareHouseholdInput {
  @Field(() => ID)
  @IsMongoId()
  householdId!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Exclusive floor area in m², as on the property register: needed to split by floor area.',
  })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(10000)
  floorArea?: number;
}

@InputType()
export class CreateCostShareInput {
  @Field(() => ID)
  @IsMongoId()
  compoundId!: string;

  @Field()
  @Length(1, 100)
  title!: string;

  @Field(() => Int, { description: 'In fen (分): ¥12,800.00 is 1280000.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  totalFen!: number;

  @Field(() => CostSplit)
  @IsEnum(CostSplit)
  splitBy!: CostSplit;

  @Field(() => [CostShareHouseholdInput], { description: 'The households sharing the cost: every one once.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CostShareHouseholdInput)
  households!: CostShareHouseholdInput[];
}

@InputType()
export class RecordCostSharePaymentInput {
  @Field(() => ID)
  @IsMongoId()
  costShareId!: string;

  @Field(() => ID)
  @IsMongoId()
  householdId!: string;

  @Field(() => Int, { description: 'In fen.' })
  @IsInt()
  @Min(1)
  amountFen!: number;
}

@ArgsType()
export class CostSharesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsMongoId()
  compoundId!: string;
}
