import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsEnum, IsMongoId, IsOptional, Length, ValidateNested } from 'class-validator';
import { PartnerUnitKind } from './partner-unit.schema';

/** A title and, if any, more detail: a partner's resource or need, an item of a community's lists, a project. */
@InputType({ isAbstract: true })
export abstract class TitledInput {
  @Field({ description: 'A short title, e.g. 周末义诊, 老旧小区加装电梯.' })
  @Length(1, 80)
  title!: string;

  @Field({ nullable: true, description: 'More detail, if any.' })
  @IsOptional()
  @Length(1, 500)
  description?: string;
}

@InputType({ description: 'A resource a partner offers (亮资源) or a need it raises (提需求).' })
export class PartnerListItemInput extends TitledInput {}

@InputType({ description: 'A new co-building partner unit (共建单位).' })
export class RegisterPartnerUnitInput {
  @Field({ description: "The unit's name." })
  @Length(1, 80)
  name!: string;

  @Field(() => PartnerUnitKind, { description: 'What kind of unit it is.' })
  @IsEnum(PartnerUnitKind)
  kind!: PartnerUnitKind;

  @Field(() => [PartnerListItemInput], {
    nullable: true,
    description: 'The resources the unit offers communities (亮资源).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartnerListItemInput)
  resourcesOffered?: PartnerListItemInput[];

  @Field(() => [PartnerListItemInput], { nullable: true, description: 'The needs the unit raises (提需求).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartnerListItemInput)
  needsRaised?: PartnerListItemInput[];
}

@InputType({ description: 'A co-building agreement (互联共建协议) between a partner unit and a community.' })
export class SignCoBuildingAgreementInput {
  @Field(() => ID, { description: 'The partner unit (共建单位) signing.' })
  @IsMongoId()
  partnerUnitId!: string;

  @Field(() => ID, { description: 'The community (社区) signing.' })
  @IsMongoId()
  communityId!: string;

  @Field({ description: 'When the agreement starts to apply.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  validFrom!: Date;

  @Field({ description: 'When the agreement ends; not before validFrom.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  validUntil!: Date;

  @Field({ description: 'What the two sides agree to do together.' })
  @Length(1, 500)
  scope!: string;
}

@ArgsType()
export class PartnerUnitsArgs extends ConnectionArgs {
  @Field(() => PartnerUnitKind, { nullable: true, description: 'Only partner units of this kind.' })
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
