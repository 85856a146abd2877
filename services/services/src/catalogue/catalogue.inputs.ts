import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsInt,
  IsMongoId,
  IsOptional,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AgeBand } from '../organization-copy/age-band';
import { CareCategory, CareDelivery, CareDomain, CostKind } from './care-item.schema';

/** Few enough that a resident can choose among them, and an item's providers stay a short list. */
export const MAX_PROVIDERS_PER_ITEM = 20;

@InputType({ description: 'Who may receive a care item.' })
export class EligibilityInput {
  @Field(() => [AgeBand], { description: 'The age bands it is for; at least one.' })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(AgeBand, { each: true })
  ageBands!: AgeBand[];

  @Field({ defaultValue: true, description: 'Only for residents living in the community.' })
  @IsBoolean()
  residentsOnly: boolean = true;
}

@InputType({ description: 'What the resident pays for a care item, in fen (分: 1/100 yuan), per unit.' })
export class CostInput {
  @Field(() => CostKind, { description: 'Free, subsidised or paid.' })
  @IsEnum(CostKind)
  kind!: CostKind;

  @Field(() => Int, { description: 'What the resident pays, in fen; 0 when FREE.' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  priceFen!: number;

  @Field(() => Int, { nullable: true, description: 'SUBSIDISED only: the price before the subsidy, in fen.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  fullPriceFen?: number;

  @Field({ description: '次, 餐, 天, 期…' })
  @Length(1, 8)
  unit!: string;
}

@InputType({ description: "A new item of a community's care catalogue." })
export class CreateCareItemInput {
  @Field(() => ID, { description: 'The community (社区) whose catalogue gets the item.' })
  @IsMongoId()
  communityId!: string;

  @Field({ description: "The item's name as residents see it, 1 to 60 characters; unique within the community." })
  @Length(1, 60)
  name!: string;

  @Field({ nullable: true, description: 'More about the item, up to 1000 characters.' })
  @IsOptional()
  @Length(1, 1000)
  description?: string;

  @Field(() => CareCategory, { description: 'The kind of care it gives.' })
  @IsEnum(CareCategory)
  category!: CareCategory;

  @Field(() => CareDelivery, { description: 'Ordered one at a time, or booked into sessions.' })
  @IsEnum(CareDelivery)
  delivery!: CareDelivery;

  @Field(() => EligibilityInput, { description: 'Who may receive it.' })
  @ValidateNested()
  @Type(() => EligibilityInput)
  eligibility!: EligibilityInput;

  @Field(() => CostInput, { description: 'What the resident pays for it.' })
  @ValidateNested()
  @Type(() => CostInput)
  cost!: CostInput;

  @Field(() => [ID], { description: `Providers of the same community, at most ${MAX_PROVIDERS_PER_ITEM}.` })
  @ArrayMaxSize(MAX_PROVIDERS_PER_ITEM)
  @ArrayUnique()
  @IsMongoId({ each: true })
  providerIds!: string[];

  @Field(() => Int, { nullable: true, description: 'IN_SESSIONS only (and required there): places in a session.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  sessionCapacity?: number;

  @Field({
    nullable: true,
    description: 'When it runs, as residents are told, e.g. 寒暑假 周一至周五 8:30–17:00; up to 200 characters.',
  })
  @IsOptional()
  @Length(1, 200)
  scheduleNote?: string;
}

@InputType({ description: 'The providers of a care item, replacing the previous ones.' })
export class SetCareItemProvidersInput {
  @Field(() => ID, { description: 'The care item.' })
  @IsMongoId()
  itemId!: string;

  @Field(() => [ID], {
    description:
      "The item's providers from now on, replacing the previous list: providers of the same community, at most 20.",
  })
  @ArrayMaxSize(MAX_PROVIDERS_PER_ITEM)
  @ArrayUnique()
  @IsMongoId({ each: true })
  providerIds!: string[];
}

@ArgsType()
export class CareItemFilterArgs extends ConnectionArgs {
  @Field(() => CareCategory, { nullable: true, description: 'Only items of this category.' })
  @IsOptional()
  @IsEnum(CareCategory)
  category?: CareCategory;

  @Field(() => CareDomain, { nullable: true, description: 'Only items of this domain (elder care or childcare).' })
  @IsOptional()
  @IsEnum(CareDomain)
  domain?: CareDomain;
}

@ArgsType()
export class CareItemsArgs extends CareItemFilterArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'A community, compound or building (社区, 小区 or 楼栋): the catalogue of the community it is or lies in.',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}
