import { MATTER_KINDS, type MatterKind, OWNERS_MATTERS, type OwnersMatter } from '@gongzhi/contracts';
import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsMongoId, IsOptional, IsString, Length } from 'class-validator';
import { MotionState } from './motion-state-machine';
import { MatterKindEnum, OwnersMatterEnum } from './motion.schema';

@InputType()
export class RaiseMotionInput {
  @Field(() => ID, {
    description: 'The community, compound or building the motion concerns: its residents see it and may co-sign.',
  })
  @IsMongoId()
  placeId!: string;

  @Field()
  @Length(2, 80)
  title!: string;

  @Field({ description: 'What is proposed and why.' })
  @Length(10, 4000)
  description!: string;

  @Field(() => MatterKindEnum)
  @IsIn(MATTER_KINDS)
  matterKind!: MatterKind;

  @Field(() => OwnersMatterEnum, {
    nullable: true,
    description: "An owners' matter (art. 278): decided by the owners of the compound or building.",
  })
  @IsOptional()
  @IsIn(OWNERS_MATTERS)
  ownersMatter?: OwnersMatter;

  @Field({
    defaultValue: false,
    description: 'A major matter goes to the branch committee for pre-review; owners’ matters always do.',
  })
  @IsBoolean()
  major: boolean = false;

  @Field(() => [ID], { nullable: true, description: 'Lamps the motion is about, for a lighting matter.' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  lampIds?: string[];
}

@ArgsType()
export class MotionIdArgs {
  @Field(() => ID)
  @IsMongoId()
  id!: string;
}

@ArgsType()
export class ReturnMotionArgs extends MotionIdArgs {
  @Field({ description: 'What the raiser should change.' })
  @Length(2, 1000)
  reasons!: string;
}

@InputType()
export class AmendMotionInput {
  @Field(() => ID)
  @IsMongoId()
  motionId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(2, 80)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(10, 4000)
  description?: string;

  @Field({ description: 'What changed and why, as the amendment list shows it.' })
  @Length(2, 300)
  summary!: string;
}

@ArgsType()
export class CommentOnMotionArgs {
  @Field(() => ID)
  @IsMongoId()
  motionId!: string;

  @Field()
  @Length(1, 2000)
  body!: string;
}

@ArgsType()
export class MotionFilterArgs extends ConnectionArgs {
  @Field(() => MotionState, { nullable: true })
  @IsOptional()
  @IsEnum(MotionState)
  state?: MotionState;

  @Field(() => MatterKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(MATTER_KINDS)
  matterKind?: MatterKind;
}

@ArgsType()
export class MotionsArgs extends MotionFilterArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'Motions of this community, compound or building (and, for a community, of its compounds and buildings).',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;
}
