import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs } from '@gongzhi/platform';
import { ArrayMaxSize, ArrayMinSize, IsMongoId, IsOptional, Length } from 'class-validator';

@InputType({ description: 'A community alliance (社区联盟) to form.' })
export class FormAllianceInput {
  @Field({ description: 'Its name, e.g. 大龙景社区联盟; unique.' })
  @Length(2, 60)
  name!: string;

  @Field(() => ID, {
    description:
      'The street leading it: a tier 1 or tier 2 unit (街道大工委, or a street or 邻里大党委 below it) whose territory holds every member.',
  })
  @IsMongoId()
  leadingUnitId!: string;

  @Field(() => [ID], { description: 'The member communities (社区), at least two.' })
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsMongoId({ each: true })
  communityIds!: string[];
}

@InputType({ description: "A change to an alliance's name or members; what is left out stays as it is." })
export class ChangeAllianceInput {
  @Field(() => ID, { description: 'The alliance to change.' })
  @IsMongoId()
  allianceId!: string;

  @Field({ nullable: true, description: 'A new name.' })
  @IsOptional()
  @Length(2, 60)
  name?: string;

  @Field(() => [ID], { nullable: true, description: 'The whole new list of member communities, at least two.' })
  @IsOptional()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsMongoId({ each: true })
  communityIds?: string[];
}

@InputType({ description: 'A community alliance (社区联盟) to dissolve.' })
export class DissolveAllianceInput {
  @Field(() => ID, { description: 'The alliance to dissolve.' })
  @IsMongoId()
  allianceId!: string;
}

@ArgsType()
export class AlliancesArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'Only alliances the community (社区) of this place belongs to: a community, or a compound or building in it.',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}
