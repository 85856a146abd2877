import { DATE_WINDOWS, IsDateWithin, RuleOverrideInput } from '@gongzhi/platform';
import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsMongoId, IsOptional, Length, ValidateNested } from 'class-validator';
import { MotionStepInput } from './motion.inputs';

@InputType({ description: 'Posting a passed motion’s decision (公示).' })
export class PublishNoticeInput extends MotionStepInput {
  @Field({
    description:
      'Until when residents may object (公示期), commonly seven days; at least the configured minimum (5 days by default) from now.',
  })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  objectionWindowEndsAt!: Date;

  @Field(() => RuleOverrideInput, {
    nullable: true,
    description: 'A window shorter than the minimum, on purpose: street staff only, with the reason.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleOverrideInput)
  override?: RuleOverrideInput;
}

@InputType({ description: 'An objection to a notice.' })
export class RaiseObjectionInput extends MotionStepInput {
  @Field({ description: 'What is wrong with the decision, e.g. noise and traffic near a bridge landing.' })
  @Length(5, 2000)
  reason!: string;
}

@InputType({ description: 'Ending a notice whose window has run out.' })
export class CloseNoticeInput extends MotionStepInput {}

export enum ObjectionDecision {
  /** The objection stands: the motion goes back to deliberation (and, changed, to a new vote). */
  UPHOLD = 'UPHOLD',
  DISMISS = 'DISMISS',
}
registerEnumType(ObjectionDecision, {
  name: 'ObjectionDecision',
  description: 'How a steward answers an objection.',
  valuesMap: {
    UPHOLD: { description: 'The objection stands: the motion goes back to deliberation, its notice ends.' },
    DISMISS: { description: 'The objection is answered and the notice runs on.' },
  },
});

@InputType({ description: 'A steward’s answer to an objection.' })
export class AnswerObjectionInput {
  @Field(() => ID, { description: 'The objection answered.' })
  @IsMongoId()
  objectionId!: string;

  @Field(() => ObjectionDecision, { description: 'Uphold or dismiss it.' })
  @IsEnum(ObjectionDecision)
  decision!: ObjectionDecision;

  @Field({ description: 'The answer the objector and the residents read.' })
  @Length(2, 2000)
  answer!: string;
}
