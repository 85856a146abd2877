import { DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsMongoId, Length } from 'class-validator';

@ArgsType()
export class PublishNoticeArgs {
  @Field(() => ID)
  @IsMongoId()
  motionId!: string;

  @Field({ description: 'Until when residents may object (公示期), commonly seven days.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  objectionWindowEndsAt!: Date;
}

@ArgsType()
export class RaiseObjectionArgs {
  @Field(() => ID)
  @IsMongoId()
  motionId!: string;

  @Field({ description: 'What is wrong with the decision, e.g. noise and traffic near a bridge landing.' })
  @Length(5, 2000)
  reason!: string;
}

export enum ObjectionDecision {
  /** The objection stands: the motion goes back to deliberation (and, changed, to a new vote). */
  UPHOLD = 'UPHOLD',
  DISMISS = 'DISMISS',
}
registerEnumType(ObjectionDecision, { name: 'ObjectionDecision' });

@ArgsType()
export class AnswerObjectionArgs {
  @Field(() => ID)
  @IsMongoId()
  objectionId!: string;

  @Field(() => ObjectionDecision)
  @IsEnum(ObjectionDecision)
  decision!: ObjectionDecision;

  @Field({ description: 'The answer the objector and the residents read.' })
  @Length(2, 2000)
  answer!: string;
}
