import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsMongoId, IsNumber, IsOptional, Length, Matches } from 'class-validator';

@InputType({ description: 'A type of community to define for a city or a street (or, by operators, for every city).' })
export class DefineCommunityProfileTypeInput {
  @Field({ description: 'A short stable code, e.g. OLD_TOWN: capitals, digits and underscores.' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'code must be 2–40 capitals, digits or underscores, e.g. OLD_TOWN' })
  code!: string;

  @Field({ description: 'Its name, e.g. 老旧小区型.' })
  @Length(1, 30)
  name!: string;

  @Field({ nullable: true, description: 'What marks a community of this type.' })
  @IsOptional()
  @Length(1, 300)
  description?: string;

  @Field({
    nullable: true,
    description:
      'The city its communities are in, as they name it (苏州市 太仓市) or a prefix of that (苏州市); absent: every city (operators only).',
  })
  @IsOptional()
  @Length(1, 60)
  city?: string;

  @Field({ nullable: true, description: 'The street (街道) or town within the city; absent: the whole city.' })
  @IsOptional()
  @Length(1, 60)
  street?: string;
}

@InputType({ description: "A community's type in its city's or street's classification." })
export class SetCommunityProfileTypeInput {
  @Field(() => ID, { description: 'The community (社区).' })
  @IsMongoId()
  communityId!: string;

  @Field(() => ID, {
    description: 'A type that applies to the community (COMMUNITY_PROFILE_TYPE.ELSEWHERE otherwise).',
  })
  @IsMongoId()
  profileTypeId!: string;
}

@InputType({ description: "An indicator of a community's profile that the register cannot compute." })
export class RecordCommunityIndicatorInput {
  @Field(() => ID, { description: 'The community (社区).' })
  @IsMongoId()
  communityId!: string;

  @Field({ description: 'What it measures, e.g. 辖区面积; recording the same name again replaces the value.' })
  @Length(1, 30)
  name!: string;

  @Field(() => Float, { description: 'Its value.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @Field({ description: 'Its unit, e.g. 平方公里, 人, %.' })
  @Length(1, 10)
  unit!: string;
}

@ArgsType()
export class CommunityProfileTypesArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'Only the types that apply to the community (社区) of this place (a community, or a compound or building in it): its city’s, its street’s and every city’s.',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}
