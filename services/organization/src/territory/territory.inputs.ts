import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@gongzhi/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsMongoId,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsResidentIdNumber } from './resident-id-number';
import { AgeBand, CommunityProfile, ResidentRelation } from './territory.schema';

@InputType({ description: 'A new community (社区).' })
export class CreateCommunityInput {
  @Field({ description: "The community's name, e.g. 淞源社区; unique." })
  @Length(1, 60)
  name!: string;

  @Field({ description: 'The street (街道) it belongs to, e.g. 斜塘街道.' })
  @Length(1, 60)
  street!: string;

  @Field({ description: 'City and district, e.g. 苏州市 苏州工业园区.' })
  @Length(1, 60)
  city!: string;

  @Field(() => CommunityProfile, { nullable: true, description: 'The kind of community, if classified.' })
  @IsOptional()
  @IsEnum(CommunityProfile)
  profile?: CommunityProfile;
}

@ArgsType()
export class CommunitiesArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only the communities of this type (communityProfileTypes), e.g. every 老旧小区型 community.',
  })
  @IsOptional()
  @IsMongoId()
  profileTypeId?: string;
}

@InputType({ description: 'A new residential compound (小区) in a community.' })
export class CreateCompoundInput {
  @Field(() => ID, { description: 'The community (社区) the compound belongs to.' })
  @IsMongoId()
  communityId!: string;

  @Field({ description: "The compound's name, unique within its community." })
  @Length(1, 60)
  name!: string;

  @Field({
    defaultValue: true,
    description:
      'False where owners run it themselves through a self-management committee (自管委员会); true when absent.',
  })
  @IsBoolean()
  hasPropertyCompany: boolean = true;
}

@InputType({ description: 'A new building (楼栋) in a compound.' })
export class CreateBuildingInput {
  @Field(() => ID, { description: 'The compound (小区) the building stands in.' })
  @IsMongoId()
  compoundId!: string;

  @Field({ description: 'As residents say it, e.g. 3幢; unique within its compound.' })
  @Length(1, 30)
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Number of floors above ground, 1 to 200, if known.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  floors?: number;
}

@InputType({
  description:
    "An owner (业主) of a household's unit and their share: a registered resident (residentId), or a name only for an owner who is not (yet) one.",
})
export class HouseholdOwnerInput {
  @Field({
    nullable: true,
    description:
      "The owner's name as on the property register; when absent, the resident's name (residentId is then required).",
  })
  @IsOptional()
  @Length(1, 60)
  name?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The owner as a registered resident (they may live in another unit or compound): one person owning several units then counts once by head in owners\u2019 votes.',
  })
  @IsOptional()
  @IsMongoId()
  residentId?: string;

  @Field(() => Float, { description: 'Share of the unit, 0 to 1; the shares of a household add up to 1.' })
  @IsNumber()
  @Min(0.0001)
  @Max(1)
  share!: number;
}

@InputType({ description: 'A new household (户) in a building.' })
export class RegisterHouseholdInput {
  @Field(() => ID, { description: 'The building (楼栋) the household is in.' })
  @IsMongoId()
  buildingId!: string;

  @Field({ description: 'The door, e.g. 502室.' })
  @Length(1, 20)
  unitNumber!: string;

  @Field(() => Float, { description: 'Exclusive floor area in m², per the property register.' })
  @IsNumber()
  @Min(1)
  @Max(10000)
  floorArea!: number;

  @Field(() => [HouseholdOwnerInput], { description: 'Shares must add up to 1.' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HouseholdOwnerInput)
  owners!: HouseholdOwnerInput[];
}

@InputType({ description: "A household's owners as the property register now has them, replacing the old list." })
export class ChangeHouseholdOwnersInput {
  @Field(() => ID, { description: 'The household (户) whose owners change.' })
  @IsMongoId()
  householdId!: string;

  @Field(() => [HouseholdOwnerInput], {
    description:
      'The new owners (empty: the developer holds the unit); shares add up to 1, each resident at most once.',
  })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HouseholdOwnerInput)
  owners!: HouseholdOwnerInput[];
}

@InputType({ description: 'A resident moving into a household.' })
export class MoveResidentInInput {
  @Field(() => ID, { description: 'The household the resident moves into.' })
  @IsMongoId()
  householdId!: string;

  @Field({ description: "The resident's name." })
  @Length(1, 60)
  name!: string;

  @Field({ nullable: true, description: 'Mainland mobile number, 11 digits.' })
  @IsOptional()
  @IsMobileNumber()
  phone?: string;

  @Field({ nullable: true, description: '居民身份证 number, 18 characters; a final x is read as X.' })
  @IsOptional()
  @AsResidentIdNumber()
  idNumber?: string;

  @Field(() => AgeBand, {
    nullable: true,
    description: "The resident's age band; may be left out when the birth date is given (which then decides it).",
  })
  @IsOptional()
  @IsEnum(AgeBand)
  ageBand?: AgeBand;

  @Field({
    nullable: true,
    description:
      'The date of birth, e.g. 2008-12-06T00:00:00+08:00: the age band follows it at each birthday that crosses a band (org.resident.age-band-changed). Only the moment of the next change is kept, not the date.',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  birthDate?: Date;

  @Field(() => ResidentRelation, {
    description:
      "How the resident relates to the household: owner, owner's family or tenant. An OWNER whose name is an owner's on the register not yet linked to a resident is linked to it.",
  })
  @IsEnum(ResidentRelation)
  relation!: ResidentRelation;
}

@InputType({ description: 'Records that a resident has moved out of their household.' })
export class MoveResidentOutInput {
  @Field(() => ID, { description: 'The resident moving out.' })
  @IsMongoId()
  residentId!: string;
}

@ArgsType()
export class ResidentsArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only residents living in this community (社区), compound (小区) or building (楼栋).',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;

  @Field({ nullable: true, description: 'Part of the name, e.g. 沈.' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  search?: string;

  @Field({
    nullable: true,
    description:
      'The resident with this whole mobile number: roles that may see whole phone numbers, where they cover.',
  })
  @IsOptional()
  @IsMobileNumber()
  phone?: string;

  @Field({
    nullable: true,
    description:
      'The resident with this whole 居民身份证 number: roles that may see whole ID numbers, where they cover.',
  })
  @IsOptional()
  @AsResidentIdNumber()
  idNumber?: string;
}

/** A mainland mobile number, as residents give it. */
function IsMobileNumber(): PropertyDecorator {
  return Matches(/^1\d{10}$/, { message: 'must be an 11-digit mobile number' });
}

/** A 居民身份证 number, its final x read as X (how it is sealed and looked up). */
function AsResidentIdNumber(): PropertyDecorator {
  return (target, property) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))(
      target,
      property,
    );
    IsResidentIdNumber()(target, property);
  };
}
