import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsMongoId, IsOptional, Length } from 'class-validator';
import { CareProviderKind } from './care-provider.schema';

@InputType()
export class RegisterPartnerCareProviderInput {
  @Field(() => ID, { description: 'A partner unit with a co-building agreement with the community.' })
  @IsMongoId()
  partnerUnitId!: string;

  @Field(() => ID)
  @IsMongoId()
  communityId!: string;

  @Field()
  @Length(1, 60)
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  description?: string;
}

@InputType()
export class RegisterVolunteerInput {
  @Field(() => ID, { description: 'The volunteer, a resident: they serve the community they live in.' })
  @IsMongoId()
  residentId!: string;

  @Field({ description: 'As residents see it, e.g. 东方达人 沈雪珍.' })
  @Length(1, 60)
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  description?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A partner provider of the same community that sends this volunteer.',
  })
  @IsOptional()
  @IsMongoId()
  coordinatorId?: string;
}

@ArgsType()
export class CareProvidersArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'A community, compound or building (社区, 小区 or 楼栋): the providers of the community it is or lies in.',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;

  @Field(() => CareProviderKind, { nullable: true, description: 'Only providers of this kind.' })
  @IsOptional()
  @IsEnum(CareProviderKind)
  kind?: CareProviderKind;
}

@ArgsType()
export class ProviderKindArgs extends ConnectionArgs {
  @Field(() => CareProviderKind, { nullable: true, description: 'Only providers of this kind.' })
  @IsOptional()
  @IsEnum(CareProviderKind)
  kind?: CareProviderKind;
}
