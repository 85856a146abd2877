import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsMongoId, IsOptional, Length } from 'class-validator';
import { CareProviderKind } from './care-provider.schema';

@InputType({ description: 'A co-building partner unit registering as a care provider in a community.' })
export class RegisterPartnerCareProviderInput {
  @Field(() => ID, { description: 'A partner unit with a co-building agreement with the community.' })
  @IsMongoId()
  partnerUnitId!: string;

  @Field(() => ID, { description: 'The community (社区) the partner takes orders in.' })
  @IsMongoId()
  communityId!: string;

  @Field({ description: "The provider's name as residents see it when ordering." })
  @Length(1, 60)
  name!: string;

  @Field({ nullable: true, description: 'What the provider offers, in its own words.' })
  @IsOptional()
  @Length(1, 500)
  description?: string;
}

@InputType({ description: 'A resident registering as a volunteer care provider (东方达人) in their community.' })
export class RegisterVolunteerInput {
  @Field(() => ID, { description: 'The volunteer, a resident: they serve the community they live in.' })
  @IsMongoId()
  residentId!: string;

  @Field({ description: 'As residents see it, e.g. 东方达人 沈雪珍.' })
  @Length(1, 60)
  name!: string;

  @Field({ nullable: true, description: 'What the volunteer offers, in their own words.' })
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
