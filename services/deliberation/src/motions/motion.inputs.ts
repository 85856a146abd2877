import { MATTER_KINDS, type MatterKind, OWNERS_MATTERS, type OwnersMatter } from '@gongzhi/contracts';
import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsMongoId, IsOptional, IsString, Length } from 'class-validator';
import { MotionStatus } from './motion-state-machine';
import { MatterKindEnum, OwnersMatterEnum } from './motion.schema';

@InputType({ description: 'A motion to raise about a place.' })
export class RaiseMotionInput {
  @Field(() => ID, {
    description: 'The community, compound or building the motion concerns: its residents see it and may co-sign.',
  })
  @IsMongoId()
  placeId!: string;

  @Field({ description: 'e.g. 七区路灯更新; 2 to 80 characters.' })
  @Length(2, 80)
  title!: string;

  @Field({ description: 'What is proposed and why.' })
  @Length(10, 4000)
  description!: string;

  @Field(() => MatterKindEnum, { description: 'What it is about.' })
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
  @Field(() => ID, { description: 'The motion’s id.' })
  @IsMongoId()
  id!: string;
}

/** The input of a step that needs nothing but the motion. */
@InputType({ isAbstract: true })
export abstract class MotionStepInput {
  @Field(() => ID, { description: 'The motion to take the step on.' })
  @IsMongoId()
  motionId!: string;
}

@InputType({ description: 'Co-signing a motion (联名).' })
export class CoSignMotionInput extends MotionStepInput {}

@InputType({ description: 'Submitting a motion once enough have co-signed.' })
export class SubmitMotionInput extends MotionStepInput {}

@InputType({ description: 'Accepting a motion in pre-review.' })
export class AcceptMotionInput extends MotionStepInput {}

@InputType({ description: 'Withdrawing a motion before its vote.' })
export class WithdrawMotionInput extends MotionStepInput {}

@InputType({ description: 'Returning a motion from pre-review to its raiser.' })
export class ReturnMotionInput extends MotionStepInput {
  @Field({ description: 'What the raiser should change.' })
  @Length(2, 1000)
  reasons!: string;
}

@InputType({ description: 'A comment in the deliberation of a motion.' })
export class CommentOnMotionInput extends MotionStepInput {
  @Field({ description: 'What is said, up to 2,000 characters.' })
  @Length(1, 2000)
  body!: string;
}

@InputType({ description: 'A change to a motion’s title or description.' })
export class AmendMotionInput extends MotionStepInput {
  @Field({ nullable: true, description: 'The new title; the title stays when omitted.' })
  @IsOptional()
  @Length(2, 80)
  title?: string;

  @Field({ nullable: true, description: 'The new description; the description stays when omitted.' })
  @IsOptional()
  @Length(10, 4000)
  description?: string;

  @Field({ description: 'What changed and why, as the amendment list shows it.' })
  @Length(2, 300)
  summary!: string;
}

@ArgsType()
export class MotionFilterArgs extends ConnectionArgs {
  @Field(() => MotionStatus, { nullable: true, description: 'Only the motions with this status.' })
  @IsOptional()
  @IsEnum(MotionStatus)
  status?: MotionStatus;

  @Field(() => MatterKindEnum, { nullable: true, description: 'Only the motions about this kind of matter.' })
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
