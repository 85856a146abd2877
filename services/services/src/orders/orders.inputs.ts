import { ConnectionArgs, DATE_WINDOWS, IsDateWithin, RuleOverrideInput } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsMongoId, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { CareOrderStatus } from './care-order.steps';

@InputType({ description: "A resident's order (点单) for a care item delivered on request." })
export class PlaceCareOrderInput {
  @Field(() => ID, { description: 'The care item to order; one delivered on request.' })
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

  @Field({ nullable: true, description: 'When the resident would like the care, if they have a wish.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  wishedFor?: Date;

  @Field({ nullable: true, description: 'A note for the provider, up to 500 characters.' })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

@InputType({ description: 'A provider taking an order (接单).' })
export class AcceptCareOrderInput {
  @Field(() => ID, { description: 'The order to accept.' })
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

@InputType({ description: 'A provider declining an order.' })
export class DeclineCareOrderInput {
  @Field(() => ID, { description: 'The order to decline.' })
  @IsMongoId()
  orderId!: string;

  @Field({ description: "Why, 1 to 500 characters; kept in the order's history." })
  @Length(1, 500)
  reason!: string;
}

@InputType({ description: 'When an accepted order will be delivered.' })
export class ScheduleCareOrderInput {
  @Field(() => ID, { description: 'The order to schedule.' })
  @IsMongoId()
  orderId!: string;

  @Field({ description: 'When the provider will deliver the care.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  scheduledFor!: Date;
}

@InputType({ description: 'The log of the visit that delivered an order.' })
export class VisitLogInput {
  @Field({ description: 'When the visit started.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.HISTORY)
  startedAt!: Date;

  @Field(() => Int, { description: 'How long the visit took: what the volunteer time bank credits.' })
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  minutes!: number;

  @Field({ nullable: true, description: 'What was done, up to 1000 characters.' })
  @IsOptional()
  @Length(1, 1000)
  note?: string;
}

@InputType({ description: 'An order delivered, with the log of the visit.' })
export class CompleteCareOrderInput {
  @Field(() => ID, { description: 'The order to complete.' })
  @IsMongoId()
  orderId!: string;

  @Field(() => VisitLogInput, {
    description: 'The log of the visit that delivered the care: it starts no earlier than the visit was scheduled for.',
  })
  @ValidateNested()
  @Type(() => VisitLogInput)
  visit!: VisitLogInput;

  @Field(() => RuleOverrideInput, {
    nullable: true,
    description:
      'A visit logged before its scheduled time, on purpose (the resident asked for it early): the community secretary, with the reason.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleOverrideInput)
  override?: RuleOverrideInput;
}

@InputType({ description: "The resident's rating of a completed order." })
export class RateCareOrderInput {
  @Field(() => ID, { description: 'The order to rate.' })
  @IsMongoId()
  orderId!: string;

  @Field(() => Int, { description: '1 to 5.' })
  @IsInt()
  @Min(1)
  @Max(5)
  stars!: number;

  @Field({ nullable: true, description: 'A comment on the care, up to 500 characters.' })
  @IsOptional()
  @Length(1, 500)
  comment?: string;
}

@InputType({ description: 'An order to cancel.' })
export class CancelCareOrderInput {
  @Field(() => ID, { description: 'The order to cancel.' })
  @IsMongoId()
  orderId!: string;

  @Field({ nullable: true, description: "Why, up to 500 characters; kept in the order's history." })
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
