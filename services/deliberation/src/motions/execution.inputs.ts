import { RuleOverrideInput } from '@gongzhi/platform';
import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { MotionStepInput } from './motion.inputs';

@InputType({ description: 'A milestone of carrying out a motion.' })
export class RecordMilestoneInput extends MotionStepInput {
  @Field({ description: 'e.g. 图纸设计完成, 灯杆壁厚抽检合格, 路灯全部点亮.' })
  @Length(2, 120)
  title!: string;

  @Field({ nullable: true, description: 'What residents should know about it.' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'The work of a motion done.' })
export class CompleteExecutionInput extends MotionStepInput {
  @Field({ description: 'What was done, for the residents who will rate it.' })
  @Length(2, 2000)
  summary!: string;

  @Field(() => RuleOverrideInput, {
    nullable: true,
    description:
      'Completing with no milestone recorded, on purpose: the community secretary or street staff, with the reason.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleOverrideInput)
  override?: RuleOverrideInput;
}
