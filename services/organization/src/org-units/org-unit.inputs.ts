import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '@gongzhi/platform';
import { BOTTOM_TIER, TOP_TIER, TerritoryKind } from './org-unit.schema';

@InputType()
export class OrgUnitPersonInput {
  @Field()
  @IsString()
  @Length(1, 60)
  name!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsMongoId()
  residentId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 30)
  post?: string;
}

@InputType()
export class TerritoryRefInput {
  @Field(() => TerritoryKind)
  kind!: TerritoryKind;

  @Field(() => ID)
  @IsMongoId()
  id!: string;
}

@InputType()
export class CreateOrgUnitInput {
  @Field(() => Int, { description: '1 (street committee) to 5 (building group); exactly one below the parent.' })
  @IsInt()
  @Min(TOP_TIER)
  @Max(BOTTOM_TIER)
  tier!: number;

  @Field()
  @IsString()
  @Length(1, 80)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Required below tier 1.' })
  @IsOptional()
  @IsMongoId()
  parentId?: string;

  @Field({ nullable: true, description: 'Tier-1 units only: the naming of tiers for the whole tree.' })
  @IsOptional()
  @IsString()
  tierScheme?: string;

  @Field(() => OrgUnitPersonInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrgUnitPersonInput)
  leader?: OrgUnitPersonInput;

  @Field(() => [OrgUnitPersonInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrgUnitPersonInput)
  members?: OrgUnitPersonInput[];

  @Field(() => [TerritoryRefInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput[];
}

@ArgsType()
export class OrgUnitsArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(TOP_TIER)
  @Max(BOTTOM_TIER)
  tier?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsMongoId()
  parentId?: string;

  @Field({ nullable: true, description: 'Part of the name, e.g. 淞源.' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  search?: string;
}

@ArgsType()
export class DescendantsArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Only descendants at this tier.' })
  @IsOptional()
  @IsInt()
  @Min(TOP_TIER)
  @Max(BOTTOM_TIER)
  tier?: number;
}

@InputType({ description: 'Moves an org unit, with its whole subtree, under another parent.' })
export class MoveOrgUnitInput {
  @Field(() => ID, { description: 'The unit to move.' })
  @IsMongoId()
  orgUnitId!: string;

  @Field(() => ID, { description: 'The new parent, at the same tier as the old one.' })
  @IsMongoId()
  newParentId!: string;
}

@InputType({ description: 'Gives an org unit a new name.' })
export class RenameOrgUnitInput {
  @Field(() => ID, { description: 'The unit to rename.' })
  @IsMongoId()
  orgUnitId!: string;

  @Field({ description: 'The new name, unique among the units under the same parent, e.g. 淞源社区党委.' })
  @IsString()
  @Length(1, 80)
  name!: string;
}

@InputType({ description: 'Defines (or redefines) a naming of the five tiers.' })
export class DefineTierSchemeInput {
  @Field({ description: 'The stable key trees name it by, e.g. party or territorial.' })
  @IsString()
  @Length(1, 30)
  key!: string;

  @Field(() => [String], { description: 'Five names, tier 1 first.' })
  @IsString({ each: true })
  tierNames!: string[];
}
