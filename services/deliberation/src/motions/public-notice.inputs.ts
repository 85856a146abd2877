import { DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsMongoId, Length } from 'class-validator';
import { MotionStepInput } from './motion.inputs';

@InputType({ description: 'Posting a passed motion’s decision (公示).' })
export class PublishNoticeInput extends MotionStepInput {
  @Field({ description: 'Until when residents may object (公示期), commonly seven days.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  objectionWindowEndsAt!: Date;
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
