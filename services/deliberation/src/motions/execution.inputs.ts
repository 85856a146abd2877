import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsMongoId, IsOptional, Length } from 'class-validator';

@ArgsType()
export class RecordMilestoneArgs {
  @Field(() => ID)
  @IsMongoId()
  motionId!: string;

  @Field({ description: 'e.g. 图纸设计完成, 灯杆壁厚抽检合格, 路灯全部点亮.' })
  @Length(2, 120)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

@ArgsType()
export class CompleteExecutionArgs {
  @Field(() => ID)
  @IsMongoId()
  motionId!: string;

  @Field({ description: 'What was done, for the residents who will rate it.' })
  @Length(2, 2000)
  summary!: string;
}
