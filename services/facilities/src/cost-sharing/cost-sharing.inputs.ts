import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsMongoId,
  IsOptional,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CostSplit } from './cost-share.schema';

@InputType({ description: 'A household sharing the cost.' })
export class CostShareHouseholdInput {
  @Field(() => ID, { description: 'The household, of the compound.' })
  @IsMongoId()
  householdId!: string;
}

@InputType({ description: 'A shared expense of a compound to split among its households.' })
export class CreateCostShareInput {
  @Field(() => ID, { description: 'The compound whose households share the cost.' })
  @IsMongoId()
  compoundId!: string;

  @Field({ description: 'What the money is for, e.g. 智能道杆安装.' })
  @Length(1, 100)
  title!: string;

  @Field(() => Int, { description: 'In fen (分): ¥12,800.00 is 1280000.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  totalFen!: number;

  @Field(() => CostSplit, { description: 'How to split it: the same per household, or by floor area.' })
  @IsEnum(CostSplit)
  splitBy!: CostSplit;

  @Field(() => [CostShareHouseholdInput], {
    nullable: true,
    description:
      'The households sharing the cost, every one once; every household of the compound on the register when left out. ' +
      'A split by floor area weighs each by its exclusive floor area on the property register: a caller names no area.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CostShareHouseholdInput)
  households?: CostShareHouseholdInput[];
}

@InputType({ description: 'A payment a household made towards its share.' })
export class RecordCostSharePaymentInput {
  @Field(() => ID, { description: 'The shared cost.' })
  @IsMongoId()
  costShareId!: string;

  @Field(() => ID, { description: 'The household that paid: one sharing the cost.' })
  @IsMongoId()
  householdId!: string;

  @Field(() => Int, { description: 'In fen, at most what the household still owes.' })
  @IsInt()
  @Min(1)
  amountFen!: number;
}

@ArgsType()
export class CostSharesArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'A community (the shared costs of all its compounds) or a compound.' })
  @IsMongoId()
  placeId!: string;
}
