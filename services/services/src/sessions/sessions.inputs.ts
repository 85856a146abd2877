import { ConnectionArgs, DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsMongoId, IsOptional, Length, Max, Min } from 'class-validator';
import { SessionBookingStatus } from './care-session.schema';

@InputType({ description: 'A new session of a care item run in sessions, e.g. a holiday class.' })
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

  @Field({ description: "The session's title, e.g. 暑期白天托管班 第一期." })
  @Length(1, 60)
  title!: string;

  @Field({ nullable: true, description: 'Where it is held, if set.' })
  @IsOptional()
  @Length(1, 100)
  location?: string;

  @Field({ description: 'When the session starts; in the future.' })
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  startsAt!: Date;

  @Field({ description: 'When the session ends; after startsAt.' })
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

@InputType({ description: 'A place in a care session for a resident.' })
export class BookCareSessionInput {
  @Field(() => ID, { description: 'The session to book a place in.' })
  @IsMongoId()
  sessionId!: string;

  @Field(() => ID, {
    description:
      'Who the place is for: the caller, someone of their household (a child), or a resident a grid worker looks after.',
  })
  @IsMongoId()
  residentId!: string;
}

@InputType({ description: 'A session booking to cancel.' })
export class CancelSessionBookingInput {
  @Field(() => ID, { description: 'The booking to cancel.' })
  @IsMongoId()
  bookingId!: string;

  @Field({ nullable: true, description: "Why, if given; kept in the booking's history." })
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
  @Field(() => SessionBookingStatus, { nullable: true, description: 'Only bookings in this status.' })
  @IsOptional()
  @IsEnum(SessionBookingStatus)
  status?: SessionBookingStatus;
}

@InputType({ description: 'A session to open to a community alliance (社区联盟).' })
export class ShareCareSessionWithAllianceInput {
  @Field(() => ID, { description: 'The session.' })
  @IsMongoId()
  sessionId!: string;

  @Field(() => ID, { description: "An alliance the session's community belongs to." })
  @IsMongoId()
  allianceId!: string;
}

@InputType({ description: 'A session whose opening to an alliance ends.' })
export class WithdrawCareSessionSharingInput {
  @Field(() => ID, { description: 'The session.' })
  @IsMongoId()
  sessionId!: string;
}
