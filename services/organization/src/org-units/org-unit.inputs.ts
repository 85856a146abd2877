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

@InputType({ description: 'A person holding a post in an org unit: its leader or a member.' })
export class OrgUnitPersonInput {
  @Field({ description: "The person's name, e.g. 沈秀英." })
  @IsString()
  @Length(1, 60)
  name!: string;

  @Field(() => ID, { nullable: true, description: "The person's resident record, when they live in the territory." })
  @IsOptional()
  @IsMongoId()
  residentId?: string;

  @Field({ nullable: true, description: 'The post, e.g. 书记, 委员, 楼道长.' })
  @IsOptional()
  @Length(1, 30)
  post?: string;
}

@InputType({ description: 'A piece of territory an org unit covers.' })
export class TerritoryRefInput {
  @Field(() => TerritoryKind, { description: 'Which level of territory id names.' })
  kind!: TerritoryKind;

  @Field(() => ID, { description: 'The id of the territory of that kind.' })
  @IsMongoId()
  id!: string;
}

@InputType({ description: 'A new org unit, one tier below its parent.' })
export class CreateOrgUnitInput {
  @Field(() => Int, { description: '1 (street committee) to 5 (building group); exactly one below the parent.' })
  @IsInt()
  @Min(TOP_TIER)
  @Max(BOTTOM_TIER)
  tier!: number;

  @Field({ description: "The unit's name, unique among its siblings." })
  @IsString()
  @Length(1, 80)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Required below tier 1.' })
  @IsOptional()
  @IsMongoId()
  parentId?: string;

  @Field({
    nullable: true,
    description:
      'The naming of tiers for the whole tree, chosen at tier 1 (the default scheme when left out). Every unit created in the tree takes it; below tier 1 it may be left out, and naming another scheme is refused.',
  })
  @IsOptional()
  @IsString()
  tierScheme?: string;

  @Field(() => OrgUnitPersonInput, { nullable: true, description: 'The person leading the unit, if known.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrgUnitPersonInput)
  leader?: OrgUnitPersonInput;

  @Field(() => [OrgUnitPersonInput], { nullable: true, description: "The unit's members, if known." })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrgUnitPersonInput)
  members?: OrgUnitPersonInput[];

  @Field(() => [TerritoryRefInput], {
    nullable: true,
    description: 'The communities, compounds or buildings the unit is responsible for.',
  })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput[];
}

@ArgsType()
export class OrgUnitsArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Only units at this tier, 1 to 5.' })
  @IsOptional()
  @IsInt()
  @Min(TOP_TIER)
  @Max(BOTTOM_TIER)
  tier?: number;

  @Field(() => ID, { nullable: true, description: 'Only the direct children of this unit.' })
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
