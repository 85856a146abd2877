import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsMongoId, IsOptional, Length, Max, Min } from 'class-validator';
import { SessionBookingStatus } from './care-session.schema';

@InputType()
export class ScheduleCareSessionInput {
  @Field(() => ID, { description: 'An item run in sessions (delivery IN_SESSIONS).' })
  @IsMongoId()
  itemId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Who runs it: one of the item's providers; may be left out when it has only one.",
  })
  @IsOptional()
  @IsMongoId()
  providerId?: string;

  @Field()
  @Length(1, 60)
  title!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 100)
  location?: string;

  @Field()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  startsAt!: Date;

  @Field()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  endsAt!: Date;

  @Field(() => Int, { nullable: true, description: "Places; the item's session capacity when left out." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  capacity?: number;
}

@InputType()
export class BookCareSessionInput {
  @Field(() => ID)
  @IsMongoId()
  sessionId!: string;

  @Field(() => ID, {
    description:
      'Who the place is for: the caller, someone of their household (a child), or a resident a grid worker looks after.',
  })
  @IsMongoId()
  residentId!: string;
}

@InputType()
export class CancelSessionBookingInput {
  @Field(() => ID)
  @IsMongoId()
  bookingId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  reason?: string;
}

@ArgsType()
export class CareSessionsArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Sessions starting at or after this time; all of them when left out.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  from?: Date;
}

@ArgsType()
export class SessionBookingsArgs extends ConnectionArgs {
  @Field(() => SessionBookingStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SessionBookingStatus)
  status?: SessionBookingStatus;
}
