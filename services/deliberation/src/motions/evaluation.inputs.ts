import { RuleOverrideInput } from '@gongzhi/platform';
import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { MotionStepInput } from './motion.inputs';

@InputType({ description: 'A resident’s rating of a motion’s outcome.' })
export class RateOutcomeInput extends MotionStepInput {
  @Field(() => Int, { description: '1 (poor) to 5 (very good).' })
  @IsInt()
  @Min(1)
  @Max(5)
  stars!: number;

  @Field({ nullable: true, description: 'What the resident wants to say with it, up to 1,000 characters.' })
  @IsOptional()
  @Length(1, 1000)
  comment?: string;
}

@InputType({ description: 'Closing a motion’s evaluation, and the motion.' })
export class CloseEvaluationInput extends MotionStepInput {
  @Field(() => RuleOverrideInput, {
    nullable: true,
    description: 'Closing with no rating, on purpose: the community secretary or street staff, with the reason.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleOverrideInput)
  override?: RuleOverrideInput;
}
