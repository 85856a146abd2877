import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsMongoId, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { CareOrderStatus } from './care-order.steps';

@InputType()
export class PlaceCareOrderInput {
  @Field(() => ID)
  @IsMongoId()
  itemId!: string;

  @Field(() => ID, {
    description:
      'Who the care is for: the caller, someone of their household, or (for grid workers) a resident they look after.',
  })
  @IsMongoId()
  residentId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "One of the item's providers; may be left out when the item has only one.",
  })
  @IsOptional()
  @IsMongoId()
  providerId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  wishedFor?: Date;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

@InputType()
export class AcceptCareOrderInput {
  @Field(() => ID)
  @IsMongoId()
  orderId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A partner may name one of the volunteers it sends (a provider it coordinates).',
  })
  @IsOptional()
  @IsMongoId()
  volunteerId?: string;
}

@InputType()
export class DeclineCareOrderInput {
  @Field(() => ID)
  @IsMongoId()
  orderId!: string;

  @Field()
  @Length(1, 500)
  reason!: string;
}

@InputType()
export class ScheduleCareOrderInput {
  @Field(() => ID)
  @IsMongoId()
  orderId!: string;

  @Field()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  scheduledFor!: Date;
}

@InputType()
export class VisitLogInput {
  @Field()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.HISTORY)
  startedAt!: Date;

  @Field(() => Int, { description: 'How long the visit took: what the volunteer time bank credits.' })
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  minutes!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 1000)
  note?: string;
}

@InputType()
export class CompleteCareOrderInput {
  @Field(() => ID)
  @IsMongoId()
  orderId!: string;

  @Field(() => VisitLogInput)
  @ValidateNested()
  @Type(() => VisitLogInput)
  visit!: VisitLogInput;
}

@InputType()
export class RateCareOrderInput {
  @Field(() => ID)
  @IsMongoId()
  orderId!: string;

  @Field(() => Int, { description: '1 to 5.' })
  @IsInt()
  @Min(1)
  @Max(5)
  stars!: number;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  comment?: string;
}

@InputType()
export class CancelCareOrderInput {
  @Field(() => ID)
  @IsMongoId()
  orderId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  reason?: string;
}

@ArgsType()
export class OrderFilterArgs extends ConnectionArgs {
  @Field(() => CareOrderStatus, { nullable: true, description: 'Only orders in this status.' })
  @IsOptional()
  @IsEnum(CareOrderStatus)
  status?: CareOrderStatus;
}

@ArgsType()
export class CareOrdersArgs extends OrderFilterArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Orders for residents living in this community, compound or building (社区, 小区 or 楼栋).',
  })
  @IsOptional()
  @IsMongoId()
  placeId?: string;

  @Field(() => ID, { nullable: true, description: 'Orders addressed to this provider.' })
  @IsOptional()
  @IsMongoId()
  providerId?: string;
}
