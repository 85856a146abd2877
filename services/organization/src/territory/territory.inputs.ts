import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@gongzhi/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
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

@InputType()
export class CreateCommunityInput {
  @Field()
  @Length(1, 60)
  name!: string;

  @Field()
  @Length(1, 60)
  street!: string;

  @Field()
  @Length(1, 60)
  city!: string;

  @Field(() => CommunityProfile, { nullable: true })
  @IsOptional()
  @IsEnum(CommunityProfile)
  profile?: CommunityProfile;
}

@InputType()
export class CreateCompoundInput {
  @Field(() => ID)
  @IsMongoId()
  communityId!: string;

  @Field()
  @Length(1, 60)
  name!: string;

  @Field({ defaultValue: true })
  @IsBoolean()
  hasPropertyCompany: boolean = true;
}

@InputType()
export class CreateBuildingInput {
  @Field(() => ID)
  @IsMongoId()
  compoundId!: string;

  @Field()
  @Length(1, 30)
  name!: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  floors?: number;
}

@InputType()
export class HouseholdOwnerInput {
  @Field()
  @Length(1, 60)
  name!: string;

  @Field(() => Float)
  @IsNumber()
  @Min(0.0001)
  @Max(1)
  share!: number;
}

@InputType()
export class RegisterHouseholdInput {
  @Field(() => ID)
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

@InputType()
export class MoveResidentInInput {
  @Field(() => ID)
  @IsMongoId()
  householdId!: string;

  @Field()
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

  @Field(() => AgeBand)
  @IsEnum(AgeBand)
  ageBand!: AgeBand;

  @Field(() => ResidentRelation)
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
