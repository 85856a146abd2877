import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsMongoId, IsOptional, Length } from 'class-validator';
import { CoBuildingProjectStatus } from './co-building-project.steps';
import { TitledInput } from '../partners/partners.inputs';
import { CommunityList, ResponsibilityDuty } from './three-lists.schema';

@InputType({ description: 'A responsibility the community committee lists on its 权责清单.' })
export class ListResponsibilityInput extends TitledInput {
  @Field(() => ID, { description: 'The community (社区) whose list it goes on.' })
  @IsMongoId()
  communityId!: string;

  @Field(() => ResponsibilityDuty, { description: 'Whether the committee performs it or assists with it (协助).' })
  @IsEnum(ResponsibilityDuty)
  duty!: ResponsibilityDuty;
}

@InputType({ description: "A residents' need the community collected (提需求), for its 需求清单." })
export class PostNeedInput extends TitledInput {
  @Field(() => ID, { description: 'The community (社区) whose list it goes on.' })
  @IsMongoId()
  communityId!: string;
}

@InputType({ description: 'A resource a partner unit offers a community (亮资源), for its 资源清单.' })
export class OfferResourceInput extends TitledInput {
  @Field(() => ID, { description: 'The community (社区) it is offered to: one with an agreement in force.' })
  @IsMongoId()
  communityId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The partner unit offering it: staff name it; a partner's key offers for its own unit and may leave it out.",
  })
  @IsOptional()
  @IsMongoId()
  partnerUnitId?: string;
}

@InputType({ description: '拟清单: the resources drafted against a need.' })
export class MatchResourcesToNeedInput {
  @Field(() => ID, { description: 'The need (an item of the 需求清单).' })
  @IsMongoId()
  needId!: string;

  @Field(() => [ID], {
    description: "Resources of the same community's 资源清单, 0 to 10; replaces the earlier draft.",
  })
  @ArrayMaxSize(10)
  @IsMongoId({ each: true })
  resourceIds!: string[];
}

@InputType({ description: '设项目: a co-building project taking up a need with resources.' })
export class SetUpCoBuildingProjectInput extends TitledInput {
  @Field(() => ID, { description: 'The need it takes up; not one another open project has taken up.' })
  @IsMongoId()
  needId!: string;

  @Field(() => [ID], { description: "Resources of the need's community it uses, 1 to 10." })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsMongoId({ each: true })
  resourceIds!: string[];

  @Field(() => ID, { description: 'The partner unit responsible: one with an agreement in force with the community.' })
  @IsMongoId()
  partnerUnitId!: string;
}

@InputType({ description: 'A co-building project to move on, and a note for its history if any.' })
export class CoBuildingProjectStepInput {
  @Field(() => ID, { description: 'The project.' })
  @IsMongoId()
  projectId!: string;

  @Field({ nullable: true, description: 'A note for its history, e.g. 街道已批复.' })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

@InputType({ description: 'A co-building project to give up, and why.' })
export class CancelCoBuildingProjectInput {
  @Field(() => ID, { description: 'The project.' })
  @IsMongoId()
  projectId!: string;

  @Field({ description: 'Why it is given up, e.g. 合作单位协议到期; kept in its history.' })
  @Length(2, 500)
  reason!: string;
}

/** A list of a community's: `placeId` names it, or a compound or building standing for it. */
@ArgsType()
abstract class CommunityPlaceArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'A community (社区), or a compound (小区) or building (楼栋) standing for its community; else every community the caller may read.',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}

@ArgsType()
export class CommunityListItemsArgs extends CommunityPlaceArgs {
  @Field(() => CommunityList, { nullable: true, description: 'Only the items of this list.' })
  @IsOptional()
  @IsEnum(CommunityList)
  list?: CommunityList;

  @Field(() => ID, { nullable: true, description: 'Only the resources this partner unit offers.' })
  @IsOptional()
  @IsMongoId()
  partnerUnitId?: string;
}

@ArgsType()
export class CoBuildingProjectsArgs extends CommunityPlaceArgs {
  @Field(() => CoBuildingProjectStatus, { nullable: true, description: 'Only projects in this status.' })
  @IsOptional()
  @IsEnum(CoBuildingProjectStatus)
  status?: CoBuildingProjectStatus;

  @Field(() => ID, { nullable: true, description: 'Only projects this partner unit is responsible for.' })
  @IsOptional()
  @IsMongoId()
  partnerUnitId?: string;
}
