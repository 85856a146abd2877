import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsEnum, IsMongoId, IsOptional, Length, ValidateNested } from 'class-validator';
import { PartnerUnitKind } from './partner-unit.schema';

@InputType()
export class PartnerListItemInput {
  @Field()
  @Length(1, 80)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  description?: string;
}

@InputType()
export class RegisterPartnerUnitInput {
  @Field()
  @Length(1, 80)
  name!: string;

  @Field(() => PartnerUnitKind)
  @IsEnum(PartnerUnitKind)
  kind!: PartnerUnitKind;

  @Field(() => [PartnerListItemInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartnerListItemInput)
  resourcesOffered?: PartnerListItemInput[];

  @Field(() => [PartnerListItemInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartnerListItemInput)
  needsRaised?: PartnerListItemInput[];
}

@InputType()
export class SignCoBuildingAgreementInput {
  @Field(() => ID)
  @IsMongoId()
  partnerUnitId!: string;

  @Field(() => ID)
  @IsMongoId()
  communityId!: string;

  @Field()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  validFrom!: Date;

  @Field()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  validUntil!: Date;

  @Field()
  @Length(1, 500)
  scope!: string;
}

@ArgsType()
export class PartnerUnitsArgs extends ConnectionArgs {
  @Field(() => PartnerUnitKind, { nullable: true })
  @IsOptional()
  @IsEnum(PartnerUnitKind)
  kind?: PartnerUnitKind;

  @Field(() => ID, {
    nullable: true,
    description:
      'Partners with an agreement with the community (社区) of this place: a community, or a compound (小区) or building (楼栋) in it.',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}
